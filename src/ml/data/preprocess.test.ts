import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import type { Frame } from './frame';
import { DEFAULT_PREPROCESS, encodeTarget, fitPreprocess, transform } from './preprocess';

const frame: Frame = {
  rowCount: 6,
  columns: [
    { name: 'x', dtype: 'numeric', values: Float64Array.from([1, 2, 3, NaN, 100, 5]) },
    { name: 'c', dtype: 'categorical', values: ['a', 'b', 'a', null, 'z', 'c'] },
    { name: 'y', dtype: 'categorical', values: ['lo', 'hi', 'lo', 'mid', 'hi', null] },
  ],
};
const train = Int32Array.from([0, 1, 2, 3]);

describe('preprocess', () => {
  it('standardizes with train statistics only, imputes the train mean, adds a missing indicator', () => {
    const fitted = fitPreprocess(frame, ['x'], train, DEFAULT_PREPROCESS);
    expect(fitted.featureNames).toEqual(['x', 'x__missing']);
    const out = transform(frame, fitted, Int32Array.from([0, 3, 4]));
    const mean = 2;
    const std = Math.sqrt(2 / 3);
    expectClose(out, [(1 - mean) / std, 0, 0, 1, (100 - mean) / std, 0]);
  });

  it('imputes the median when asked and leaves values raw without standardization', () => {
    const fitted = fitPreprocess(frame, ['x'], Int32Array.from([0, 1, 4, 3]), { ...DEFAULT_PREPROCESS, standardize: false, numericImpute: 'median', missingIndicators: false });
    expectClose(transform(frame, fitted, Int32Array.from([3])), [2]);
  });

  it('one-hot encodes with a cap, an "other" slot for rare and unseen values, and a missing slot', () => {
    const fitted = fitPreprocess(frame, ['c'], train, { ...DEFAULT_PREPROCESS, maxCategories: 1 });
    expect(fitted.featureNames).toEqual(['c=a', 'c=__other__', 'c=__missing__']);
    const out = transform(frame, fitted, Int32Array.from([0, 1, 3, 4]));
    expect(Array.from(out)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0]);
  });

  it('encodes ordinal targets in the explicit order and drops rows without a target', () => {
    const t = encodeTarget(frame, { target: 'y', kind: 'ordinal', labels: ['lo', 'mid', 'hi'], features: ['x'] });
    expect(Array.from(t.values).slice(0, 5)).toEqual([0, 2, 0, 1, 2]);
    expect(t.dropped).toBe(1);
    expect(Array.from(t.rows)).toEqual([0, 1, 2, 3, 4]);
    expect(() => encodeTarget(frame, { target: 'y', kind: 'binary', features: [] })).toThrow(/exactly 2 classes/);
  });

  it('refuses id and text columns as features', () => {
    const f: Frame = { rowCount: 1, columns: [{ name: 'id', dtype: 'id', values: ['u1'] }] };
    expect(() => fitPreprocess(f, ['id'], Int32Array.from([0]), DEFAULT_PREPROCESS)).toThrow(/an id/);
  });
});
