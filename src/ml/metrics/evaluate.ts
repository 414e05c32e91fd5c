import type { TaskKind } from '../task';
import { ece, mce, topLabelEce } from '../calibration/reliability';
import { accuracyAt, binaryLogLoss, brier, f1At, precisionAt, recallAt, rocAuc } from './binary';
import { accuracy, argmaxRows, f1Macro, multiclassLogLoss } from './multiclass';
import { adjacentAccuracy, weightedKappa } from './ordinal';
import { mae, r2, rmse } from './regression';

export type MetricMap = Record<string, number>;

/**
 * The headline metrics for a task, from the same functions the tests check against
 * scikit-learn. `scores` are P(positive) for binary, row-major class probabilities for
 * multiclass and ordinal, predictions in target units for regression.
 */
export function evaluateTask(kind: TaskKind, y: ArrayLike<number>, scores: ArrayLike<number>, classes = 2): MetricMap {
  switch (kind) {
    case 'binary':
      return {
        accuracy: accuracyAt(y, scores),
        roc_auc: rocAuc(y, scores),
        f1: f1At(y, scores),
        precision: precisionAt(y, scores),
        recall: recallAt(y, scores),
        log_loss: binaryLogLoss(y, scores),
        brier: brier(y, scores),
        ece_15_uniform: ece(y, scores, 15),
        mce_15_uniform: mce(y, scores, 15),
      };
    case 'multiclass': {
      const pred = argmaxRows(scores, classes);
      return { accuracy: accuracy(y, pred), f1_macro: f1Macro(y, pred, classes), log_loss: multiclassLogLoss(y, scores, classes), top_label_ece_15_uniform: topLabelEce(y, scores, classes, 15) };
    }
    case 'ordinal': {
      const pred = argmaxRows(scores, classes);
      return {
        accuracy: accuracy(y, pred),
        mae: mae(y, pred),
        adjacent_accuracy: adjacentAccuracy(y, pred),
        qwk: weightedKappa(y, pred, classes, 'quadratic'),
      };
    }
    case 'regression':
      return { mae: mae(y, scores), rmse: rmse(y, scores), r2: r2(y, scores) };
  }
}

/** The metric used to headline a run in lists, and whether higher is better. */
export function headlineMetric(kind: TaskKind): { key: string; higherIsBetter: boolean } {
  return kind === 'regression' ? { key: 'mae', higherIsBetter: false } : kind === 'ordinal' ? { key: 'qwk', higherIsBetter: true } : { key: 'accuracy', higherIsBetter: true };
}
