import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { kFolds, summarizeFolds, type CvConfig } from './cross-validation';
import { classReport } from './class-report';
import { rankedProbabilityScore } from '../metrics/ordinal';
import { expectClose } from '../../test-utils/close';

const rows = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
const cfg = (over: Partial<CvConfig>): CvConfig => ({ folds: 5, repeats: 1, seed: 3, strategy: 'kfold', ...over });

function everyRowOncePerRepeat(folds: ReturnType<typeof kFolds>, n: number, repeats: number) {
  for (let r = 0; r < repeats; r++) {
    const seen = new Int32Array(n);
    for (const f of folds.filter((x) => x.repeat === r)) {
      for (const i of f.test) seen[i]++;
      expect(f.train.length + f.test.length).toBe(n);
      const test = new Set(f.test);
      for (const i of f.train) expect(test.has(i)).toBe(false);
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
  }
}

describe('k-fold cross-validation splits', () => {
  it('plain k-fold: every row in exactly one test fold per repeat, near-equal folds, reproducible by seed', () => {
    const f = kFolds(rows(103), cfg({ repeats: 2 }));
    expect(f.length).toBe(10);
    everyRowOncePerRepeat(f, 103, 2);
    for (const x of f) expect([20, 21]).toContain(x.test.length);
    expect(Array.from(f[0].test)).not.toEqual(Array.from(f[5].test)); // repeats reshuffle
    expect(kFolds(rows(103), cfg({ repeats: 2 })).map((x) => Array.from(x.test))).toEqual(f.map((x) => Array.from(x.test)));
  });

  it('stratified: every class count in every fold is within one row of its ideal share (random data, many seeds)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const rng = mulberry32(seed);
      const n = 50 + Math.floor(rng() * 300);
      const k = 2 + Math.floor(rng() * 6);
      const classes = 2 + Math.floor(rng() * 6);
      const y = Float64Array.from({ length: n }, () => Math.floor(rng() ** 2 * classes));
      const f = kFolds(rows(n), cfg({ folds: k, strategy: 'stratified', seed }), y);
      everyRowOncePerRepeat(f, n, 1);
      for (let c = 0; c < classes; c++) {
        const total = y.filter((v) => v === c).length;
        for (const fold of f) {
          const got = Array.from(fold.test).filter((i) => y[i] === c).length;
          expect(Math.abs(got - total / k)).toBeLessThan(1 + 1e-9);
        }
      }
    }
  });

  it('grouped: no group is on both sides of any fold, folds stay balanced, too few groups is an error', () => {
    const rng = mulberry32(8);
    const groups = Array.from({ length: 400 }, () => `p${Math.floor(rng() * 23)}`);
    const f = kFolds(rows(400), cfg({ strategy: 'group', groupColumn: 'prompt' }), undefined, groups);
    everyRowOncePerRepeat(f, 400, 1);
    for (const fold of f) {
      const testGroups = new Set(Array.from(fold.test, (i) => groups[i]));
      for (const i of fold.train) expect(testGroups.has(groups[i])).toBe(false);
      expect(fold.test.length).toBeGreaterThan(40);
    }
    expect(() => kFolds(rows(10), cfg({ strategy: 'group', groupColumn: 'g' }), undefined, ['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd', 'd', 'd'])).toThrow(/at least 5 groups; "g" has 4/);
  });

  it('summarizes folds as mean ± population std, leaving out NaN', () => {
    const s = summarizeFolds([{ qwk: 0.5, mae: 1 }, { qwk: 0.7, mae: NaN }, { qwk: 0.6, mae: 3 }]);
    expectClose(s.qwk.mean, 0.6, 1e-12);
    expectClose(s.qwk.std, Math.sqrt(0.02 / 3), 1e-12);
    expect(s.mae).toEqual({ mean: 2, std: 1, min: 1, max: 3 });
  });
});

describe('class report for graded predictions', () => {
  it('confusion matrix, per-grade precision/recall and the predicted vs observed grade distribution', () => {
    const y = [0, 1, 2, 2];
    const probs = [0.8, 0.2, 0, 0.1, 0.5, 0.4, 0, 0.3, 0.7, 0.1, 0.6, 0.3];
    const r = classReport('ordinal', y, probs, ['C', 'B', 'A']);
    expect(r.confusion).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 1, 1],
    ]);
    expect(r.precision).toEqual([1, 0.5, 1]);
    expect(r.recall).toEqual([1, 1, 0.5]);
    expectClose(r.distribution.map((d) => d.predicted), [0.25, 0.4, 0.35], 1e-12);
    expect(r.distribution.map((d) => d.observed)).toEqual([0.25, 0.25, 0.5]);
    expect(r.metrics.adjacent_accuracy).toBe(1);
    expectClose(r.metrics.mae, 0.25, 1e-12);
  });

  it('ranked probability score: 0 when certain and right, larger for mass far from the truth', () => {
    expect(rankedProbabilityScore([1], [0, 1, 0], 3)).toBe(0);
    const near = rankedProbabilityScore([0], [0, 1, 0], 3);
    const far = rankedProbabilityScore([0], [0, 0, 1], 3);
    expectClose(near, 0.5, 1e-12);
    expectClose(far, 1, 1e-12);
  });
});
