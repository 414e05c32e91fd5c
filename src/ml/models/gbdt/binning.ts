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
  const finite: number[] = [];
  let hasMissing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) hasMissing = true;
    else finite.push(Math.fround(v));
  }
  if (finite.length === 0) return { edges: new Float32Array(0), count: 1, hasMissing };
  const sorted = Float64Array.from(finite).sort();
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

/** Bins for every feature from the training rows of a row-major matrix. */
export function fitBins(x: Float32Array, cols: number, rows: ArrayLike<number>, maxBins: number): FeatureBins[] {
  const out: FeatureBins[] = [];
  const col = new Float32Array(rows.length);
  for (let f = 0; f < cols; f++) {
    for (let i = 0; i < rows.length; i++) col[i] = x[rows[i] * cols + f];
    out.push(fitFeatureBins(col, maxBins));
  }
  return out;
}

/** Codes for the given rows of a row-major matrix, column-major for histogram building. */
export function applyBins(x: Float32Array, cols: number, rows: ArrayLike<number>, bins: FeatureBins[]): BinnedMatrix {
  const n = rows.length;
  const codes = new Uint8Array(n * cols);
  for (let f = 0; f < cols; f++) {
    const b = bins[f];
    for (let i = 0; i < n; i++) codes[f * n + i] = binOf(b, x[rows[i] * cols + f]);
  }
  return { rows: n, features: cols, codes };
}
