import { baselineMetrics, dummyName, dummyOutputs, type DummyFit } from '../metrics/baseline';
import { BOOTSTRAP_MAX_ROWS, bootstrapIntervals, pickRows, type Interval } from '../metrics/bootstrap';
import type { MetricMap } from '../metrics/evaluate';
import type { TaskKind } from '../task';
import { heldOutReportOf, outputWidth, type HeldOutReport } from './cv-result';

export interface BaselineResult {
  /** "majority class / prior" or "training mean" */
  name: string;
  metrics: MetricMap;
}

export type Intervals = Record<string, Interval>;

/** Seed of every held-out bootstrap, so a report reads the same after a reload or a re-run. */
export const BOOTSTRAP_SEED = 19;

/** The dummy baseline's metrics on held-out rows, through heldOutReportOf (the model's own report). */
export function heldOutBaseline(kind: TaskKind, fit: DummyFit, y: ArrayLike<number>, labels: string[]): BaselineResult {
  const classes = Math.max(labels.length, 2);
  return { name: dummyName(fit), metrics: baselineMetrics(kind, fit, y, classes, (yy, out) => heldOutReportOf(kind, yy, out, labels).metrics, 'probs') };
}

/** Percentile bootstrap intervals of a held-out report's metrics, or undefined from BOOTSTRAP_MAX_ROWS rows up. */
export function heldOutIntervals(kind: TaskKind, y: ArrayLike<number>, outputs: ArrayLike<number>, labels: string[], resamples = 1000): Intervals | undefined {
  const n = y.length;
  if (n === 0 || n >= BOOTSTRAP_MAX_ROWS) return undefined;
  const w = outputWidth(kind, labels.length);
  return bootstrapIntervals(n, (rows) => heldOutReportOf(kind, pickRows(y, rows), pickRows(outputs, rows, w), labels).metrics, { seed: BOOTSTRAP_SEED, resamples });
}

/** A held-out report with its baseline (when the training rows' dummy is known) and its intervals. */
export function heldOutReportWithExtras(kind: TaskKind, y: ArrayLike<number>, outputs: ArrayLike<number>, labels: string[], fit: DummyFit | null): HeldOutReport {
  const report = heldOutReportOf(kind, y, outputs, labels);
  const ci = heldOutIntervals(kind, y, outputs, labels);
  return { ...report, ...(fit ? { baseline: heldOutBaseline(kind, fit, y, labels) } : {}), ...(ci ? { ci } : {}) };
}

/** A dummy's outputs for a fold's test rows, in the layout OutOfFold pools. */
export function dummyFoldOutputs(kind: TaskKind, fit: DummyFit, n: number, classes: number): Float64Array {
  return dummyOutputs(fit, n, kind, classes, 'probs');
}

/**
 * The pooled out-of-fold report of a cross-validation with its baseline: every row scored by the
 * dummy of the fold that held it out (pooled the same way as the model's outputs), and intervals.
 */
export function pooledReportWithExtras(kind: TaskKind, model: { y: Float64Array; outputs: Float64Array }, dummy: { y: Float64Array; outputs: Float64Array }, labels: string[], name: string): HeldOutReport {
  const report = heldOutReportOf(kind, model.y, model.outputs, labels);
  const ci = heldOutIntervals(kind, model.y, model.outputs, labels);
  return { ...report, baseline: { name, metrics: heldOutReportOf(kind, dummy.y, dummy.outputs, labels).metrics }, ...(ci ? { ci } : {}) };
}
