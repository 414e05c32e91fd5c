import { mae, r2, rmse } from '../metrics/regression';
import { mulberry32 } from '../data/rng';

export interface RegressionFigures {
  rmse: number;
  mae: number;
  r2: number;
}

export interface DiagnosticPoint {
  actual: number;
  predicted: number;
  residual: number;
}

export interface HistogramBin {
  lo: number;
  hi: number;
  count: number;
}

export interface RegressionDiagnostics {
  /** rows behind every figure */
  n: number;
  /** the rows drawn (all of them up to `maxPoints`, else a seeded uniform sample) */
  points: DiagnosticPoint[];
  model: RegressionFigures;
  /** DummyRegressor(strategy="mean"): every row predicted as `baselineMean` */
  baseline: RegressionFigures;
  baselineMean: number;
  /** common [min, max] of actual and predicted values, for square predicted-vs-actual axes */
  range: [number, number];
  /** residuals (actual − predicted) of all rows, not just the plotted ones */
  histogram: HistogramBin[];
}

export const MAX_PLOTTED_POINTS = 5000;

/**
 * Indices of at most `max` of n rows, sorted: every row when n ≤ max, else a partial Fisher–Yates
 * sample with a fixed seed, so a reload draws the same points. Linear in n, no spread.
 */
export function samplePointIndices(n: number, max: number, seed = 19): Int32Array {
  if (n <= max) return Int32Array.from({ length: n }, (_, i) => i);
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  const rng = mulberry32(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, max).sort();
}

/** Equal-width bins over [min, max] of the values (one bin when all are equal). */
export function histogram(values: ArrayLike<number>, bins: number): HistogramBin[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [];
  if (hi === lo) {
    let count = 0;
    for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) count++;
    return [{ lo, hi, count }];
  }
  const width = (hi - lo) / bins;
  const out = Array.from({ length: bins }, (_, k) => ({ lo: lo + k * width, hi: k === bins - 1 ? hi : lo + (k + 1) * width, count: 0 }));
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    out[Math.min(bins - 1, Math.floor((v - lo) / width))].count++;
  }
  return out;
}

/**
 * What a regression run is judged by beyond its metric table: predicted against actual, the
 * residuals, and the same figures for predicting the training mean, the baseline a model must beat.
 */
export function regressionDiagnostics(y: ArrayLike<number>, predicted: ArrayLike<number>, baselineMean: number, maxPoints = MAX_PLOTTED_POINTS, bins = 20): RegressionDiagnostics {
  const n = y.length;
  if (predicted.length !== n) throw new Error(`regression diagnostics: ${n} targets but ${predicted.length} predictions`);
  const residuals = new Float64Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    residuals[i] = y[i] - predicted[i];
    lo = Math.min(lo, y[i], predicted[i]);
    hi = Math.max(hi, y[i], predicted[i]);
  }
  if (Number.isFinite(baselineMean)) {
    lo = Math.min(lo, baselineMean);
    hi = Math.max(hi, baselineMean);
  }
  const base = new Float64Array(n).fill(baselineMean);
  const points = Array.from(samplePointIndices(n, maxPoints), (i) => ({ actual: y[i], predicted: predicted[i], residual: residuals[i] }));
  return {
    n,
    points,
    model: { rmse: rmse(y, predicted), mae: mae(y, predicted), r2: r2(y, predicted) },
    baseline: { rmse: rmse(y, base), mae: mae(y, base), r2: r2(y, base) },
    baselineMean,
    range: n ? [lo, hi] : [0, 1],
    histogram: histogram(residuals, bins),
  };
}
