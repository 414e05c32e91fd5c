import { ece, mce, topLabelEce } from '../calibration/reliability';
import { accuracyAt, binaryLogLoss, brier, f1At, precisionAt, rankingSummary, recallAt } from './binary';
import { accuracy, argmaxRows, confusionMatrix, f1Macro, f1Micro, f1Weighted, multiclassLogLoss, perClass, topKAccuracy } from './multiclass';
import { adjacentAccuracy, weightedKappa } from './ordinal';
import { mrr, ndcg, pairwiseAccuracy } from './ranking';
import { mae, mse, pearson, r2, rmse, spearman } from './regression';

/**
 * Full evaluation reports, keyed by the metric names of the reference fixtures. The CLI prints
 * these, the studio shows them: one function per task, so both agree to the digit.
 */
export type Report = Record<string, number | number[] | number[][]>;
type Num = ArrayLike<number>;

export function binaryReport(y: Num, p: Num, threshold = 0.5): Report {
  const ranking = rankingSummary(y, p);
  return {
    accuracy: accuracyAt(y, p, threshold),
    precision: precisionAt(y, p, threshold),
    recall: recallAt(y, p, threshold),
    f1: f1At(y, p, threshold),
    roc_auc: ranking.rocAuc,
    average_precision: ranking.averagePrecision,
    log_loss: binaryLogLoss(y, p),
    brier: brier(y, p),
    ece_15_uniform: ece(y, p, 15),
    mce_15_uniform: mce(y, p, 15),
  };
}

/** probs: row-major n×k. top-k accuracy for k = 3 and for `topK` when they are below k. */
export function multiclassReport(y: Num, probs: Num, k: number, topK = 5): Report {
  const pred = argmaxRows(probs, k);
  const pc = perClass(y, pred, k);
  const tops: Report = {};
  for (const t of new Set([3, topK])) if (t < k) tops[`top${t}_accuracy`] = topKAccuracy(y, probs, k, t);
  return {
    accuracy: accuracy(y, pred),
    ...tops,
    confusion_matrix: confusionMatrix(y, pred, k),
    f1_macro: f1Macro(y, pred, k),
    f1_micro: f1Micro(y, pred),
    f1_weighted: f1Weighted(y, pred, k),
    precision_per_class: pc.precision,
    recall_per_class: pc.recall,
    log_loss: multiclassLogLoss(y, probs, k),
    top_label_ece_15_uniform: topLabelEce(y, probs, k, 15),
  };
}

/** y and pred are ranks 0..k−1. */
export function ordinalReport(y: Num, pred: Num, k: number): Report {
  return {
    mae: mae(y, pred),
    accuracy: accuracy(y, pred),
    adjacent_accuracy: adjacentAccuracy(y, pred),
    qwk: weightedKappa(y, pred, k, 'quadratic'),
    linear_kappa: weightedKappa(y, pred, k, 'linear'),
    kappa: weightedKappa(y, pred, k, 'none'),
    confusion_matrix: confusionMatrix(y, pred, k),
  };
}

export function regressionReport(y: Num, pred: Num): Report {
  return { mse: mse(y, pred), rmse: rmse(y, pred), mae: mae(y, pred), r2: r2(y, pred), pearson: pearson(y, pred), spearman: spearman(y, pred) };
}

export function rankingReport(relevance: Num[], scores: Num[], k = 5): Report {
  const out: Report = { ndcg_at_5: ndcg(relevance, scores, 5), ndcg_at_10: ndcg(relevance, scores, 10) };
  if (k !== 5 && k !== 10) out[`ndcg_at_${k}`] = ndcg(relevance, scores, k);
  return { ...out, ndcg: ndcg(relevance, scores), mrr: mrr(relevance, scores), pairwise_accuracy: pairwiseAccuracy(relevance, scores) };
}
