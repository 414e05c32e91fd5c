import { describe, expect, it } from 'vitest';
import { knownDirection } from '../metrics/direction';
import { bestColumn, compareRuns, formatCompared, type ComparableRun } from './compare-runs';

const run = (id: string, over: Partial<ComparableRun> = {}): ComparableRun => ({ ref: id, id, name: id, family: 'tabular', engine: null, datasetFingerprint: 'sha256:x', config: {}, metrics: {}, ...over });

describe('comparing runs', () => {
  it('knows a metric by its stored name in any spelling; an unknown one has no direction', () => {
    expect([knownDirection('roc_auc'), knownDirection('auc'), knownDirection('logLoss'), knownDirection('final.rmse'), knownDirection('my_score')]).toEqual(['maximize', 'maximize', 'minimize', 'minimize', null]);
  });

  it('has no best for a tie at the top, a lone value or an unknown direction', () => {
    expect(bestColumn('accuracy', [0.9, 0.9, 0.8])).toBeNull();
    expect(bestColumn('accuracy', [0.9, null])).toBeNull();
    expect(bestColumn('rmse', [2, 1, 3])).toBe(1);
    expect(bestColumn('my_score', [1, 2])).toBeNull();
  });

  it('shows the run-level family, engine and dataset once, before the recipe, only when they differ', () => {
    const c = compareRuns([run('a', { config: { family: 'tabular', lr: 0.1 } }), run('b', { family: 'gbdt', engine: 'kiln-cpu', datasetFingerprint: 'sha256:y', config: { family: 'gbdt', lr: 0.1 } })]);
    expect(c.config).toEqual([
      { path: 'family', values: ['tabular', 'gbdt'] },
      { path: 'engine', values: [null, 'kiln-cpu'] },
      { path: 'datasetFingerprint', values: ['sha256:x', 'sha256:y'] },
    ]);
  });

  it('drops a fold row that only holds the holdout sentinel, and writes values as the Compare view does', () => {
    expect(compareRuns([run('a', { metrics: { fold: -1, mae: 1 } }), run('b', { metrics: { fold: -1, mae: 2 } })]).metrics.map((m) => m.key)).toEqual(['mae']);
    expect([formatCompared(0.123456), formatCompared(3), formatCompared(null), formatCompared([1, 2])]).toEqual(['0.1235', '3', '—', '[1,2]']);
  });
});
