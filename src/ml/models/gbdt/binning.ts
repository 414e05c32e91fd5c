import { mulberry32, permutation } from '../../data/rng';

/**
 * Quantile binning. Each feature gets at most `maxBins` bins for its values plus one bin (MISSING)
 * for NaN. A value x falls in the first bin b with x ≤ edges[b] (the last bin takes the rest), so
 * "bin ≤ b" and "x ≤ edges[b]" are the same test: the exported trees compare raw values against
 * the same edges and route every row as training did.
 *
 * Edges are float32 numbers strictly between two neighbouring float32 values seen in training,
 * because the ONNX runtime compares in float32.
 */
export const MISSING = 255;

export interface FeatureBins {
  /** upper edges of bins 0..count−2 (the last bin is open) */
  edges: Float32Array;
  /** number of value bins (1 for a constant or all-missing column: it can never split) */
  count: number;
  hasMissing: boolean;
}

export interface BinnedMatrix {
  rows: number;
  features: number;
  /** column-major: codes[f·rows + i] */
  codes: Uint8Array;
}

/** Bin edges of one feature from its training values (NaN = missing). */
export function fitFeatureBins(values: ArrayLike<number>, maxBins: number): FeatureBins {
  // the finite values as float32 (what the graph compares), sorted natively
  const finite = new Float32Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) finite[m++] = v;
  }
  const hasMissing = m < values.length;
  if (m === 0) return { edges: new Float32Array(0), count: 1, hasMissing };
  const sorted = finite.subarray(0, m).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) cuts.push(edgeBetween(distinct[i - 1], distinct[i]));
  } else {
    // Greedy quantile bins over the distinct values (as LightGBM does): each bin takes about
    // remaining rows / remaining bins, and a value repeated more than that gets a bin of its own,
    // so a spike (say 60% zeros) is never lumped with its neighbours.
    const counts: number[] = [];
    for (let i = 0, j = 0; i < sorted.length; i = j) {
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      counts.push(j - i);
    }
    let remaining = sorted.length;
    let acc = 0;
    for (let d = 0; d < distinct.length - 1 && cuts.length < maxBins - 1; d++) {
      const target = remaining / (maxBins - cuts.length);
      const heavyNext = counts[d + 1] >= target;
      acc += counts[d];
      if (acc >= target || counts[d] >= target || heavyNext) {
        cuts.push(edgeBetween(distinct[d], distinct[d + 1]));
        remaining -= acc;
        acc = 0;
      }
    }
  }
  return { edges: Float32Array.from(cuts), count: cuts.length + 1, hasMissing };
}

/** A float32 edge e with lo ≤ e < hi (the midpoint when float32 can hold it). */
function edgeBetween(lo: number, hi: number): number {
  const mid = Math.fround(lo + (hi - lo) / 2);
  return mid >= hi || mid < lo ? lo : mid;
}

export function binOf(bins: FeatureBins, x: number): number {
  if (Number.isNaN(x)) return MISSING;
  const v = Math.fround(x);
  const e = bins.edges;
  let lo = 0;
  let hi = e.length; // answer in [0, e.length]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= e[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Rows bin edges are fitted on at most (scikit-learn's HistGradientBoosting subsamples as many):
 * 255 quantiles are as good from 200,000 rows as from millions, and sorting every column of a
 * million-row table was a third of a fit.
 */
export const BIN_SAMPLE_ROWS = 200_000;

/** Bins for every feature from the training rows of a row-major matrix (a seeded sample of them past BIN_SAMPLE_ROWS). */
export function fitBins(x: Float32Array, cols: number, rows: ArrayLike<number>, maxBins: number): FeatureBins[] {
  const sample = rows.length > BIN_SAMPLE_ROWS ? Int32Array.from(permutation(rows.length, mulberry32(0)).subarray(0, BIN_SAMPLE_ROWS), (i) => rows[i]).sort() : rows;
  const out: FeatureBins[] = [];
  const col = new Float32Array(sample.length);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < sample.length; i++) col[i] = x[sample[i] * cols + f];
    out.push(fitFeatureBins(col, maxBins));
  }
  return out;
}

const APPLY_BLOCK = 256;

/** Codes for the given rows of a row-major matrix, column-major for histogram building. */
export function applyBins(x: Float32Array, cols: number, rows: ArrayLike<number>, bins: FeatureBins[]): BinnedMatrix {
  const n = rows.length;
  const codes = new Uint8Array(n * cols);
  const edges = bins.map((b) => b.edges);
  // in blocks of rows, a feature at a time: the block's rows stay in cache while each column is
  // written in order (row by row scattered every value over `cols` far-apart columns; feature by
  // feature over the whole table strode through it, a cache miss a value)
  for (let i0 = 0; i0 < n; i0 += APPLY_BLOCK) {
    const i1 = Math.min(n, i0 + APPLY_BLOCK);
    for (let f = 0; f < cols; f++) {
      const e = edges[f];
      const out = f * n;
      for (let i = i0; i < i1; i++) {
        const v = x[rows[i] * cols + f];
        let code = MISSING;
        if (v === v) {
          // branch-free lower bound: halving steps whose count does not depend on v (a branchy
          // search mispredicts about every other step on real data)
          let base = 0;
          let len = e.length;
          while (len > 1) {
            const half = len >>> 1;
            base = e[base + half - 1] < v ? base + half : base;
            len -= half;
          }
          code = len === 1 && e[base] < v ? base + 1 : base;
        }
        codes[out + i] = code;
      }
    }
  }
  return { rows: n, features: cols, codes };
}
