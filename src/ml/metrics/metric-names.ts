import type { MetricMap } from './evaluate';

/**
 * The one place a metric's machine key (what runs store and bundles export: roc_auc, log_loss)
 * gets its display name (ROC AUC, Log loss). Every table, chart caption and list in the studio
 * names metrics through metricName, so one run never shows "roc_auc" in one panel and "ROC AUC"
 * in the next.
 */
export const METRIC_NAMES: Readonly<Record<string, string>> = {
  accuracy: 'Accuracy',
  roc_auc: 'ROC AUC',
  pr_auc: 'PR AUC',
  average_precision: 'Average precision',
  f1: 'F1',
  precision: 'Precision',
  recall: 'Recall',
  log_loss: 'Log loss',
  brier: 'Brier score',
  ece_15_uniform: 'ECE (15 bins)',
  mce_15_uniform: 'MCE (15 bins)',
  top_label_ece_15_uniform: 'Top-label ECE (15 bins)',
  f1_macro: 'F1 (macro)',
  mae: 'MAE',
  rmse: 'RMSE',
  r2: 'R²',
  adjacent_accuracy: 'Adjacent accuracy (±1)',
  qwk: 'QWK',
  top1: 'Top-1 accuracy',
  top5: 'Top-5 accuracy',
  mrr: 'MRR',
  spearman: 'Spearman ρ',
  pairwise_accuracy: 'Pairwise accuracy',
  ndcg_at_5: 'NDCG@5',
  ndcg_at_10: 'NDCG@10',
  silhouette: 'Silhouette',
  calinski_harabasz: 'Calinski–Harabasz',
  davies_bouldin: 'Davies–Bouldin',
};

/** Display name of a metric key; an unknown key is shown with spaces for underscores rather than as a raw identifier. */
export function metricName(key: string): string {
  return METRIC_NAMES[key] ?? key.replace(/_/g, ' ');
}

/** Metrics that headline a task, first found first: an ordinal model leads with QWK, a binary one with ROC AUC, a regressor with MAE. */
const HEADLINE_ORDER = ['qwk', 'roc_auc', 'accuracy', 'mae', 'rmse', 'r2', 'f1_macro', 'f1', 'top1', 'pairwise_accuracy', 'spearman', 'ndcg_at_10', 'log_loss'];

/** The `n` metrics a one-line summary (the registry's metrics column) should show, in headline order. */
export function summaryMetrics(metrics: MetricMap, n = 3): [string, number][] {
  const keys = Object.keys(metrics);
  const ranked = [...HEADLINE_ORDER.filter((k) => keys.includes(k)), ...keys.filter((k) => !HEADLINE_ORDER.includes(k))];
  return ranked.slice(0, n).map((k) => [k, metrics[k]]);
}
