/**
 * Section weights learned from labeled pairs over the per-section cosines: logistic regression
 * (Newton / IRLS, a small L2 on the weights) for binary labels, least squares for graded scores.
 * Both fit a bias; with 2–5 sections these are tiny dense problems solved exactly.
 */
export interface LinearWeights {
  weights: number[];
  bias: number;
}

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    if (Math.abs(m[c][c]) < 1e-14) throw new Error('the section similarities are collinear on these pairs; drop a section or label more pairs');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** x: row-major n × d similarities; least squares y ≈ x·w + b, with a tiny ridge so a constant section cannot break the solve. */
export function fitLeastSquares(x: Float64Array, d: number, y: ArrayLike<number>, ridge = 1e-9): LinearWeights {
  const n = y.length;
  const D = d + 1;
  const a = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  const b = new Array<number>(D).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < D; j++) {
      const xj = j < d ? x[i * d + j] : 1;
      b[j] += xj * y[i];
      for (let k = 0; k < D; k++) a[j][k] += xj * (k < d ? x[i * d + k] : 1);
    }
  }
  for (let j = 0; j < d; j++) a[j][j] += ridge * n;
  const w = solve(a, b);
  return { weights: w.slice(0, d), bias: w[d] };
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Logistic regression by Newton steps; `l2` penalizes the weights (not the bias), as scikit-learn's C = 1 / l2. */
export function fitLogistic(x: Float64Array, d: number, y: ArrayLike<number>, l2 = 1e-3, maxIter = 100): LinearWeights {
  const n = y.length;
  const D = d + 1;
  let w = new Array<number>(D).fill(0);
  for (let it = 0; it < maxIter; it++) {
    const g = new Array<number>(D).fill(0);
    const h = Array.from({ length: D }, () => new Array<number>(D).fill(0));
    for (let i = 0; i < n; i++) {
      let z = w[d];
      for (let j = 0; j < d; j++) z += w[j] * x[i * d + j];
      const p = sigmoid(z);
      const r = p - y[i];
      const s = Math.max(p * (1 - p), 1e-12);
      for (let j = 0; j < D; j++) {
        const xj = j < d ? x[i * d + j] : 1;
        g[j] += r * xj;
        for (let k = 0; k < D; k++) h[j][k] += s * xj * (k < d ? x[i * d + k] : 1);
      }
    }
    for (let j = 0; j < d; j++) {
      g[j] += l2 * w[j];
      h[j][j] += l2;
    }
    const step = solve(h, g);
    w = w.map((v, j) => v - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { weights: w.slice(0, d), bias: w[d] };
}

export function linearScore(lw: LinearWeights, x: Float64Array, d: number): Float64Array {
  const n = x.length / d;
  return Float64Array.from({ length: n }, (_, i) => {
    let z = lw.bias;
    for (let j = 0; j < d; j++) z += lw.weights[j] * x[i * d + j];
    return z;
  });
}
