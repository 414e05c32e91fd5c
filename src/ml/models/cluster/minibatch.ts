import { mulberry32 } from '../../data/rng';
import { assignNearest, inertiaOf, kmeansPlusPlus, type Dense, type KMeansOptions, type KMeansResult } from './kmeans';

/** Rows above which 'auto' picks mini-batch k-means: a full Lloyd pass over more is slow in a browser tab. */
export const MINIBATCH_ABOVE = 20_000;

function subset(X: Dense, rows: Int32Array): Dense {
  const data = new Float64Array(rows.length * X.d);
  rows.forEach((r, i) => data.set(X.data.subarray(r * X.d, (r + 1) * X.d), i * X.d));
  return { data, n: rows.length, d: X.d };
}

function sampleRows(n: number, m: number, rng: () => number): Int32Array {
  return Int32Array.from({ length: m }, () => Math.min(n - 1, Math.floor(rng() * n)));
}

/**
 * Mini-batch k-means (Sculley 2010, as scikit-learn's MiniBatchKMeans updates centres): each step
 * draws `batchSize` rows with replacement, assigns them, and moves each centre to the running mean
 * of every row it has been given (centre += (batch mean − centre) · b / (count + b)). Initialised by
 * k-means++ on a sample of 3·batchSize rows; `maxIter` counts passes over the data, stopping early
 * once the batch inertia's moving average has not improved for 10 steps. The best of `nInit` starts
 * is chosen on a held sample, as scikit-learn does. Labels and inertia at the end are the full data's.
 */
export function miniBatchKmeans(X: Dense, o: KMeansOptions & { batchSize: number }): KMeansResult {
  const { k, d } = { k: o.k, d: X.d };
  const rng = mulberry32(o.seed);
  const b = Math.min(o.batchSize, X.n);
  const initSize = Math.min(X.n, Math.max(3 * b, k));
  const validation = subset(X, sampleRows(X.n, initSize, rng));
  let bestCenters: Float64Array | null = null;
  let bestInertia = Infinity;
  for (let r = 0; r < o.nInit; r++) {
    const c = kmeansPlusPlus(subset(X, sampleRows(X.n, initSize, rng)), k, rng);
    const labels = new Int32Array(validation.n);
    assignNearest(validation, c, k, labels);
    const inertia = inertiaOf(validation, c, labels);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      bestCenters = c;
    }
  }
  const centers = bestCenters as Float64Array;
  const counts = new Float64Array(k);
  const steps = Math.ceil((o.maxIter * X.n) / b);
  let ewa = NaN;
  let bestEwa = Infinity;
  let noImprovement = 0;
  let step = 0;
  const labels = new Int32Array(b);
  const dist = new Float64Array(b);
  for (; step < steps; step++) {
    const batch = subset(X, sampleRows(X.n, b, rng));
    assignNearest(batch, centers, k, labels, dist);
    const sums = new Float64Array(k * d);
    const n = new Float64Array(k);
    let batchInertia = 0;
    for (let i = 0; i < b; i++) {
      const c = labels[i];
      n[c]++;
      batchInertia += dist[i];
      for (let j = 0; j < d; j++) sums[c * d + j] += batch.data[i * d + j];
    }
    for (let c = 0; c < k; c++) {
      if (!n[c]) continue;
      const rate = n[c] / (counts[c] + n[c]);
      for (let j = 0; j < d; j++) centers[c * d + j] += (sums[c * d + j] / n[c] - centers[c * d + j]) * rate;
      counts[c] += n[c];
    }
    const alpha = Math.min(1, (2 * b) / (X.n + 1));
    ewa = Number.isNaN(ewa) ? batchInertia / b : ewa * (1 - alpha) + (batchInertia / b) * alpha;
    if (ewa < bestEwa) {
      bestEwa = ewa;
      noImprovement = 0;
    } else if (++noImprovement >= 10) break;
  }
  const all = new Int32Array(X.n);
  assignNearest(X, centers, k, all);
  return { k, d, centers, labels: all, inertia: inertiaOf(X, centers, all), nIter: Math.min(step + 1, steps), converged: step < steps };
}
