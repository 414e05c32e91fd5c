import { describe, expect, it } from 'vitest';
import { expectClose } from '../../../test-utils/close';
import { defaultGbdtConfig, type GbdtConfig } from './config';
import { fitGbdt } from './fit-gbdt';
import { featureImportance, predict } from './model';
import { makeObjective } from './objectives';
import { syntheticTable } from './synthetic';

const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const one = (over: Partial<GbdtConfig>): GbdtConfig => ({ ...defaultGbdtConfig(), rounds: 1, learningRate: 1, maxDepth: 1, minSamplesLeaf: 1, minChildWeight: 0, l2: 0, earlyStoppingRounds: 0, ...over });

describe('one tree, checked by hand', () => {
  it('regression: y = 1,1,1,1,5,5,5,5 on x = 1..8 splits at 4.5 with leaves 1 and 5, gain 32; a missing x goes with its gradient', async () => {
    // base score = mean = 3; gradients s − y = ±2; left G = 8, H = 4 → leaf −2; right → +2
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const y = Float64Array.from([1, 1, 1, 1, 5, 5, 5, 5]);
    const { model } = await fitGbdt({ x, featureNames: ['x'], y, trainRows: range(0, 8) }, 'regression', 1, one({}));
    const t = model.trees[0];
    expect(model.baseScores).toEqual([3]);
    expect(t.feature[0]).toBe(0);
    expect(t.threshold[0]).toBe(4.5);
    expect(t.gain[0]).toBeCloseTo(32, 12);
    expect(t.value[t.left[0]]).toBe(-2);
    expect(t.value[t.right[0]]).toBe(2);
    expect(Array.from(predict(model, x, 8))).toEqual([1, 1, 1, 1, 5, 5, 5, 5]);
    // now two missing x with high targets: the split learns to send missing right
    const x2 = Float32Array.from([1, 2, 3, 4, 5, 6, NaN, NaN]);
    const m2 = (await fitGbdt({ x: x2, featureNames: ['x'], y, trainRows: range(0, 8) }, 'regression', 1, one({}))).model;
    expect(m2.trees[0].threshold[0]).toBe(4.5);
    expect(m2.trees[0].missingLeft[0]).toBe(0);
    expect(Array.from(predict(m2, Float32Array.from([NaN, 0]), 2))).toEqual([5, 1]);
  });

  it('binary: the leaf values are −G / (H + λ) times the learning rate, from log-odds base', async () => {
    const x = Float32Array.from([0, 0, 0, 1, 1, 1]);
    const y = Float64Array.from([0, 0, 1, 1, 1, 1]);
    const lr = 0.3;
    const l2 = 0.5;
    const { model } = await fitGbdt({ x, featureNames: ['x'], y, trainRows: range(0, 6) }, 'binary', 2, one({ learningRate: lr, l2 }));
    const base = Math.log(4 / 2);
    expectClose(model.baseScores[0], base, 1e-12);
    const p = 1 / (1 + Math.exp(-base)); // 2/3
    const h = p * (1 - p);
    const t = model.trees[0];
    // left (x = 0): y = 0, 0, 1 → G = 3p − 1; right: G = 3p − 3; H = 3h each
    expectClose(t.value[t.left[0]], Math.fround((-(3 * p - 1) / (3 * h + l2)) * lr), 1e-7);
    expectClose(t.value[t.right[0]], Math.fround((-(3 * p - 3) / (3 * h + l2)) * lr), 1e-7);
  });
});

describe('boosting', () => {
  const data = syntheticTable('binary', 600, 10, { seed: 3, missingRate: 0.05 });
  const fit = (over: Partial<GbdtConfig>) => fitGbdt({ x: data.x, featureNames: data.names, y: data.y, trainRows: range(0, 450), validationRows: range(450, 600) }, 'binary', 2, { ...defaultGbdtConfig(), rounds: 40, ...over });

  it('is deterministic for a seed (row and column subsampling on), and the seed matters', async () => {
    const cfg = { rowSubsample: 0.7, colSubsample: 0.6, seed: 9 };
    const a = await fit(cfg);
    const b = await fit(cfg);
    expect(JSON.stringify(b.model)).toBe(JSON.stringify(a.model));
    const c = await fit({ ...cfg, seed: 10 });
    expect(JSON.stringify(c.model.trees)).not.toBe(JSON.stringify(a.model.trees));
  });

  it('early stopping keeps the best validation round', async () => {
    const r = await fit({ rounds: 400, learningRate: 0.5, earlyStoppingRounds: 5 });
    expect(r.reason).toBe('early-stopped');
    const losses = r.history.map((h) => h.validationLoss as number);
    const best = losses.indexOf(Math.min(...losses)) + 1;
    expect(r.bestRound).toBe(best);
    expect(r.model.trees.length).toBe(best);
    expect(r.history.length).toBe(best + 5);
  });

  it('depth-wise and leaf-wise growth obey max depth and the leaf cap; the informative features lead the importance', async () => {
    const d = await fit({ growth: 'depthwise', maxDepth: 3, numLeaves: 64, minSamplesLeaf: 5 });
    const l = await fit({ growth: 'leafwise', maxDepth: 0, numLeaves: 5, minSamplesLeaf: 5 });
    for (const t of d.model.trees) expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(8);
    for (const t of l.model.trees) expect(t.feature.filter((f) => f < 0).length).toBeLessThanOrEqual(5);
    const top = featureImportance(d.model).slice(0, 3).map((f) => f.feature);
    expect(top).toContain('f0');
    expect(featureImportance(d.model).at(-1)?.splits).toBeGreaterThanOrEqual(0);
  });

  it('stops between rounds when asked', async () => {
    let rounds = 0;
    const r = await fitGbdt({ x: data.x, featureNames: data.names, y: data.y, trainRows: range(0, 450) }, 'binary', 2, { ...defaultGbdtConfig(), rounds: 100 }, { onRound: () => void rounds++, shouldStop: () => rounds >= 3 });
    expect(r.reason).toBe('user-stopped');
    expect(r.model.trees.length).toBe(3);
  });

  it('a stop between the trees of a multiclass round keeps only whole rounds', async () => {
    const m = syntheticTable('multiclass', 300, 6, { seed: 4, classes: 4 });
    let rounds = 0;
    let asked = 0;
    let stopAt: number | null = null;
    const r = await fitGbdt({ x: m.x, featureNames: m.names, y: m.y, trainRows: range(0, 300) }, 'multiclass', 4, { ...defaultGbdtConfig(), rounds: 100 }, {
      onRound: () => void rounds++,
      // asked once before the round and before each tree after the first: the 3rd check of round 3 is between its 2nd and 3rd tree
      shouldStop: () => {
        asked++;
        if (stopAt === null && rounds === 2 && asked === 2 * 4 + 3) stopAt = asked;
        return stopAt !== null;
      },
    });
    expect(stopAt).not.toBeNull();
    expect(r.reason).toBe('user-stopped');
    expect(r.history).toHaveLength(2);
    expect(r.model.trees.length).toBe(2 * 4);
  });

  it('reports a clear error for a matrix that does not fit the rows', async () => {
    await expect(fitGbdt({ x: new Float32Array(5), featureNames: ['a', 'b'], y: new Float64Array(3), trainRows: range(0, 3) }, 'binary', 2, defaultGbdtConfig())).rejects.toThrow(/5 values, expected 3 rows × 2 features/);
  });
});

describe('ordinal cumulative-link objective', () => {
  it('gradient and hessian equal finite differences of the loss, at every grade', () => {
    const K = 5;
    const thresholds = Float64Array.from([-1.5, -0.4, 0.3, 1.2]);
    const obj = makeObjective('ordinal', K, { thresholds });
    for (let c = 0; c < K; c++) {
      const y = Float64Array.of(c);
      const s = Float64Array.of(0.37);
      const g = new Float64Array(1);
      const h = new Float64Array(1);
      obj.gradHess(y, s, 0, g, h);
      const eps = 1e-5;
      const L = (v: number) => obj.loss(y, Float64Array.of(v));
      expectClose(g[0], (L(0.37 + eps) - L(0.37 - eps)) / (2 * eps), 1e-6, 1e-8);
      expectClose(h[0], (L(0.37 + eps) - 2 * L(0.37) + L(0.37 - eps)) / eps ** 2, 1e-3, 1e-5);
      expect(h[0]).toBeGreaterThan(0);
    }
  });

  it('trains increasing thresholds and a valid grade distribution (rows sum to 1, all ≥ 0)', async () => {
    const d = syntheticTable('ordinal', 800, 8, { seed: 5, classes: 6 });
    const r = await fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows: range(0, 600), validationRows: range(600, 800) }, 'ordinal', 6, { ...defaultGbdtConfig(), rounds: 50 });
    const th = r.model.thresholds as number[];
    expect(th.length).toBe(5);
    for (let i = 1; i < th.length; i++) expect(th[i]).toBeGreaterThan(th[i - 1]);
    const p = predict(r.model, d.x.slice(600 * 8), 200);
    for (let i = 0; i < 200; i++) {
      let s = 0;
      for (let k = 0; k < 6; k++) {
        expect(p[i * 6 + k]).toBeGreaterThanOrEqual(0);
        s += p[i * 6 + k];
      }
      expectClose(s, 1, 1e-12);
    }
    expect(r.history.at(-1)?.validationLoss).toBeLessThan(r.history[0].validationLoss as number);
  });
});
