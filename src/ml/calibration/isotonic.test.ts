import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { reference, referenceSeeds } from '../../test-utils/fixtures';
import { fitIsotonic, predictIsotonic } from './isotonic';

type Ref = Record<string, unknown>;
const arr = (r: Ref, k: string) => r[k] as number[];

describe.each(referenceSeeds())('isotonic regression matches scikit-learn (reference-%i)', (seed) => {
  const ref = reference(seed);

  it('fitted on (y_prob, y_true): grid with clipping and the training points', () => {
    const b = ref.binary;
    const iso = b.isotonic as Ref;
    const model = fitIsotonic(arr(b, 'y_prob'), arr(b, 'y_true'));
    expectClose(predictIsotonic(model, arr(iso, 'grid')), arr(iso, 'predict'), 0, 1e-9);
    expectClose(predictIsotonic(model, arr(b, 'y_prob')), arr(iso, 'train_predict'), 0, 1e-9);
  });

  it('tied x values and sample weights', () => {
    const t = ref.isotonic_ties;
    const model = fitIsotonic(arr(t, 'x'), arr(t, 'y'), arr(t, 'sample_weight'));
    expectClose(predictIsotonic(model, arr(t, 'grid')), arr(t, 'predict'), 0, 1e-9);
  });

  it('breakpoints are strictly increasing in x, non-decreasing in y, with no redundant interior points', () => {
    const b = ref.binary;
    const { x, y } = fitIsotonic(arr(b, 'y_prob'), arr(b, 'y_true'));
    for (let i = 1; i < x.length; i++) {
      expect(x[i]).toBeGreaterThan(x[i - 1]);
      expect(y[i]).toBeGreaterThanOrEqual(y[i - 1]);
      if (i < x.length - 1) expect(y[i - 1] === y[i] && y[i] === y[i + 1]).toBe(false);
    }
  });
});

describe('isotonic regression on hand-checked cases', () => {
  it('pools adjacent violators into their (weighted) mean', () => {
    expect(fitIsotonic([1, 2, 3], [1, 3, 2])).toEqual({ x: [1, 2, 3], y: [1, 2.5, 2.5] });
    // weight 3 on the 2 pulls the pooled value to (3 + 3·2) / 4
    expect(fitIsotonic([1, 2, 3], [1, 3, 2], [1, 1, 3]).y).toEqual([1, 2.25, 2.25]);
    // a violation found late backtracks through earlier blocks
    // 4,−3 → 0.5; then 3 > 0.5 → 4/3; then 2 > 4/3 → 1.5 for all, trimmed to the two ends
    expect(fitIsotonic([1, 2, 3, 4], [2, 3, 4, -3])).toEqual({ x: [1, 4], y: [1.5, 1.5] });
  });

  it('keeps only the ends of a flat run (scikit-learn trim_duplicates)', () => {
    expect(fitIsotonic([1, 2, 3, 4, 5], [1, 2, 2, 2, 3])).toEqual({ x: [1, 2, 4, 5], y: [1, 2, 2, 3] });
    expect(fitIsotonic([1, 2, 3], [5, 5, 5])).toEqual({ x: [1, 3], y: [5, 5] });
  });

  it('merges tied x into one weighted point and sorts unsorted input', () => {
    const m = fitIsotonic([0.5, 0, 0.5, 1], [1, 0, 0, 1], [1, 1, 3, 1]);
    expect(m).toEqual({ x: [0, 0.5, 1], y: [0, 0.25, 1] });
  });

  it('drops zero-weight rows, as scikit-learn does', () => {
    expect(fitIsotonic([0, 1, 2], [0, 100, 1], [1, 0, 1])).toEqual({ x: [0, 2], y: [0, 1] });
  });

  it('predicts by linear interpolation, clipped outside the fitted range', () => {
    const m = { x: [0, 1, 3], y: [0, 0.5, 1] };
    expect(Array.from(predictIsotonic(m, [-5, 0, 0.5, 1, 2, 3, 9, Number.NaN]))).toEqual([0, 0, 0.25, 0.5, 0.75, 1, 1, Number.NaN]);
    expect(Array.from(predictIsotonic(fitIsotonic([4, 4], [0, 1]), [0, 4, 10]))).toEqual([0.5, 0.5, 0.5]);
  });

  it('rejects empty, mismatched, non-finite and negatively weighted input', () => {
    expect(() => fitIsotonic([], [])).toThrow(/x is empty/);
    expect(() => fitIsotonic([1, 2], [1])).toThrow(/x has 2 values but y has 1/);
    expect(() => fitIsotonic([1, Number.NaN], [1, 2])).toThrow(/x\[1\] = NaN is not a finite number/);
    expect(() => fitIsotonic([1, 2], [1, 2], [1, -1])).toThrow(/weights\[1\] = -1/);
    expect(() => fitIsotonic([1, 2], [1, 2], [0, 0])).toThrow(/weights sum to 0/);
  });
});
