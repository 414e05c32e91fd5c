import { SELU_ALPHA, SELU_SCALE, type Kernels } from './kernels';

/** act(x) for the codes of kernels.ts's ACTIVATIONS, in float64 (the caller stores float32). */
export function activate(x: number, act: number): number {
  switch (act) {
    case 1: // relu
      return x > 0 ? x : 0;
    case 2: // tanh
      return Math.tanh(x);
    case 3: // sigmoid, written so neither branch overflows
      return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    case 4: // elu, alpha 1
      return x > 0 ? x : Math.expm1(x);
    case 5: // selu
      return x > 0 ? SELU_SCALE * x : SELU_SCALE * SELU_ALPHA * Math.expm1(x);
    default: // linear
      return x;
  }
}

/** act'(·) written from the activation's output a. */
export function activationGrad(a: number, act: number): number {
  switch (act) {
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

/**
 * The reference kernels: plain loops, read as the math is written (sums in float64, stored
 * float32). Every other implementation is tested against these. Arrays may be any Float32Array.
 */
export const jsKernels: Kernels = {
  name: 'js',

  gemm(a, b, c, m, n, k, transA, transB, accumulate) {
    if (!transA && !transB) {
      // i-k-j: the inner loop walks a row of B and a float64 copy of a row of C, both contiguous
      const row = new Float64Array(n);
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) row[j] = accumulate ? c[i * n + j] : 0;
        for (let p = 0; p < k; p++) {
          const aip = a[i * k + p];
          for (let j = 0; j < n; j++) row[j] += aip * b[p * n + j];
        }
        for (let j = 0; j < n; j++) c[i * n + j] = row[j];
      }
      return;
    }
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = accumulate ? c[i * n + j] : 0;
        for (let p = 0; p < k; p++) s += (transA ? a[p * m + i] : a[i * k + p]) * (transB ? b[j * k + p] : b[p * n + j]);
        c[i * n + j] = s;
      }
    }
  },

  biasAct(z, bias, out, rows, cols, act) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) out[i * cols + j] = activate(z[i * cols + j] + bias[j], act);
    }
  },

  actBackward(a, da, dz, n, act) {
    for (let i = 0; i < n; i++) dz[i] = da[i] * activationGrad(a[i], act);
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
      const gi = g[i];
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps);
    }
  },

  lstmCell(g, cPrev, hPrev, c, h, tanhC, mask, batch, H) {
    for (let r = 0; r < batch; r++) {
      const o = r * 4 * H;
      for (let j = 0; j < H; j++) {
        const s = r * H + j;
        if (mask[r] === 0) {
          c[s] = cPrev[s];
          h[s] = hPrev[s];
          tanhC[s] = 0;
          continue;
        }
        const i = (g[o + j] = activate(g[o + j], 3));
        const f = (g[o + H + j] = activate(g[o + H + j], 3));
        const cand = (g[o + 2 * H + j] = Math.tanh(g[o + 2 * H + j]));
        const og = (g[o + 3 * H + j] = activate(g[o + 3 * H + j], 3));
        const cell = (c[s] = f * cPrev[s] + i * cand);
        const th = (tanhC[s] = Math.tanh(cell));
        h[s] = og * th;
      }
    }
  },

  lstmCellBackward(g, cPrev, tanhC, mask, dOut, dh, dc, dg, batch, H) {
    for (let r = 0; r < batch; r++) {
      const o = r * 4 * H;
      for (let j = 0; j < H; j++) {
        const s = r * H + j;
        const dhs = dh[s] + dOut[s];
        if (mask[r] === 0) {
          dh[s] = dhs;
          dg[o + j] = dg[o + H + j] = dg[o + 2 * H + j] = dg[o + 3 * H + j] = 0;
          continue;
        }
        const i = g[o + j];
        const f = g[o + H + j];
        const cand = g[o + 2 * H + j];
        const og = g[o + 3 * H + j];
        const th = tanhC[s];
        const dcs = dc[s] + dhs * og * (1 - th * th);
        dg[o + j] = dcs * cand * i * (1 - i);
        dg[o + H + j] = dcs * cPrev[s] * f * (1 - f);
        dg[o + 2 * H + j] = dcs * i * (1 - cand * cand);
        dg[o + 3 * H + j] = dhs * th * og * (1 - og);
        dc[s] = dcs * f;
        dh[s] = 0;
      }
    }
  },
};
