import { describe, expect, it } from 'vitest';
import type { Frame } from '../../data/frame';
import type { GbdtCheckpoint } from './checkpoint';
import { defaultGbdtConfig } from './config';
import { syntheticTable } from './synthetic';
import { trainGbdtRun, type GbdtRunSpec } from './train-gbdt';

/** Numeric features, a categorical one (its codes are ranked on the training rows) and a three-class target. */
function frame(n = 360): Frame {
  const t = syntheticTable('multiclass', n, 5, { seed: 4, classes: 3, missingRate: 0.04 });
  return {
    rowCount: n,
    columns: [
      ...[0, 1, 2, 3].map((f) => ({ name: `f${f}`, dtype: 'numeric' as const, values: Float64Array.from({ length: n }, (_, i) => t.x[i * 5 + f]) })),
      { name: 'city', dtype: 'categorical' as const, values: Array.from({ length: n }, (_, i) => ['Lyon', 'Nice', 'Lille', 'Brest'][(i * 7 + (t.y[i] ?? 0)) % 4]) },
      { name: 'tier', dtype: 'categorical' as const, values: Array.from(t.y, (c) => ['low', 'mid', 'high'][c]) },
    ],
  };
}

const spec: GbdtRunSpec = {
  source: 'tiers.csv',
  task: { target: 'tier', kind: 'multiclass', features: ['f0', 'f1', 'f2', 'f3', 'city'] },
  model: { ...defaultGbdtConfig(), rounds: 30, maxDepth: 3, minSamplesLeaf: 5, rowSubsample: 0.8, colSubsample: 0.8, earlyStoppingRounds: 0 },
  evaluation: { mode: 'holdout', split: { strategy: 'stratified', seed: 3, validationFraction: 0.2, testFraction: 0.2 } },
};

describe('a holdout GBDT run stopped and resumed', () => {
  it('ends with the uninterrupted run’s model, curve, reports and stored predictions', async () => {
    const f = frame();
    const straight = await trainGbdtRun(f, spec);
    let cp: GbdtCheckpoint | null = null;
    let stop = false;
    const stopped = await trainGbdtRun(f, spec, {
      onRoundOf: (_fold, r) => void (stop = r.round === 11),
      shouldStop: () => stop,
      onCheckpoint: (o) => void (o.final && (cp = structuredClone(o.take()))),
    });
    expect(stopped.result.reason).toBe('user-stopped');
    expect(cp!.epoch).toBe(11);
    const resumed = await trainGbdtRun(f, spec, {}, cp!);
    expect(JSON.stringify(resumed.model)).toBe(JSON.stringify(straight.model));
    expect(resumed.result.history.map((h) => h.round)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(resumed.result.history.map((h) => [h.trainLoss, h.validationLoss])).toEqual(straight.result.history.map((h) => [h.trainLoss, h.validationLoss]));
    expect(resumed.result.validation!.metrics).toEqual(straight.result.validation!.metrics);
    expect(resumed.result.test!.metrics).toEqual(straight.result.test!.metrics);
    expect(Array.from(resumed.predictions!.test.logits)).toEqual(Array.from(straight.predictions!.test.logits));
  });

  it('a cross-validation run is not resumed, and offers no checkpoints', async () => {
    const f = frame();
    let cp: GbdtCheckpoint | null = null;
    let offers = 0;
    await trainGbdtRun(f, spec, { onCheckpoint: (o) => void (cp = o.take()) });
    const cv: GbdtRunSpec = { ...spec, model: { ...spec.model, rounds: 5 }, evaluation: { mode: 'cv', cv: { folds: 3, repeats: 1, strategy: 'stratified', seed: 1 } } };
    await trainGbdtRun(f, cv, { onCheckpoint: () => void offers++ });
    expect(offers).toBe(0);
    await expect(trainGbdtRun(f, cv, {}, cp!)).rejects.toThrow('a cross-validation run cannot be resumed');
  });
});
