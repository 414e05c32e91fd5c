import { mulberry32, type Rng } from '../../data/rng';

/** A dense row-major matrix: n rows of d values (the shape the internal indices read). */
export interface Dense {
  data: Float64Array;
  n: number;
  d: number;
}

export interface KMeansOptions {
  k: number;
  /** the largest number of Lloyd iterations per initialisation */
  maxIter: number;
  /** relative tolerance as scikit-learn reads it: tol × the mean per-feature variance of X */
  tol: number;
  /** initialisations tried; the lowest inertia wins */
  nInit: number;
  seed: number;
  /** given initial centres (k × d, row-major): one run from them, as scikit-learn's `init=array` */
  init?: Float64Array;
}

export interface KMeansResult {
  k: number;
  d: number;
  /** k × d, row-major */
  centers: Float64Array;
  labels: Int32Array;
  inertia: number;
  /** Lloyd iterations of the winning initialisation */
  nIter: number;
  /** whether an iteration left every label unchanged (scikit-learn's strict convergence) */
  converged: boolean;
}

/** Squared Euclidean distance of row i of X to centre c, as a direct difference (no ‖x‖² − 2x·c cancellation). */
export function squaredDistance(x: Float64Array, i: number, centers: Float64Array, c: number, d: number): number {
  let s = 0;
  const xo = i * d;
  const co = c * d;
  for (let j = 0; j < d; j++) {
    const t = x[xo + j] - centers[co + j];
    s += t * t;
  }
  return s;
}

/** The nearest centre of each row, ties to the lowest index (scikit-learn's argmin); fills `dist` with that squared distance. */
export function assignNearest(X: Dense, centers: Float64Array, k: number, labels: Int32Array, dist?: Float64Array): void {
  for (let i = 0; i < X.n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const v = squaredDistance(X.data, i, centers, c, X.d);
      if (v < bestD) {
        bestD = v;
        best = c;
      }
    }
    labels[i] = best;
    if (dist) dist[i] = bestD;
  }
}

export function inertiaOf(X: Dense, centers: Float64Array, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < X.n; i++) s += squaredDistance(X.data, i, centers, labels[i], X.d);
  return s;
}

/** scikit-learn's `_tolerance`: tol scaled by the mean of the per-feature variances, so it does not depend on the data's units. */
export function absoluteTolerance(X: Dense, tol: number): number {
  if (tol === 0) return 0;
  let total = 0;
  for (let j = 0; j < X.d; j++) {
    let mean = 0;
    for (let i = 0; i < X.n; i++) mean += X.data[i * X.d + j];
    mean /= X.n;
    let v = 0;
    for (let i = 0; i < X.n; i++) v += (X.data[i * X.d + j] - mean) ** 2;
    total += v / X.n;
  }
  return (total / X.d) * tol;
}

/**
 * scikit-learn's greedy k-means++ (`_kmeans_plusplus`): the first centre uniformly at random, then
 * for each next centre 2 + ⌊ln k⌋ candidates drawn with probability ∝ squared distance to the
 * nearest chosen centre, keeping the candidate that lowers the total potential most. Draws come
 * from Kiln's seeded mulberry32, so the centres are reproducible but not numpy's.
 */
export function kmeansPlusPlus(X: Dense, k: number, rng: Rng): Float64Array {
  const { n, d, data } = X;
  const centers = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.min(n - 1, Math.floor(rng() * n));
  centers.set(data.subarray(first * d, (first + 1) * d), 0);
  let closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) pot += closest[i] = squaredDistance(data, i, centers, 0, d);
  const cumsum = new Float64Array(n);
  let candDist = new Float64Array(n);
  let bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let run = 0;
    for (let i = 0; i < n; i++) cumsum[i] = run += closest[i];
    let bestPot = Infinity;
    let bestId = 0;
    for (let t = 0; t < trials; t++) {
      const id = searchSorted(cumsum, rng() * pot);
      let p = 0;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += (data[i * d + j] - data[id * d + j]) ** 2;
        p += candDist[i] = Math.min(closest[i], s);
      }
      // strict <: the first of equal candidates wins, as numpy's argmin
      if (p < bestPot) {
        bestPot = p;
        bestId = id;
        [candDist, bestDist] = [bestDist, candDist];
      }
    }
    pot = bestPot;
    [closest, bestDist] = [bestDist, closest];
    centers.set(data.subarray(bestId * d, (bestId + 1) * d), c * d);
  }
  return centers;
}

/** numpy's searchsorted (side left), clipped to the last index as scikit-learn clips it. */
function searchSorted(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, a.length - 1);
}

/**
 * An empty cluster takes the point farthest from its centre (scikit-learn's
 * `_relocate_empty_clusters_dense`): with several empty clusters, the farthest points in
 * decreasing distance go to the empty clusters in index order, each leaving its old cluster's
 * sum. Labels are left as they are; the next assignment step moves them.
 */
function relocateEmpty(X: Dense, oldCenters: Float64Array, sums: Float64Array, counts: Float64Array, labels: Int32Array, k: number): void {
  const empty: number[] = [];
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty.push(c);
  if (!empty.length) return;
  const { d, data } = X;
  const dist = Float64Array.from({ length: X.n }, (_, i) => squaredDistance(data, i, oldCenters, labels[i], d));
  const far = Array.from({ length: X.n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || a - b);
  empty.forEach((c, e) => {
    const i = far[e];
    const old = labels[i];
    for (let j = 0; j < d; j++) {
      sums[old * d + j] -= data[i * d + j];
      sums[c * d + j] = data[i * d + j];
    }
    counts[c] = 1;
    counts[old] -= 1;
  });
}

/** One Lloyd step: labels from `centers`, then `next` = the means of those labels. Returns the squared centre shift. */
function lloydStep(X: Dense, centers: Float64Array, next: Float64Array, labels: Int32Array, k: number): number {
  const { d, data } = X;
  assignNearest(X, centers, k, labels);
  const counts = new Float64Array(k);
  next.fill(0);
  for (let i = 0; i < X.n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let j = 0; j < d; j++) next[c * d + j] += data[i * d + j];
  }
  relocateEmpty(X, centers, next, counts, labels, k);
  let shift = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < d; j++) {
      next[c * d + j] /= counts[c];
      shift += (next[c * d + j] - centers[c * d + j]) ** 2;
    }
  }
  return shift;
}

/**
 * Lloyd's algorithm as scikit-learn 1.2's `_kmeans_single_lloyd`: each iteration assigns labels
 * from the current centres and moves the centres to the means; it stops when no label changed
 * (strict convergence) or the total squared centre shift is ≤ the scaled tol; if it stopped on
 * tol or max_iter, one more assignment makes the labels agree with the final centres.
 */
export function lloyd(X: Dense, init: Float64Array, k: number, maxIter: number, tolAbs: number): KMeansResult {
  let centers = Float64Array.from(init);
  let next = new Float64Array(centers.length);
  const labels = new Int32Array(X.n);
  const old = new Int32Array(X.n).fill(-1);
  let converged = false;
  let it = 0;
  for (; it < maxIter; it++) {
    const shift = lloydStep(X, centers, next, labels, k);
    [centers, next] = [next, centers];
    let same = true;
    for (let i = 0; i < X.n && same; i++) same = labels[i] === old[i];
    if (same) {
      converged = true;
      break;
    }
    if (shift <= tolAbs) break;
    old.set(labels);
  }
  if (!converged) assignNearest(X, centers, k, labels);
  return { k, d: X.d, centers, labels, inertia: inertiaOf(X, centers, labels), nIter: Math.min(it + 1, maxIter), converged };
}

export function kmeansProblems(X: Dense, o: Pick<KMeansOptions, 'k' | 'maxIter' | 'nInit' | 'tol'>): string[] {
  const p: string[] = [];
  if (!Number.isInteger(o.k) || o.k < 1) p.push(`k: ${o.k} is not a whole number ≥ 1`);
  else if (o.k > X.n) p.push(`k: ${o.k} clusters need at least ${o.k} rows (there are ${X.n})`);
  if (!Number.isInteger(o.maxIter) || o.maxIter < 1) p.push(`maxIter: ${o.maxIter} is not a whole number ≥ 1`);
  if (!Number.isInteger(o.nInit) || o.nInit < 1) p.push(`nInit: ${o.nInit} is not a whole number ≥ 1`);
  if (!(o.tol >= 0)) p.push(`tol: ${o.tol} is not ≥ 0`);
  return p;
}

/** k-means with n_init k-means++ starts (or one run from given centres), the lowest inertia kept (the first of equals). */
export function kmeans(X: Dense, o: KMeansOptions): KMeansResult {
  const problems = kmeansProblems(X, o);
  if (problems.length) throw new Error(`k-means: ${problems.join('; ')}`);
  const tolAbs = absoluteTolerance(X, o.tol);
  if (o.init) {
    if (o.init.length !== o.k * X.d) throw new Error(`k-means: the initial centres have ${o.init.length} values, expected k × d = ${o.k * X.d}`);
    return lloyd(X, o.init, o.k, o.maxIter, tolAbs);
  }
  const rng = mulberry32(o.seed);
  let best: KMeansResult | null = null;
  for (let r = 0; r < o.nInit; r++) {
    const res = lloyd(X, kmeansPlusPlus(X, o.k, rng), o.k, o.maxIter, tolAbs);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best as KMeansResult;
}
