import type { ParamValue } from '../../ml/tune/space';
import type { Direction } from '../../ml/tune/tpe';

/** A sampled value as a person reads it: learning rates need significant digits, not decimals. */
export function formatParam(v: ParamValue | undefined): string {
  if (v === undefined) return '—';
  if (typeof v !== 'number') return String(v);
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) < 1e-3 ? v.toExponential(2) : v.toPrecision(3);
}

export function formatValue(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(4);
}

/**
 * A colour from worst (grey-blue) to best (accent orange) for a value within [lo, hi], so the
 * plot reads the same whichever way the metric points.
 */
export function valueColor(v: number, lo: number, hi: number, direction: Direction): string {
  let t = hi > lo ? (v - lo) / (hi - lo) : 1;
  if (direction === 'minimize') t = 1 - t;
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(70, 240)}, ${mix(100, 138)}, ${mix(150, 75)})`;
}
