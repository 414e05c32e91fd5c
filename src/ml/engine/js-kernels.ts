import { SELU_ALPHA, SELU_SCALE, type Kernels } from './kernels';

function act(x: number, code: number): number {
  switch (code) {
    case 1:
      return x > 0 ? x : 0;
    case 2:
      return Math.tanh(x);
    case 3:
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case 4:
      return x > 0 ? x : Math.expm1(x);
    case 5:
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
    default:
      return x;
  }
}

function actGrad(a: number, code: number): number {
  switch (code) {
    case 1:
      return a > 0 ? 1 : 0;
    case 2:
      return 1 - a * a;
    case 3:
      return a * (1 - a);
    case 4:
      return a > 0 ? 1 : a + 1;
    case 5:
      return a > 0 ? SELU_SCALE : a + SELU_SCALE * SELU_ALPHA;
    default:
      return 1;
  }
}

/** The reference kernels: plain loops, read as the math is written. */
export const jsKernels: Kernels = {
  name: 'js',
  gemm(a, b, c, m, n, k, transA, transB, accumulate) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = accumulate ? c[i * n + j] : 0;
        for (let p = 0; p < k; p++) s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
        c[i * n + j] = s;
      }
    }
  },
  biasAct(z, bias, out, rows, cols, code) {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = act(z[i * cols + j] + bias[j], code);
  },
  actBackward(a, da, dz, n, code) {
    for (let i = 0; i < n; i++) dz[i] = da[i] * actGrad(a[i], code);
  },
  colSum(dz, db, rows, cols, accumulate) {
    for (let j = 0; j < cols; j++) {
      let s = accumulate ? db[j] : 0;
      for (let i = 0; i < rows; i++) s += dz[i * cols + j];
      db[j] = s;
    }
  },
  adam(p, g, m, v, n, lr, beta1, beta2, eps, c1, c2) {
    for (let i = 0; i < n; i++) {
      const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g[i]);
      const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]);
      p[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
    }
  },
};
