import { describe, expect, it } from 'vitest';
import { evaluateTask } from './evaluate';
import { metricName, summaryMetrics } from './metric-names';

describe('metric names', () => {
  it('names every metric a task reports, so no panel shows a machine key', () => {
    const y = [0, 1, 1, 0, 2, 1];
    const all = [
      evaluateTask('binary', [0, 1, 1, 0], [0.2, 0.7, 0.4, 0.1]),
      evaluateTask('multiclass', [0, 1, 2], [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.1, 0.8], 3),
      evaluateTask('ordinal', y, y.flatMap((c) => [c === 0 ? 1 : 0, c === 1 ? 1 : 0, c === 2 ? 1 : 0]), 3),
      evaluateTask('regression', [1, 2, 3], [1.1, 2.2, 2.7]),
    ];
    for (const m of all) for (const k of Object.keys(m)) expect(metricName(k), k).not.toMatch(/_/);
    expect(metricName('roc_auc')).toBe('ROC AUC');
    for (const k of ['silhouette', 'calinski_harabasz', 'davies_bouldin']) expect(metricName(k), k).not.toMatch(/_/);
    expect(metricName('some_new_metric')).toBe('some new metric');
  });

  it('leads an ordinal summary with QWK, a binary one with ROC AUC, a regressor with MAE', () => {
    expect(summaryMetrics({ accuracy: 0.5, mae: 0.7, adjacent_accuracy: 0.9, qwk: 0.6 }).map(([k]) => k)).toEqual(['qwk', 'accuracy', 'mae']);
    expect(summaryMetrics({ accuracy: 0.8, roc_auc: 0.9, f1: 0.7, precision: 0.6 }).map(([k]) => k)).toEqual(['roc_auc', 'accuracy', 'f1']);
    expect(summaryMetrics({ mae: 1, rmse: 2, r2: 0.5 }).map(([k]) => k)).toEqual(['mae', 'rmse', 'r2']);
  });
});
