import type { Labels } from './partition';

/**
 * Internal clustering indices (no gold labels: how compact and separated the clusters are in the
 * feature space), as scikit-learn 1.2 computes them: Euclidean distances, clusters in ascending
 * label order, the same guards. Rows are row-major float64.
 */
export interface Points {
  data: Float64Array;
  n: number;
  d: number;
}

function encode(labels: Labels, n: number): { code: Int32Array; k: number } {
  if (labels.length !== n) throw new Error(`${labels.length} labels for ${n} rows`);
  const distinct = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  const index = new Map(distinct.map((v, i) => [v, i]));
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) code[i] = index.get(labels[i]) as number;
  return { code, k: distinct.length };
}

function checkLabelCount(k: number, n: number): void {
  if (k < 2 || k > n - 1) throw new Error(`the number of clusters is ${k}; these indices need between 2 and n − 1 = ${n - 1}`);
}

function squaredDistance(x: Float64Array, i: number, y: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) {
    const t = x[i * d + f] - y[j * d + f];
    s += t * t;
  }
  return s;
}

function distance(x: Float64Array, i: number, y: Float64Array, j: number, d: number): number {
  return Math.sqrt(squaredDistance(x, i, y, j, d));
}

function centroids(X: Points, code: Int32Array, k: number): { centres: Float64Array; sizes: Float64Array } {
  const centres = new Float64Array(k * X.d);
  const sizes = new Float64Array(k);
  for (let i = 0; i < X.n; i++) {
    sizes[code[i]]++;
    for (let f = 0; f < X.d; f++) centres[code[i] * X.d + f] += X.data[i * X.d + f];
  }
  for (let c = 0; c < k; c++) for (let f = 0; f < X.d; f++) centres[c * X.d + f] /= sizes[c];
  return { centres, sizes };
}

/** Per-row silhouette: (b − a) / max(a, b); 0 for a row alone in its cluster. O(n²·d). */
export function silhouetteSamples(X: Points, labels: Labels): Float64Array {
  const { code, k } = encode(labels, X.n);
  checkLabelCount(k, X.n);
  const freq = new Float64Array(k);
  for (let i = 0; i < X.n; i++) freq[code[i]]++;
  const out = new Float64Array(X.n);
  const sums = new Float64Array(k);
  for (let i = 0; i < X.n; i++) {
    sums.fill(0);
    for (let j = 0; j < X.n; j++) if (j !== i) sums[code[j]] += distance(X.data, i, X.data, j, X.d);
    const own = code[i];
    const a = sums[own] / (freq[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own) b = Math.min(b, sums[c] / freq[c]);
    const s = (b - a) / Math.max(a, b);
    out[i] = Number.isFinite(s) ? s : 0;
  }
  return out;
}

export function silhouetteScore(X: Points, labels: Labels): number {
  const s = silhouetteSamples(X, labels);
  let sum = 0;
  for (const v of s) sum += v;
  return sum / s.length;
}

/** Mean over clusters of the worst (scatter_i + scatter_j) / centre distance; lower is better. */
export function daviesBouldinScore(X: Points, labels: Labels): number {
  const { code, k } = encode(labels, X.n);
  checkLabelCount(k, X.n);
  const { centres, sizes } = centroids(X, code, k);
  const intra = new Float64Array(k);
  for (let i = 0; i < X.n; i++) intra[code[i]] += distance(X.data, i, centres, code[i], X.d);
  for (let c = 0; c < k; c++) intra[c] /= sizes[c];
  const between = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) between[a * k + b] = distance(centres, a, centres, b, X.d);
  // sklearn's np.allclose(·, 0): every value within 1e-8
  if (intra.every((v) => Math.abs(v) <= 1e-8) || between.every((v) => Math.abs(v) <= 1e-8)) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = -Infinity;
    for (let b = 0; b < k; b++) {
      const dist = between[a * k + b] === 0 ? Infinity : between[a * k + b];
      worst = Math.max(worst, (intra[a] + intra[b]) / dist);
    }
    total += worst;
  }
  return total / k;
}

/** Between-cluster over within-cluster dispersion, scaled by degrees of freedom; higher is better. */
export function calinskiHarabaszScore(X: Points, labels: Labels): number {
  const { code, k } = encode(labels, X.n);
  checkLabelCount(k, X.n);
  const { centres, sizes } = centroids(X, code, k);
  const mean = new Float64Array(X.d);
  for (let i = 0; i < X.n; i++) for (let f = 0; f < X.d; f++) mean[f] += X.data[i * X.d + f];
  for (let f = 0; f < X.d; f++) mean[f] /= X.n;
  let extra = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let f = 0; f < X.d; f++) s += (centres[c * X.d + f] - mean[f]) ** 2;
    extra += sizes[c] * s;
  }
  let intra = 0;
  for (let i = 0; i < X.n; i++) intra += squaredDistance(X.data, i, centres, code[i], X.d);
  return intra === 0 ? 1 : (extra * (X.n - k)) / (intra * (k - 1));
}

/** The three indices under scikit-learn's function names. */
export function internalReport(X: Points, labels: Labels): Record<string, number> {
  return { silhouette_score: silhouetteScore(X, labels), davies_bouldin_score: daviesBouldinScore(X, labels), calinski_harabasz_score: calinskiHarabaszScore(X, labels) };
}
