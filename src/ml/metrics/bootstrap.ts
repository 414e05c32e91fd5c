import { mulberry32 } from '../data/rng';
import type { MetricMap } from './evaluate';

/** Held-out sets below this many rows get bootstrap intervals on their metrics. */
export const BOOTSTRAP_MAX_ROWS = 1000;

export interface Interval {
  lo: number;
  hi: number;
}

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
  /** two-sided coverage, 0.95 for a 95 % interval */
  level?: number;
}

/** numpy.percentile's default (linear interpolation between closest ranks) on sorted values. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (q / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Percentile bootstrap intervals: `metrics` is evaluated on `resamples` seeded resamples of the
 * n rows (with replacement) and each metric's interval is the central `level` of its values.
 * Resamples where a metric is undefined (a ROC AUC drawn with one class) are skipped; a metric
 * undefined in more than a tenth of them gets no interval.
 */
export function bootstrapIntervals(n: number, metrics: (rows: Int32Array) => MetricMap, opts: BootstrapOptions = {}): Record<string, Interval> {
  const resamples = opts.resamples ?? 1000;
  const level = opts.level ?? 0.95;
  const rng = mulberry32(opts.seed ?? 0);
  if (n === 0 || resamples <= 0) return {};
  const values = new Map<string, number[]>();
  const rows = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) rows[i] = Math.floor(rng() * n);
    for (const [k, v] of Object.entries(metrics(rows))) {
      if (!Number.isFinite(v)) continue;
      let list = values.get(k);
      if (!list) values.set(k, (list = []));
      list.push(v);
    }
  }
  const out: Record<string, Interval> = {};
  const tail = ((1 - level) / 2) * 100;
  for (const [k, list] of values) {
    if (list.length < 0.9 * resamples) continue;
    const sorted = Float64Array.from(list).sort();
    out[k] = { lo: percentileSorted(sorted, tail), hi: percentileSorted(sorted, 100 - tail) };
  }
  return out;
}

/** Rows of y (and of row-major outputs of `width` per row) picked by index: the resample a metric sees. */
export function pickRows(values: ArrayLike<number>, rows: Int32Array, width = 1): Float64Array {
  const out = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) for (let k = 0; k < width; k++) out[i * width + k] = values[rows[i] * width + k];
  return out;
}
