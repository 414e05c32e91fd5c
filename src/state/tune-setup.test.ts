import { describe, expect, it } from 'vitest';
import { defaultGbdtConfig } from '../ml/models/gbdt/config';
import { gbdtSearch, gbdtStudyErrors } from '../ml/models/gbdt/search';
import { defaultTabularConfig } from '../ml/models/tabular/config';
import { maxTrialEpochs, tabularSearch, tabularStudyErrors } from '../ml/models/tabular/search';
import { matcherSearch } from '../ml/models/matcher/search';
import { rankerSearch } from '../ml/models/ranker/search';
import { DEFAULT_RANKER } from '../ml/models/ranker/config';
import { familyStudyErrors } from '../ml/tune/family';
import { searchFamilies, searchFamily } from '../ml/tune/families';
import { partialResult, trialCounts } from '../ml/tune/study';
import type { Trial } from '../ml/tune/search';
import type { TaskKind } from '../ml/task';
import { changeKind, defaultParam, defaultTuneSetup, nextParam, parseChoices, studySpec, type TuneSetup } from './tune-setup';

const tab = tabularSearch;
const gb = gbdtSearch;
const tabBase = defaultTabularConfig();
const tabSetup = (kind: TaskKind) => defaultTuneSetup(tab, { kind }, tabBase);
const tabSpec = (s: TuneSetup, kind: TaskKind) => studySpec(s, tab, { kind });

const trial = (index: number, state: Trial['state'], value: number | null): Trial => ({ index, params: { learningRate: 0.01 }, state, value, intermediate: [], steps: 3, durationMs: 10 });

describe('tune setup', () => {
  it('turns the form into a study: TPE start, pruner, a metric the task reports', () => {
    const s = tabSetup('multiclass');
    expect(tabSpec(s, 'multiclass')).toMatchObject({ sampler: 'tpe', tpe: { startupTrials: 4 }, metric: 'accuracy', direction: 'maximize', pruner: { minResource: 3, reductionFactor: 3 } });
    expect(tabularStudyErrors(tabSpec(s, 'multiclass'), 'multiclass')).toEqual([]);
    // the target became numeric: accuracy is not reported, the headline MAE is used
    expect(tabSpec(s, 'regression')).toMatchObject({ metric: 'mae', direction: 'minimize' });
    expect(tabSpec({ ...s, sampler: 'random', pruning: false, metric: 'val_loss' }, 'binary')).toMatchObject({ sampler: 'random', pruner: null, metric: 'val_loss', direction: 'minimize' });
    expect(tabSpec({ ...s, sampler: 'random' }, 'binary').tpe).toBeUndefined();
  });

  it('names the param in every problem', () => {
    const spec = tabSpec({ ...tabSetup('binary'), space: [{ name: 'momentum', kind: 'uniform', low: 0, high: 1 }, { name: 'learningRate', kind: 'log-uniform', low: 0, high: 0.1 }], trials: 0 }, 'binary');
    const errs = tabularStudyErrors(spec, 'binary');
    expect(errs).toContain('learningRate: a log-uniform range needs low > 0 (got 0)');
    expect(errs.some((e) => e.startsWith('momentum: not a tunable setting'))).toBe(true);
    expect(errs).toContain('trials: a whole number from 1 to 500');
    expect(tabularStudyErrors({ ...spec, space: [], trials: 3, metric: 'qwk' }, 'binary')).toEqual(['the search space has no parameters', 'metric: "qwk" is not reported for a binary task (use accuracy, roc_auc, f1, log_loss, brier, val_loss)']);
  });

  it('edits rows: choices by setting, kind changes keep what applies, the next unused setting', () => {
    expect(parseChoices('batchSize', '16, 32,, 64', tab)).toEqual([16, 32, 64]);
    expect(parseChoices('hiddenUnits', '16, 32x16', tab)).toEqual(['16', '32x16']);
    expect(changeKind({ name: 'batchSize', kind: 'categorical', choices: [16, 64] }, 'int', tab)).toEqual({ name: 'batchSize', kind: 'int', low: 16, high: 64 });
    expect(changeKind({ name: 'dropout', kind: 'uniform', low: 0.1, high: 0.4 }, 'log-uniform', tab)).toEqual({ name: 'dropout', kind: 'log-uniform', low: 0.1, high: 0.4 });
    expect(changeKind({ name: 'dropout', kind: 'uniform', low: 0.1, high: 0.4 }, 'categorical', tab)).toEqual({ name: 'dropout', kind: 'categorical', choices: [0.1, 0.4] });
    expect(nextParam(tabSetup('binary').space, tab).name).toBe('activation');
  });

  it('stores a partial result and bounds the epochs a trial can run', () => {
    const trials = [trial(0, 'complete', 0.8), trial(1, 'pruned', 0.9), trial(2, 'failed', null), trial(3, 'complete', 0.85)];
    const r = partialResult({ metric: 'accuracy', direction: 'maximize' }, trials);
    expect(r.best?.index).toBe(3);
    expect(r.bestSoFar).toEqual([0.8, 0.8, 0.8, 0.85]);
    expect(r.partial).toBe(true);
    expect(trialCounts(trials)).toEqual({ running: 0, complete: 2, pruned: 1, failed: 1 });
    const base = tabBase;
    expect(maxTrialEpochs(base, [])).toBe(60);
    expect(maxTrialEpochs(base, [{ name: 'epochs', kind: 'int', low: 10, high: 45, step: 10 }])).toBe(40);
    expect(maxTrialEpochs(base, [{ name: 'epochs', kind: 'categorical', choices: [5, 20] }])).toBe(20);
  });

  it('a GBDT form: its own space, metrics the trees report, rungs in rounds, GBDT settings in the editor', () => {
    const base = defaultGbdtConfig();
    const s = defaultTuneSetup(gb, { kind: 'ordinal' }, base);
    expect(s.space.map((p) => p.name)).toEqual(['learningRate', 'maxDepth', 'minSamplesLeaf', 'l2', 'rowSubsample', 'colSubsample']);
    expect(defaultTuneSetup(gb, { kind: 'binary' }, { ...base, growth: 'leafwise' }).space[1].name).toBe('numLeaves');
    expect(studySpec(s, gb, { kind: 'ordinal' })).toMatchObject({ metric: 'qwk', direction: 'maximize', pruner: { minResource: 10, reductionFactor: 3 } });
    // val_loss is a network metric: a GBDT study falls back to the headline
    expect(studySpec({ ...s, metric: 'val_loss' }, gb, { kind: 'regression' })).toMatchObject({ metric: 'mae', direction: 'minimize' });
    expect(studySpec({ ...s, metric: 'log_loss' }, gb, { kind: 'binary' })).toMatchObject({ metric: 'log_loss', direction: 'minimize' });
    expect(gbdtStudyErrors(studySpec(s, gb, { kind: 'ordinal' }), 'ordinal')).toEqual([]);
    expect(nextParam(s.space, gb).name).toBe('numLeaves');
    expect(defaultParam('growth', gb)).toEqual({ name: 'growth', kind: 'categorical', choices: ['depthwise', 'leafwise'] });
    expect(parseChoices('maxBins', '32, 255', gb)).toEqual([32, 255]);
    expect(parseChoices('growth', 'leafwise', gb)).toEqual(['leafwise']);
    expect(changeKind({ name: 'maxDepth', kind: 'int', low: 2, high: 8 }, 'categorical', gb)).toEqual({ name: 'maxDepth', kind: 'categorical', choices: [2, 8] });
  });

  it('every registered family is found by id and offers a first search with no problems', () => {
    const bases: Record<string, unknown> = { tabular: tabBase, gbdt: defaultGbdtConfig(), ranker: DEFAULT_RANKER };
    for (const f of searchFamilies()) {
      expect(searchFamily(f.id)).toBe(f);
      const base = bases[f.id] ?? {};
      const s = defaultTuneSetup(f, { kind: 'binary' }, base);
      // a one-shot family is never offered pruning
      expect(studySpec(s, f, { kind: 'binary' }).pruner === null).toBe(f.resource === null);
      expect(familyStudyErrors(f, studySpec(s, f, { kind: 'binary' }), { kind: 'binary' })).toEqual([]);
    }
    expect(() => searchFamily('clusters')).toThrow('no search is registered for the family "clusters"');
    // a ranker form: its own settings, pairwise accuracy by default, rungs in epochs
    const r = defaultTuneSetup(rankerSearch, {}, DEFAULT_RANKER);
    expect(r.space.map((p) => p.name)).toEqual(['learningRate', 'hiddenUnits', 'dropout', 'margin', 'weightDecay', 'batchSize']);
    expect(studySpec(r, rankerSearch, {})).toMatchObject({ metric: 'pairwise_accuracy', direction: 'maximize', pruner: { minResource: 3, reductionFactor: 3 } });
    expect(familyStudyErrors(rankerSearch, { ...studySpec(r, rankerSearch, {}), metric: 'accuracy' }, {})).toEqual(['metric: "accuracy" is not reported by the ranker (use pairwise_accuracy, kendall_tau, val_loss)']);
    // the matcher fits in one shot: pruning is refused by name, and the form starts without it
    const m = defaultTuneSetup(matcherSearch, {}, {});
    expect(m.pruning).toBe(false);
    expect(familyStudyErrors(matcherSearch, { ...studySpec(m, matcherSearch, {}), pruner: { minResource: 1, reductionFactor: 3 } }, {})).toEqual(['pruning: the matcher fits in one shot, with no epochs or rounds to prune between']);
    expect(parseChoices('sublinearTf', 'true, false', matcherSearch)).toEqual([true, false]);
  });
});
