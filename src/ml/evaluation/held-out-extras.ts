import { baselineMetrics, dummyName } from '../metrics/baseline';
import { BOOTSTRAP_MAX_ROWS, bootstrapIntervals, pickRows } from '../metrics/bootstrap';
import type { MetricMap } from '../metrics/evaluate';
import { argmaxRows } from '../metrics/multiclass';
import { binaryReport, multiclassReport, ordinalReport, regressionReport, type Report } from '../metrics/report';
import { BOOTSTRAP_SEED, type BaselineResult, type Intervals } from '../eval/report-extras';
import type { HeldOutPredictions } from './held-out-predictions';
import { splitScores, type HeldOutSplit } from './held-out';
import { DEFAULT_THRESHOLD } from '../metrics/threshold';

/** The full report of a split's scores (the evaluation panel's table), by task. */
export function predictionsReport(p: Pick<HeldOutPredictions, 'kind' | 'classes'>, y: ArrayLike<number>, scores: ArrayLike<number>, threshold = DEFAULT_THRESHOLD): Report {
  switch (p.kind) {
    case 'binary':
      return binaryReport(y, scores, threshold);
    case 'multiclass':
      return multiclassReport(y, scores, p.classes);
    case 'ordinal':
      return ordinalReport(y, argmaxRows(scores, p.classes), p.classes);
    case 'regression':
      return regressionReport(y, scores);
  }
}

export function numericMetrics(r: Report): MetricMap {
  const out: MetricMap = {};
  for (const [k, v] of Object.entries(r)) if (typeof v === 'number') out[k] = v;
  return out;
}

export interface SplitExtras {
  metrics: MetricMap;
  /** absent on runs stored before the baseline was kept with the predictions */
  baseline?: BaselineResult;
  ci?: Intervals;
}

/**
 * A stored split's metrics with the training rows' dummy baseline beside them and, under
 * BOOTSTRAP_MAX_ROWS rows, 95 % percentile bootstrap intervals (1000 seeded resamples).
 */
export function splitExtras(p: HeldOutPredictions, split: HeldOutSplit, threshold = DEFAULT_THRESHOLD, resamples = 1000): SplitExtras {
  const { y, scores } = splitScores(p, split);
  const metrics = numericMetrics(predictionsReport(p, y, scores, threshold));
  const width = p.kind === 'binary' || p.kind === 'regression' ? 1 : p.classes;
  const baseline = p.dummy ? { name: dummyName(p.dummy), metrics: baselineMetrics(p.kind, p.dummy, y, p.classes, (yy, s) => numericMetrics(predictionsReport(p, yy, s, threshold)), 'scores') } : undefined;
  const ci = y.length > 0 && y.length < BOOTSTRAP_MAX_ROWS ? bootstrapIntervals(y.length, (rows) => numericMetrics(predictionsReport(p, pickRows(y, rows), pickRows(scores, rows, width), threshold)), { seed: BOOTSTRAP_SEED, resamples }) : undefined;
  return { metrics, baseline, ci };
}
