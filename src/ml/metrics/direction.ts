import type { Direction } from '../tune/tpe';

/**
 * Which way a metric improves, for the metrics Kiln computes or a search can optimise. Kept in
 * one place so the baseline check, the searches and the run comparison never disagree on whether
 * lower is better. Keys are the machine names runs store (snake_case).
 */
const MINIMIZE = new Set([
  'log_loss',
  'brier',
  'mae',
  'mse',
  'rmse',
  'ranked_probability_score',
  'tenure_mae',
  'val_loss',
  'train_loss',
  'loss',
  'ece_15_uniform',
  'mce_15_uniform',
  'top_label_ece_15_uniform',
]);

const MAXIMIZE = new Set([
  'accuracy',
  'auc',
  'roc_auc',
  'pr_auc',
  'average_precision',
  'f1',
  'f1_macro',
  'precision',
  'recall',
  'r2',
  'adjacent_accuracy',
  'qwk',
  'top1',
  'top5',
  'mrr',
  'spearman',
  'kendall_tau',
  'pairwise_accuracy',
  'ndcg_at_5',
  'ndcg_at_10',
]);

/** `logLoss`, `final.log_loss` and `log_loss` name one metric: a pushed run may use any of them. */
function canonical(key: string): string {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return last.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** The metric's direction, or null when Kiln does not know it (a custom figure): then no value is "best". */
export function knownDirection(key: string): Direction | null {
  const k = canonical(key);
  if (MINIMIZE.has(k)) return 'minimize';
  if (MAXIMIZE.has(k)) return 'maximize';
  return null;
}

/** Whether higher is better, taking an unknown metric as a score (higher better), as the baseline check always has. */
export function higherIsBetter(metric: string): boolean {
  return knownDirection(metric) !== 'minimize';
}
