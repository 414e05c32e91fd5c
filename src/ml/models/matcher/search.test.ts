import { describe, expect, it } from 'vitest';
import { familyObjective, familyStudyErrors } from '../../tune/family';
import { searchFamily } from '../../tune/families';
import { runSearch } from '../../tune/search';
import { matcherInputs } from './matcher-data';
import { applyMatcherParams, matcherSearch } from './search';
import { COLUMNS, demoTables } from './test-tables';
import { defaultMatcherTrainConfig, trainMatcher } from './train-matcher';

describe('matcher search', () => {
  it('applies sampled params to the vectorizer and the learned weights, and names what it cannot take', () => {
    const base = defaultMatcherTrainConfig(3, true);
    const c = applyMatcherParams(base, { minDf: 2.4, maxDfShare: 0.8, sublinearTf: true, ngramMax: 1, stopWords: 'none', learnedMode: 'least-squares', maxFeatures: 500 });
    expect(c.tfidf).toMatchObject({ minDf: 2, maxDfShare: 0.8, sublinearTf: true, ngramRange: [1, 1], stopWords: null, maxFeatures: 500 });
    expect(c.learnedMode).toBe('least-squares');
    expect(base.tfidf.ngramRange).toEqual([1, 2]);
    expect(c.heldOutFraction).toBe(base.heldOutFraction);
    expect(() => applyMatcherParams(base, { heldOutFraction: 0.5 })).toThrow('heldOutFraction: not a tunable matcher setting');
    expect(() => applyMatcherParams(base, { maxDfShare: 1.5 })).toThrow('max_df must lie in (0, 1]');
    expect(() => applyMatcherParams(base, { stopWords: 'french' })).toThrow('stopWords: "french" is not english or none');
    // one shot: the registration says so, and a pruned study is refused before its first trial
    expect(matcherSearch.resource).toBeNull();
  });

  it('3 trials through the registry, unpruned: each value is the held-out Spearman a matcher run with that config reports', async () => {
    const tables = demoTables();
    const base = defaultMatcherTrainConfig(3, true);
    const family = searchFamily('matcher');
    const study = { space: family.defaultSpace(base), trials: 3, sampler: 'random' as const, seed: 5, metric: 'spearman', direction: 'maximize' as const, pruner: null };
    expect(familyStudyErrors(family, study, {})).toEqual([]);
    expect(familyStudyErrors(family, { ...study, pruner: { minResource: 1, reductionFactor: 3 } }, {})).toEqual(['pruning: the matcher fits in one shot, with no epochs or rounds to prune between']);
    const prepared = await family.prepare({ input: { tables, columns: COLUMNS }, base, metric: study.metric, engine: undefined });
    const inputs = matcherInputs(tables, COLUMNS);
    const held = trainMatcher(inputs, base).counts;
    expect(prepared.splitSizes).toEqual({ train: held.train, validation: held.heldOut, test: 0 });
    const r = await runSearch({ ...study, objective: familyObjective(family, prepared, base) });
    expect(r.trials).toHaveLength(3);
    for (const t of r.trials) {
      console.log(`matcher trial ${t.index}: ${t.state} spearman ${t.value} ${JSON.stringify(t.params)}${t.error ? ' ' + t.error : ''}`);
      expect(t.state).toBe('complete');
      // nothing reported on the way: a one-shot fit has no steps for a pruner to judge
      expect(t.intermediate).toEqual([]);
      expect(t.value).toBe(trainMatcher(inputs, applyMatcherParams(base, t.params)).learned.metrics.spearman);
    }
    expect(new Set(r.trials.map((t) => t.value)).size).toBeGreaterThan(1);
  }, 120_000);
});
