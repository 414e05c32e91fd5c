import type { TaskKind } from '../task';
import { classReport, regressionReport, type ClassReport, type RegressionReport } from './class-report';
import { summarizeFolds, type CvConfig, type MetricSummary } from './cross-validation';

export type HeldOutReport = ClassReport | RegressionReport;

/** What every family reports for one fold: sizes, how long it trained, its held-out metrics. */
export interface FoldOutcome {
  repeat: number;
  fold: number;
  train: number;
  test: number;
  /** boosting rounds or epochs kept */
  rounds: number;
  metrics: Record<string, number>;
  /** the same metrics of the dummy baseline fitted on this fold's training rows */
  baseline?: Record<string, number>;
  durationMs: number;
}

export interface CvRunResult<F extends FoldOutcome = FoldOutcome> {
  config: CvConfig;
  folds: F[];
  summary: Record<string, MetricSummary>;
  /** the out-of-fold report of the first repeat: every row predicted by the fold that held it out */
  pooled: HeldOutReport;
}

/** A held-out report from model outputs: class probabilities (n × K) or regression values. */
export function heldOutReportOf(kind: TaskKind, y: ArrayLike<number>, outputs: ArrayLike<number>, labels: string[]): HeldOutReport {
  return kind === 'regression' ? regressionReport(y, outputs) : classReport(kind, y, outputs, labels);
}

/** Output width per row for heldOutReportOf: 1 for regression, K otherwise (binary: [1 − p, p]). */
export function outputWidth(kind: TaskKind, classes: number): number {
  return kind === 'regression' ? 1 : kind === 'binary' ? 2 : classes;
}

/** Collects the first repeat's out-of-fold outputs by frame row, then reports on them pooled. */
export class OutOfFold {
  private readonly out: Float64Array;
  private readonly rows: number[] = [];

  constructor(
    rowCount: number,
    private readonly width: number,
  ) {
    this.out = new Float64Array(rowCount * width);
  }

  add(rows: ArrayLike<number>, outputs: ArrayLike<number>): void {
    const w = this.width;
    for (let j = 0; j < rows.length; j++) {
      for (let k = 0; k < w; k++) this.out[rows[j] * w + k] = outputs[j * w + k];
      this.rows.push(rows[j]);
    }
  }

  /** The pooled rows in frame order: their targets and outputs. */
  collect(y: ArrayLike<number>): { y: Float64Array; outputs: Float64Array } {
    const rows = Int32Array.from(this.rows).sort();
    const w = this.width;
    const outputs = new Float64Array(rows.length * w);
    rows.forEach((r, j) => outputs.set(this.out.subarray(r * w, (r + 1) * w), j * w));
    return { y: Float64Array.from(rows, (r) => y[r]), outputs };
  }

  report(kind: TaskKind, y: ArrayLike<number>, labels: string[]): HeldOutReport {
    const c = this.collect(y);
    return heldOutReportOf(kind, c.y, c.outputs, labels);
  }
}

export function cvRunResult<F extends FoldOutcome>(config: CvConfig, folds: F[], pooled: HeldOutReport): CvRunResult<F> {
  return { config, folds, summary: summarizeFolds(folds.map((f) => f.metrics)), pooled };
}
