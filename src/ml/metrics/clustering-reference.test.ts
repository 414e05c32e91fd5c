import { describe, expect, it } from 'vitest';
import { clusteringReference, clusteringSeeds } from '../../test-utils/fixtures';
import { expectClose } from '../../test-utils/close';
import { internalReport, type Points } from './internal-indices';
import { multilabelMetrics, multilabelReport } from './multilabel';
import { partitionReport } from './partition';

const PARTITION_KEYS = ['adjusted_rand_score', 'normalized_mutual_info_score', 'adjusted_mutual_info_score', 'homogeneity_score', 'completeness_score', 'v_measure_score', 'fowlkes_mallows_score'];
const SET_KEYS = ['precision_micro', 'recall_micro', 'f1_micro', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_samples', 'recall_samples', 'f1_samples'];

export function points(rows: number[][]): Points {
  return { data: Float64Array.from(rows.flat()), n: rows.length, d: rows[0].length };
}

it('finds both clustering fixtures', () => {
  expect(clusteringSeeds()).toEqual([11, 12]);
});

describe.each(clusteringSeeds())('clustering-%i.json: Kiln equals scikit-learn to 1e-9', (seed) => {
  const ref = clusteringReference(seed);

  it('partition scores', () => {
    const r = partitionReport(ref.partitions.labels_true, ref.partitions.labels_pred);
    expect(Object.keys(r).sort()).toEqual([...PARTITION_KEYS].sort());
    for (const k of PARTITION_KEYS) expectClose(r[k], ref.partitions[k] as number, 1e-9);
  });

  it('silhouette, Davies–Bouldin, Calinski–Harabasz', () => {
    const r = internalReport(points(ref.internal.X), ref.internal.labels);
    for (const k of ['silhouette_score', 'davies_bouldin_score', 'calinski_harabasz_score'] as const) expectClose(r[k], ref.internal[k], 1e-9);
  });

  it('multilabel precision, recall and F1 (micro, macro, samples)', () => {
    const r = multilabelReport(ref.sets.gold, ref.sets.pred);
    expect(r.labels).toEqual(ref.sets.labels);
    const m = multilabelMetrics(r);
    for (const k of SET_KEYS) expectClose(m[k], ref.sets[k] as number, 1e-9);
  });
});
