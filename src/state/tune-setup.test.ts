import { describe, expect, it } from 'vitest';
import { defaultTabularConfig } from '../ml/models/tabular/config';
import { partialResult, trialCounts } from '../ml/tune/study';
import type { Trial } from '../ml/tune/search';
import { maxTrialEpochs, tabularStudyErrors } from '../ml/tune/tabular-study';
import { gbdtStudyErrors } from '../ml/tune/gbdt-study';
import { changeKind, defaultParam, defaultTuneSetup, nextParam, parseChoices, studySpec } from './tune-setup';

const trial = (index: number, state: Trial['state'], value: number | null): Trial => ({ index, params: { learningRate: 0.01 }, state, value, intermediate: [], steps: 3, durationMs: 10 });

describe('tune setup', () => {
  it('turns the form into a study: TPE start, pruner, a metric the task reports', () => {
    const s = defaultTuneSetup('multiclass');
    expect(studySpec(s, 'multiclass')).toMatchObject({ sampler: 'tpe', tpe: { startupTrials: 4 }, metric: 'accuracy', direction: 'maximize', pruner: { minResource: 3, reductionFactor: 3 } });
    expect(tabularStudyErrors(studySpec(s, 'multiclass'), 'multiclass')).toEqual([]);
    // the target became numeric: accuracy is not reported, the headline MAE is used
    expect(studySpec(s, 'regression')).toMatchObject({ metric: 'mae', direction: 'minimize' });
    expect(studySpec({ ...s, sampler: 'random', pruning: false, metric: 'val_loss' }, 'binary')).toMatchObject({ sampler: 'random', pruner: null, metric: 'val_loss', direction: 'minimize' });
    expect(studySpec({ ...s, sampler: 'random' }, 'binary').tpe).toBeUndefined();
  });

  it('names the param in every problem', () => {
    const spec = studySpec({ ...defaultTuneSetup('binary'), space: [{ name: 'momentum', kind: 'uniform', low: 0, high: 1 }, { name: 'learningRate', kind: 'log-uniform', low: 0, high: 0.1 }], trials: 0 }, 'binary');
    const errs = tabularStudyErrors(spec, 'binary');
    expect(errs).toContain('learningRate: a log-uniform range needs low > 0 (got 0)');
    expect(errs.some((e) => e.startsWith('momentum: not a tunable setting'))).toBe(true);
    expect(errs).toContain('trials: a whole number from 1 to 500');
    expect(tabularStudyErrors({ ...spec, space: [], trials: 3, metric: 'qwk' }, 'binary')).toEqual(['the search space has no parameters', 'metric: "qwk" is not reported for a binary task (use accuracy, roc_auc, f1, log_loss, brier, val_loss)']);
  });

  it('edits rows: choices by setting, kind changes keep what applies, the next unused setting', () => {
    expect(parseChoices('batchSize', '16, 32,, 64')).toEqual([16, 32, 64]);
    expect(parseChoices('hiddenUnits', '16, 32x16')).toEqual(['16', '32x16']);
    expect(changeKind({ name: 'batchSize', kind: 'categorical', choices: [16, 64] }, 'int')).toEqual({ name: 'batchSize', kind: 'int', low: 16, high: 64 });
    expect(changeKind({ name: 'dropout', kind: 'uniform', low: 0.1, high: 0.4 }, 'log-uniform')).toEqual({ name: 'dropout', kind: 'log-uniform', low: 0.1, high: 0.4 });
    expect(changeKind({ name: 'dropout', kind: 'uniform', low: 0.1, high: 0.4 }, 'categorical')).toEqual({ name: 'dropout', kind: 'categorical', choices: [0.1, 0.4] });
    expect(nextParam(defaultTuneSetup('binary').space).name).toBe('activation');
  });

  it('stores a partial result and bounds the epochs a trial can run', () => {
    const trials = [trial(0, 'complete', 0.8), trial(1, 'pruned', 0.9), trial(2, 'failed', null), trial(3, 'complete', 0.85)];
    const r = partialResult({ metric: 'accuracy', direction: 'maximize' }, trials);
    expect(r.best?.index).toBe(3);
    expect(r.bestSoFar).toEqual([0.8, 0.8, 0.8, 0.85]);
    expect(r.partial).toBe(true);
    expect(trialCounts(trials)).toEqual({ running: 0, complete: 2, pruned: 1, failed: 1 });
    const base = defaultTabularConfig();
    expect(maxTrialEpochs(base, [])).toBe(60);
    expect(maxTrialEpochs(base, [{ name: 'epochs', kind: 'int', low: 10, high: 45, step: 10 }])).toBe(40);
    expect(maxTrialEpochs(base, [{ name: 'epochs', kind: 'categorical', choices: [5, 20] }])).toBe(20);
  });

  it('a GBDT form: its own space, metrics the trees report, rungs in rounds, GBDT settings in the editor', () => {
    const s = defaultTuneSetup('ordinal', 'gbdt');
    expect(s.space.map((p) => p.name)).toEqual(['learningRate', 'maxDepth', 'minSamplesLeaf', 'l2', 'rowSubsample', 'colSubsample']);
    expect(defaultTuneSetup('binary', 'gbdt', 'leafwise').space[1].name).toBe('numLeaves');
    expect(studySpec(s, 'ordinal', 'gbdt')).toMatchObject({ metric: 'qwk', direction: 'maximize', pruner: { minResource: 10, reductionFactor: 3 } });
    // val_loss is a network metric: a GBDT study falls back to the headline
    expect(studySpec({ ...s, metric: 'val_loss' }, 'regression', 'gbdt')).toMatchObject({ metric: 'mae', direction: 'minimize' });
    expect(gbdtStudyErrors(studySpec(s, 'ordinal', 'gbdt'), 'ordinal')).toEqual([]);
    expect(nextParam(s.space, 'gbdt').name).toBe('numLeaves');
    expect(defaultParam('growth', 'gbdt')).toEqual({ name: 'growth', kind: 'categorical', choices: ['depthwise', 'leafwise'] });
    expect(parseChoices('maxBins', '32, 255')).toEqual([32, 255]);
    expect(changeKind({ name: 'maxDepth', kind: 'int', low: 2, high: 8 }, 'categorical', 'gbdt')).toEqual({ name: 'maxDepth', kind: 'categorical', choices: [2, 8] });
  });
});
