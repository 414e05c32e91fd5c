import { UMAP } from 'umap-js';
import { mulberry32, permutation } from '../../data/rng';
import type { Dense } from './kmeans';

export type ProjectionKind = 'pca' | 'umap';

/** Rows projected at most: UMAP and the power iteration are slow past a few thousand rows, and the plot draws fewer anyway. */
export const PROJECTION_ROWS = 5000;

export interface Projection {
  kind: ProjectionKind;
  /** the positions (into the fitted rows) projected, ascending: all of them up to PROJECTION_ROWS, else a seeded sample */
  at: Int32Array;
  /** at.length × 2, row-major */
  points: Float64Array;
  /** PCA only: the share of the total variance each axis explains */
  explained?: [number, number];
}

/** (Xc)ᵀ(Xc v) without forming the covariance: O(n·d) per product, whatever d is (TF-IDF has thousands of columns). */
function covTimes(X: Dense, mean: Float64Array, v: Float64Array, out: Float64Array): void {
  const { n, d, data } = X;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += (data[i * d + j] - mean[j]) * v[j];
    for (let j = 0; j < d; j++) out[j] += s * (data[i * d + j] - mean[j]);
  }
}

function normalize(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  const norm = Math.sqrt(s);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] /= norm;
  return norm;
}

/**
 * The first `components` principal axes by power iteration with deflation (each vector kept
 * orthogonal to the ones before). Signs follow scikit-learn's svd_flip convention for components:
 * the largest-magnitude entry of each axis is positive, so a rerun draws the same picture.
 */
export function principalAxes(X: Dense, components: number, seed = 0, iterations = 500): { mean: Float64Array; axes: Float64Array[]; eigenvalues: number[]; totalVariance: number } {
  const { n, d, data } = X;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data[i * d + j] / n;
  let totalVariance = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) totalVariance += (data[i * d + j] - mean[j]) ** 2;
  const rng = mulberry32(seed);
  const axes: Float64Array[] = [];
  const eigenvalues: number[] = [];
  const w = new Float64Array(d);
  for (let c = 0; c < Math.min(components, d); c++) {
    const v = Float64Array.from({ length: d }, () => rng() - 0.5);
    let lambda = 0;
    for (let it = 0; it < iterations; it++) {
      for (const a of axes) {
        let p = 0;
        for (let j = 0; j < d; j++) p += a[j] * v[j];
        for (let j = 0; j < d; j++) v[j] -= p * a[j];
      }
      normalize(v);
      covTimes(X, mean, v, w);
      for (const a of axes) {
        let p = 0;
        for (let j = 0; j < d; j++) p += a[j] * w[j];
        for (let j = 0; j < d; j++) w[j] -= p * a[j];
      }
      const next = normalize(w);
      let change = 0;
      for (let j = 0; j < d; j++) change = Math.max(change, Math.abs(w[j] - v[j]));
      v.set(w);
      const converged = Math.abs(next - lambda) <= 1e-12 * Math.max(1, next) && change < 1e-10;
      lambda = next;
      if (converged) break;
    }
    let big = 0;
    for (let j = 0; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
    if (v[big] < 0) for (let j = 0; j < d; j++) v[j] = -v[j];
    axes.push(Float64Array.from(v));
    eigenvalues.push(lambda);
  }
  return { mean, axes, eigenvalues, totalVariance };
}

export function pca2(X: Dense, seed = 0): Omit<Projection, 'at'> {
  const { mean, axes, eigenvalues, totalVariance } = principalAxes(X, 2, seed);
  const points = new Float64Array(X.n * 2);
  for (let i = 0; i < X.n; i++) {
    axes.forEach((a, c) => {
      let s = 0;
      for (let j = 0; j < X.d; j++) s += (X.data[i * X.d + j] - mean[j]) * a[j];
      points[i * 2 + c] = s;
    });
  }
  const share = (k: number) => (totalVariance > 0 ? (eigenvalues[k] ?? 0) / totalVariance : 0);
  return { kind: 'pca', points, explained: [share(0), share(1)] };
}

/** UMAP (umap-js, McInnes et al.) to 2-D, its random draws from Kiln's seeded mulberry32 so a run's picture is reproducible. */
export function umap2(X: Dense, seed = 0, nNeighbors = 15): Omit<Projection, 'at'> {
  const rows = Array.from({ length: X.n }, (_, i) => Array.from(X.data.subarray(i * X.d, (i + 1) * X.d)));
  const u = new UMAP({ nComponents: 2, nNeighbors: Math.max(2, Math.min(nNeighbors, X.n - 1)), minDist: 0.1, random: mulberry32(seed) });
  const emb = u.fit(rows);
  return { kind: 'umap', points: Float64Array.from(emb.flat()) };
}

/** The 2-D picture of X's rows (a seeded sample of PROJECTION_ROWS when there are more). */
export function project(X: Dense, kind: ProjectionKind, seed = 0): Projection {
  const at = X.n <= PROJECTION_ROWS ? Int32Array.from({ length: X.n }, (_, i) => i) : permutation(X.n, mulberry32(seed ^ 0x9e37)).subarray(0, PROJECTION_ROWS).sort();
  if (at.length < 3) return { kind, at, points: new Float64Array(at.length * 2) };
  let sub = X;
  if (at.length < X.n) {
    const data = new Float64Array(at.length * X.d);
    at.forEach((r, i) => data.set(X.data.subarray(r * X.d, (r + 1) * X.d), i * X.d));
    sub = { data, n: at.length, d: X.d };
  }
  return { ...(kind === 'umap' ? umap2(sub, seed) : pca2(sub, seed)), at };
}
