import { describe, expect, it } from 'vitest';
import { parseFile } from '../../data/parse-file';
import { defaultGbdtConfig } from './config';
import { treeUsableColumns } from './features';
import { prepareGbdtHoldout, trainGbdtRun } from './train-gbdt';
import { sampleBytes } from '../../../test-utils/fixtures';
import { applyGbdtParams, defaultGbdtSpace, gbdtObjective, gbdtSpaceErrors } from './search-objective';
import { gbdtStudyErrors, maxTrialRounds } from './search';
import { runSearch, suggest } from '../../tune/search';
import { validateSpace } from '../../tune/space';

const GRADES = ['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A'];

describe('GBDT search adapter', () => {
  it('applies sampled params onto the base config and names what it cannot take', () => {
    const base = defaultGbdtConfig();
    const c = applyGbdtParams(base, { learningRate: 0.05, maxDepth: 4.4, minSamplesLeaf: 7.6, l2: 0.3, rowSubsample: 0.8, colSubsample: 0.6, growth: 'leafwise' });
    expect(c).toMatchObject({ learningRate: 0.05, maxDepth: 4, minSamplesLeaf: 8, l2: 0.3, rowSubsample: 0.8, colSubsample: 0.6, growth: 'leafwise', seed: base.seed, rounds: base.rounds });
    expect(base.growth).toBe('depthwise');
    expect(() => applyGbdtParams(base, { seed: 3 })).toThrow('seed: not a tunable GBDT setting');
    expect(() => applyGbdtParams(base, { growth: 'random' })).toThrow('growth: "random" is not depthwise or leafwise');
    expect(() => applyGbdtParams(base, { learningRate: 'fast' })).toThrow('learningRate: expected a number, got "fast"');
    expect(() => applyGbdtParams(base, { rowSubsample: 1.5 })).toThrow('row subsample must be in (0, 1]');
    expect(validateSpace(defaultGbdtSpace())).toEqual([]);
    expect(defaultGbdtSpace().map((p) => p.name)).toEqual(['learningRate', 'maxDepth', 'minSamplesLeaf', 'l2', 'rowSubsample', 'colSubsample']);
    expect(defaultGbdtSpace('leafwise')[1].name).toBe('numLeaves');
    expect(gbdtSpaceErrors([{ name: 'dropout', kind: 'uniform', low: 0, high: 0.5 }])[0]).toMatch(/^dropout: not a tunable GBDT setting/);
    const spec = { space: defaultGbdtSpace(), trials: 5, sampler: 'tpe' as const, seed: 1, metric: 'val_loss', direction: 'minimize' as const, pruner: null };
    expect(gbdtStudyErrors(spec, 'binary')).toEqual(['metric: "val_loss" is not reported for a binary task (use accuracy, roc_auc, f1, log_loss, brier)']);
    expect(maxTrialRounds(base, [{ name: 'rounds', kind: 'int', low: 50, high: 180, step: 50 }])).toBe(150);
  });
});

/**
 * The essays sample on its 49 engineered features (as essays-cv.test.ts), ordinal objective:
 * QWK leaves room between configs, where a near-perfect AUC on a small table would not.
 */
describe('GBDT search on essays.csv (ordinal, QWK)', () => {
  it('10 seeded TPE trials with halving by rounds finish, prune, and beat the default config on the same split', async () => {
    const t0 = performance.now();
    const frame = await parseFile('essays.csv', sampleBytes('essays.csv'));
    const features = treeUsableColumns(frame)
      .filter((c) => c.kind === 'numeric' && !['id', 'prompt_id', 'created_at'].includes(c.column))
      .map((c) => c.column);
    const task = { target: 'grade', kind: 'ordinal' as const, labels: GRADES, features };
    const split = { strategy: 'stratified' as const, seed: 3, validationFraction: 0.2, testFraction: 0.2 };
    const base = { ...defaultGbdtConfig(), rounds: 150, earlyStoppingRounds: 20 };
    const metric = 'qwk';

    const baseline = await trainGbdtRun(frame, { source: 'essays.csv', task, model: defaultGbdtConfig(), evaluation: { mode: 'holdout', split } });
    const defaultValue = baseline.result.validation!.metrics[metric];
    const tDefault = performance.now();

    const data = prepareGbdtHoldout(frame, 'essays.csv', task, split);
    const opts = { space: defaultGbdtSpace(), sampler: 'tpe' as const, tpe: { startupTrials: 4 }, seed: 2024, direction: 'maximize' as const };
    const r = await runSearch({ ...opts, trials: 10, metric, pruner: { minResource: 10, reductionFactor: 3 }, objective: gbdtObjective({ data, kind: 'ordinal', base, metric }) });
    const tSearch = performance.now();

    for (const t of r.trials) {
      const p = t.params;
      console.log(`trial ${t.index}: ${t.state}${t.prunedAt ? `@${t.prunedAt}` : ''} qwk=${t.value?.toFixed(4)} rounds=${t.steps} lr=${(p.learningRate as number).toFixed(3)} depth=${p.maxDepth} leaf=${p.minSamplesLeaf} l2=${(p.l2 as number).toExponential(1)} rows=${(p.rowSubsample as number).toFixed(2)} cols=${(p.colSubsample as number).toFixed(2)} ${Math.round(t.durationMs)}ms${t.error ? ' ' + t.error : ''}`);
    }
    // the value a trial reports is what a holdout run with its params gives: a retrain reproduces it
    const again = await trainGbdtRun(frame, { source: 'essays.csv', task, model: applyGbdtParams(base, r.best?.params ?? {}), evaluation: { mode: 'holdout', split } });
    const pruned = r.trials.filter((t) => t.state === 'pruned').length;
    console.log(`default config: val ${metric} ${defaultValue.toFixed(4)}, ${baseline.result.bestRound} rounds kept, ${Math.round(tDefault - t0)} ms`);
    console.log(`best: trial ${r.best?.index} val ${metric} ${r.best?.value?.toFixed(4)} (retrained ${again.result.validation!.metrics[metric].toFixed(4)}); pruned ${pruned}/10; search ${Math.round(tSearch - tDefault)} ms`);
    console.log(`best so far: ${r.bestSoFar.map((v) => v?.toFixed(4) ?? '–').join(' ')}`);

    expect(r.trials).toHaveLength(10);
    expect(r.trials.every((t) => t.state !== 'failed')).toBe(true);
    expect(pruned).toBeGreaterThanOrEqual(1);
    // rungs at 10, 30, 90 rounds: a pruned trial stopped at one of them
    for (const t of r.trials.filter((x) => x.state === 'pruned')) expect([10, 30, 90]).toContain(t.prunedAt);
    expect(r.best).not.toBeNull();
    expect(r.best?.value ?? 0).toBeGreaterThanOrEqual(defaultValue);
    expect(again.result.validation!.metrics[metric]).toBe(r.best?.value);
    for (const i of [0, 4, 9]) expect(suggest(opts, i, r.trials.slice(0, i))).toEqual(r.trials[i].params);
  }, 60_000);
});
