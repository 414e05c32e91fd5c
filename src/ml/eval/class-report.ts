import { reliabilityBins, topLabel, topLabelEce, type ReliabilityBin } from '../calibration/reliability';
import { binaryLogLoss } from '../metrics/binary';
import { evaluateTask, type MetricMap } from '../metrics/evaluate';
import { argmaxRows, confusionMatrix, multiclassLogLoss, perClass } from '../metrics/multiclass';
import { adjacentAccuracy, rankedProbabilityScore, weightedKappa } from '../metrics/ordinal';
import { mae, pearson, rmse } from '../metrics/regression';
import type { TaskKind } from '../task';
import type { BaselineResult, Intervals } from './report-extras';

/**
 * What the studio shows for a classifier's or grader's held-out predictions: headline metrics,
 * the confusion matrix, per-class precision / recall, and how well the predicted distribution is
 * calibrated (per class: mean predicted probability vs observed share; top-label reliability).
 */
export interface ClassReport {
  kind: TaskKind;
  labels: string[];
  n: number;
  metrics: MetricMap;
  confusion: number[][];
  precision: number[];
  recall: number[];
  support: number[];
  /** per class: mean predicted probability over rows vs the class's observed share */
  distribution: { label: string; predicted: number; observed: number }[];
  /** reliability of P(positive) for binary, of the top label's confidence otherwise */
  topLabelBins: ReliabilityBin[];
  /** the dummy baseline fitted on the training rows, scored on these rows (since issue 19) */
  baseline?: BaselineResult;
  /** 95 % percentile bootstrap intervals, on held-out sets under BOOTSTRAP_MAX_ROWS rows */
  ci?: Intervals;
}

export interface RegressionReport {
  kind: 'regression';
  n: number;
  metrics: MetricMap;
  baseline?: BaselineResult;
  ci?: Intervals;
}

/** probs: n × K for every classification kind (binary as [1 − p, p]). */
export function classReport(kind: TaskKind, y: ArrayLike<number>, probs: ArrayLike<number>, labels: string[]): ClassReport {
  const K = labels.length;
  const n = y.length;
  const pred = argmaxRows(probs, K);
  const positive = kind === 'binary' ? Float64Array.from({ length: n }, (_, i) => probs[i * 2 + 1]) : null;
  const metrics: MetricMap = positive ? evaluateTask('binary', y, positive) : evaluateTask(kind, y, probs, K);
  if (kind === 'ordinal') {
    metrics.log_loss = multiclassLogLoss(y, probs, K);
    metrics.ranked_probability_score = rankedProbabilityScore(y, probs, K);
    metrics.top_label_ece_15_uniform = topLabelEce(y, probs, K, 15);
  }
  if (kind === 'multiclass') {
    // in the class order given: comparable with an ordinal model on the same ordered labels
    Object.assign(metrics, { qwk: weightedKappa(y, pred, K, 'quadratic'), mae: mae(y, pred), adjacent_accuracy: adjacentAccuracy(y, pred), ranked_probability_score: rankedProbabilityScore(y, probs, K) });
  }
  if (kind === 'binary' && positive) metrics.log_loss = binaryLogLoss(y, positive);
  const pc = perClass(y, pred, K);
  const support = new Array<number>(K).fill(0);
  const meanP = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) {
    support[y[i]]++;
    for (let k = 0; k < K; k++) meanP[k] += probs[i * K + k] / n;
  }
  const top = topLabel(y, probs, K);
  return {
    kind,
    labels,
    n,
    metrics,
    confusion: confusionMatrix(y, pred, K),
    precision: Array.from(pc.precision),
    recall: Array.from(pc.recall),
    support,
    distribution: labels.map((label, k) => ({ label, predicted: meanP[k], observed: support[k] / n })),
    topLabelBins: positive ? reliabilityBins(y, positive, 10) : reliabilityBins(top.correct, top.confidence, 10),
  };
}

export function regressionReport(y: ArrayLike<number>, pred: ArrayLike<number>): RegressionReport {
  const metrics = evaluateTask('regression', y, pred);
  metrics.pearson = pearson(y, pred);
  metrics.rmse = rmse(y, pred);
  metrics.mae = mae(y, pred);
  return { kind: 'regression', n: y.length, metrics };
}
