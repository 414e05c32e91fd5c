import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { familyObjective, familyStudyErrors } from '../../tune/family';
import { searchFamily } from '../../tune/families';
import { runSearch } from '../../tune/search';
import { DEFAULT_RANKER } from './config';
import { applyRankerParams, defaultRankerSpace, rankerSearch } from './search';
import { syntheticPairs, syntheticPool } from './synthetic';
import { trainRanker } from './train-ranker';

describe('ranker search', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('applies sampled params and names what the ranker cannot take', () => {
    const c = applyRankerParams(DEFAULT_RANKER, { learningRate: 0.01, hiddenUnits: 31.6, dropout: 0.2, margin: 0.5, weightDecay: 1e-5, batchSize: 16, hiddenLayers: 2 });
    expect(c).toMatchObject({ learningRate: 0.01, hiddenUnits: 32, dropout: 0.2, margin: 0.5, weightDecay: 1e-5, batchSize: 16, hiddenLayers: 2, seed: DEFAULT_RANKER.seed, split: DEFAULT_RANKER.split });
    expect(() => applyRankerParams(DEFAULT_RANKER, { seed: 1 })).toThrow('seed: not a tunable ranker setting');
    expect(() => applyRankerParams(DEFAULT_RANKER, { hiddenLayers: 3 })).toThrow('hiddenLayers: 3 is not 0, 1 or 2');
    expect(() => applyRankerParams(DEFAULT_RANKER, { margin: 0 })).toThrow('margin must be positive');
    expect(rankerSearch.spaceErrors([{ name: 'l2', kind: 'uniform', low: 0, high: 1 }])[0]).toMatch(/^l2: not a tunable ranker setting/);
  });

  it('3 trials through the registry: each value is the validation pairwise accuracy a ranker run with that config reports, and a prune stops at a rung', async () => {
    const synth = syntheticPool(120, 8, 3);
    const pool = { ...synth, featureNames: Array.from({ length: 8 }, (_, i) => `f${i}`), metricCount: 8, relevance: null };
    const pairs = syntheticPairs(synth, 300, 0.1, 5);
    const base = { ...DEFAULT_RANKER, hiddenUnits: 16, epochs: 6 };
    const family = searchFamily('ranker');
    const study = { space: defaultRankerSpace(), trials: 3, sampler: 'random' as const, seed: 7, metric: 'pairwise_accuracy', direction: 'maximize' as const, pruner: { minResource: 2, reductionFactor: 3 } };
    expect(familyStudyErrors(family, study, {})).toEqual([]);
    const before = tf.memory().numTensors;
    const prepared = await family.prepare({ input: { pool, pairs }, base, metric: study.metric, engine: { kind: 'tfjs' } });
    expect(prepared.splitSizes).toEqual({ train: 240, validation: 60, test: 0 });
    const r = await runSearch({ ...study, objective: familyObjective(family, prepared, base) });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.trials).toHaveLength(3);
    for (const t of r.trials) {
      console.log(`ranker trial ${t.index}: ${t.state}${t.prunedAt ? `@${t.prunedAt}` : ''} acc ${t.value} ${JSON.stringify(t.params)}`);
      expect(t.state === 'complete' || t.state === 'pruned').toBe(true);
      // epochs as steps: every report was at an epoch of the run
      expect(t.intermediate.map((x) => x.step)).toEqual(Array.from({ length: t.intermediate.length }, (_, i) => i + 1));
      if (t.state === 'pruned') {
        expect(t.prunedAt).toBe(2);
        continue;
      }
      const single = await trainRanker(pool, pairs, applyRankerParams(base, t.params));
      single.model.dispose();
      expect(t.value).toBe(single.report.validation.accuracy);
      expect(t.steps).toBe(single.fit.epochsRun);
    }
    expect(new Set(r.trials.map((t) => t.value)).size).toBeGreaterThan(1);
  }, 120_000);
});
