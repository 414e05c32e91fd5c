import { describe, expect, it } from 'vitest';
import { aliasAt, aliasHistory, currentAliases, rollbackTarget, type AliasEvent } from './aliases';
import { diffRows } from './diff';
import { compareModelIds, formatModelId, modelIdProblems, nextModelId, parseModelId } from './model-id';
import { curveMetrics, curveOf, epochSnapshot } from './compare';

describe('model ids', () => {
  it('parse and format `{model_type}_v{major}.{minor}[-{suffix}]`', () => {
    expect(parseModelId('essay_scorer_v1.3-ordinal')).toEqual({ modelType: 'essay_scorer', major: 1, minor: 3, suffix: 'ordinal' });
    expect(parseModelId('ranker_v12.0')).toEqual({ modelType: 'ranker', major: 12, minor: 0, suffix: null });
    expect(parseModelId('scorer_v2_v1.0')).toMatchObject({ modelType: 'scorer_v2', major: 1, minor: 0 });
    for (const bad of ['Essay_v1.0', 'essay_v1', 'essay-v1.0', 'essay_v1.0-', '_v1.0']) expect(parseModelId(bad), bad).toBeNull();
    expect(formatModelId({ modelType: 'job_matcher', major: 2, minor: 1, suffix: 'logistic' })).toBe('job_matcher_v2.1-logistic');
  });

  it('bumps minor or major from the newest version of the same type', () => {
    const ids = ['essay_scorer_v1.0', 'essay_scorer_v1.3-ordinal', 'essay_scorer_v1.2', 'other_v7.0'];
    expect(formatModelId(nextModelId(ids, 'essay_scorer', 'minor', 'ordinal'))).toBe('essay_scorer_v1.4-ordinal');
    expect(formatModelId(nextModelId(ids, 'essay_scorer', 'major', null))).toBe('essay_scorer_v2.0');
    expect(formatModelId(nextModelId(ids, 'new_model', 'minor', ''))).toBe('new_model_v1.0');
    expect(['a_v1.2', 'a_v2.0', 'a_v1.10'].sort(compareModelIds)).toEqual(['a_v2.0', 'a_v1.10', 'a_v1.2']);
  });

  it('says what is wrong with a type or suffix', () => {
    expect(modelIdProblems('essay_scorer', 'ordinal')).toEqual([]);
    expect(modelIdProblems('Essay Scorer', null)[0]).toMatch(/lowercase words joined by _/);
    expect(modelIdProblems('scorer_v2', null)[0]).toMatch(/must not end in a version/);
    expect(modelIdProblems('x', 'Ord inal')[0]).toMatch(/suffix "Ord inal"/);
  });
});

describe('aliases as a fold over append-only moves', () => {
  const ev = (alias: string, from: string | null, to: string | null, at: number, kind: AliasEvent['kind'] = 'move'): AliasEvent => ({ modelType: 'm', alias, from, to, at, note: '', kind });
  const events = [ev('production', null, 'm_v1.0', 10), ev('staging', null, 'm_v1.1', 15), ev('production', 'm_v1.0', 'm_v1.1', 20), ev('production', 'm_v1.1', 'm_v2.0', 30), { ...ev('production', null, 'x_v1.0', 5), modelType: 'x' }];

  it('answers "which version was production at time T"', () => {
    expect(aliasAt(events, 'm', 'production', 9)).toBeNull();
    expect(aliasAt(events, 'm', 'production', 10)).toBe('m_v1.0');
    expect(aliasAt(events, 'm', 'production', 25)).toBe('m_v1.1');
    expect(aliasAt(events, 'm', 'production', 1e9)).toBe('m_v2.0');
    expect(currentAliases(events, 'm')).toEqual({ production: 'm_v2.0', staging: 'm_v1.1' });
  });

  it('rolls back to the previous version, and a second rollback walks further back', () => {
    expect(rollbackTarget(events, 'm', 'production')).toBe('m_v1.1');
    const once = [...events, ev('production', 'm_v2.0', 'm_v1.1', 40, 'rollback')];
    expect(rollbackTarget(once, 'm', 'production')).toBe('m_v1.0');
    const twice = [...once, ev('production', 'm_v1.1', 'm_v1.0', 50, 'rollback')];
    expect(rollbackTarget(twice, 'm', 'production')).toBeNull();
    expect(rollbackTarget(events, 'm', 'staging')).toBeNull();
    // production only ever held v2.0: the rollback goes to the newest live version below it
    const fresh = [ev('production', null, 'm_v2.0', 10)];
    expect(rollbackTarget(fresh, 'm', 'production')).toBeNull();
    expect(rollbackTarget(fresh, 'm', 'production', ['m_v1.0', 'm_v1.1', 'm_v2.0', 'm_v3.0'])).toBe('m_v1.1');
    // an archived earlier version is skipped
    expect(rollbackTarget(events, 'm', 'production', ['m_v1.0', 'm_v2.0'])).toBe('m_v1.0');
    expect(aliasHistory(twice, 'm').map((e) => e.at)).toEqual([50, 40, 30, 20, 15, 10]);
  });

  it('orders same-millisecond moves by their sequence number', () => {
    const a = { ...ev('production', null, 'm_v1.0', 10), seq: 2 };
    const b = { ...ev('production', null, 'm_v2.0', 10), seq: 1 };
    expect(aliasAt([a, b], 'm', 'production', 10)).toBe('m_v1.0');
  });
});

describe('diff rows', () => {
  it('flattens nested configs and keeps only the differing keys on request', () => {
    const a = { model: { learningRate: 0.01, hiddenUnits: [32, 16] }, split: { seed: 1 } };
    const b = { model: { learningRate: 0.001, hiddenUnits: [32, 16] }, split: { seed: 1 }, extra: true };
    expect(diffRows([a, b]).map((r) => r.key)).toEqual(['extra', 'model.hiddenUnits', 'model.learningRate', 'split.seed']);
    expect(diffRows([a, b], true)).toEqual([
      { key: 'extra', values: [undefined, true], same: false },
      { key: 'model.learningRate', values: [0.01, 0.001], same: false },
    ]);
  });
});

describe('comparing runs at their best epoch', () => {
  const e = (seq: number, valLoss: number, acc: number) => ({ seq, trainLoss: 1 / seq, valLoss, valMetrics: { accuracy: acc }, elapsedMs: seq * 500 });
  const epochs = [e(1, 0.9, 0.6), e(2, 0.5, 0.8), e(3, 0.7, 0.82), e(4, NaN, 0.7)];

  it('takes the lowest validation loss (or the recorded best epoch) and the last epoch', () => {
    expect(epochSnapshot(epochs)).toMatchObject({ bestEpoch: 2, lastEpoch: 4, best: { accuracy: 0.8, val_loss: 0.5 }, last: { accuracy: 0.7 } });
    expect(epochSnapshot(epochs, 3).best.accuracy).toBe(0.82);
    expect(epochSnapshot([])).toEqual({ bestEpoch: null, lastEpoch: null, best: {}, last: {} });
  });

  it('draws a curve by epoch or wall time, dropping non-finite points', () => {
    expect(curveOf(epochs, 'val_loss', 'epoch')).toEqual([{ x: 1, y: 0.9 }, { x: 2, y: 0.5 }, { x: 3, y: 0.7 }]);
    expect(curveOf(epochs, 'accuracy', 'time').map((p) => p.x)).toEqual([0.5, 1, 1.5, 2]);
    expect(curveMetrics([epochs, [{ ...e(1, 0.4, 0.5), valMetrics: { f1: 0.3 } }]])).toEqual(['train_loss', 'val_loss', 'accuracy', 'f1']);
  });
});
