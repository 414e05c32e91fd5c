import { describe, expect, it } from 'vitest';
import type { Frame } from '../data/frame';
import { defaultGbdtConfig } from '../models/gbdt/config';
import { syntheticTable } from '../models/gbdt/synthetic';
import { trainGbdtRun } from '../models/gbdt/train-gbdt';
import { baselineLosses } from '../metrics/baseline';
import { heldOutIntervals } from './report-extras';

/** 6 informative numeric features, a yes/no target and one pure-noise column. */
function binaryFrame(n: number, noiseOnly = false): Frame {
  const t = syntheticTable('binary', n, 6, { seed: 5 });
  const noise = syntheticTable('binary', n, 6, { seed: 99 });
  const src = noiseOnly ? noise : t;
  return {
    rowCount: n,
    columns: [
      ...[0, 1, 2, 3, 4, 5].map((f) => ({ name: `f${f}`, dtype: 'numeric' as const, values: Float64Array.from({ length: n }, (_, i) => src.x[i * 6 + f]) })),
      { name: 'y', dtype: 'categorical', values: Array.from(t.y, (v) => (v ? 'yes' : 'no')) },
    ],
  };
}

const task = { target: 'y', kind: 'binary' as const, features: ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'] };
const model = { ...defaultGbdtConfig(), rounds: 30, maxDepth: 3, minSamplesLeaf: 5 };

describe('held-out reports carry the dummy baseline and bootstrap intervals', () => {
  it('GBDT holdout: validation and test reports have the prior baseline (fitted on train) and 95 % intervals around each metric', async () => {
    const out = await trainGbdtRun(binaryFrame(600), { source: 's', task, model, evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.25, testFraction: 0.25 } } });
    const v = out.result.validation!;
    expect(v.baseline?.name).toBe('majority class / prior');
    // a constant prior has no ranking skill
    expect(v.baseline?.metrics.roc_auc).toBe(0.5);
    expect(out.predictions?.dummy?.strategy).toBe('prior');
    for (const k of ['accuracy', 'roc_auc', 'log_loss']) {
      expect(v.ci?.[k].lo).toBeLessThanOrEqual(v.metrics[k]);
      expect(v.ci?.[k].hi).toBeGreaterThanOrEqual(v.metrics[k]);
    }
    // informative features: the trees beat the prior everywhere it is checked
    expect(baselineLosses('binary', v.metrics, v.baseline!.metrics)).toEqual([]);
  });

  it('GBDT on noise features does not beat its baseline on log loss, and the verdict says so', async () => {
    const out = await trainGbdtRun(binaryFrame(600, true), { source: 's', task, model: { ...model, earlyStoppingRounds: 0, rounds: 80, minSamplesLeaf: 2 }, evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 1, validationFraction: 0.25, testFraction: 0.25 } } });
    const t = out.result.test!;
    expect(baselineLosses('binary', t.metrics, t.baseline!.metrics).map((l) => l.metric)).toContain('log_loss');
  });

  it('cross-validation: every fold and the pooled report carry the baseline; no intervals from 1000 rows up', async () => {
    const out = await trainGbdtRun(binaryFrame(1200), { source: 's', task, model, evaluation: { mode: 'cv', cv: { folds: 3, strategy: 'stratified', repeats: 1, seed: 2 } } });
    const cv = out.result.cv!;
    for (const f of cv.folds) expect(f.baseline?.roc_auc).toBe(0.5);
    expect(cv.pooled.baseline?.metrics.accuracy).toBeGreaterThan(0.3);
    expect(cv.pooled.ci).toBeUndefined();
  });

  it('intervals are reproducible (seeded)', () => {
    const y = Float64Array.from({ length: 50 }, (_, i) => i % 2);
    const out = Float64Array.from({ length: 100 }, (_, i) => (i % 2 ? 0.3 + 0.01 * (i % 7) : 0.7 - 0.01 * (i % 7)));
    expect(heldOutIntervals('binary', y, out, ['no', 'yes'])).toEqual(heldOutIntervals('binary', y, out, ['no', 'yes']));
  });
});
