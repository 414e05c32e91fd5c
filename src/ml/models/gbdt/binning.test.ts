import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { applyBins, BIN_SAMPLE_ROWS, binOf, fitBins, fitFeatureBins, MISSING } from './binning';

describe('quantile binning', () => {
  it('sends NaN to the missing bin and keeps the value bins for the rest', () => {
    const b = fitFeatureBins([3, NaN, 1, 2, NaN, 2], 255);
    expect(b.hasMissing).toBe(true);
    expect(b.count).toBe(3);
    expect(Array.from(b.edges)).toEqual([1.5, 2.5]);
    expect([1, 2, 3, NaN, 0, 9].map((v) => binOf(b, v))).toEqual([0, 1, 2, MISSING, 0, 2]);
  });

  it('gives a constant column one bin and no edges (it can never split), also when all values are missing', () => {
    const c = fitFeatureBins([4, 4, 4, 4], 255);
    expect(c.count).toBe(1);
    expect(c.edges.length).toBe(0);
    expect(binOf(c, 4)).toBe(0);
    expect(binOf(c, 100)).toBe(0);
    const m = fitFeatureBins([NaN, NaN], 255);
    expect(m).toMatchObject({ count: 1, hasMissing: true });
  });

  it('cuts only between distinct values: a heavily tied value keeps one bin, and a value equal to an edge goes low', () => {
    // 1,000 values: 600 zeros and 400 distinct positives, 16 bins at most
    const v = Array.from({ length: 1000 }, (_, i) => (i < 600 ? 0 : i));
    const b = fitFeatureBins(v, 16);
    expect(b.count).toBeLessThanOrEqual(16);
    expect(binOf(b, 0)).toBe(0);
    expect(binOf(b, 600)).toBe(1);
    for (let e = 0; e < b.edges.length; e++) {
      expect(binOf(b, b.edges[e])).toBe(e);
      if (e > 0) expect(b.edges[e]).toBeGreaterThan(b.edges[e - 1]);
    }
    // every bin holds at least one training value
    const used = new Set(v.map((x) => binOf(b, x)));
    expect(used.size).toBe(b.count);
  });

  it('puts edges strictly between neighbouring float32 values, even adjacent ones', () => {
    const lo = Math.fround(1);
    const hi = Math.fround(1 + 2 ** -23); // the next float32 after 1
    const b = fitFeatureBins([lo, hi, lo, hi], 255);
    expect(b.count).toBe(2);
    expect(binOf(b, lo)).toBe(0);
    expect(binOf(b, hi)).toBe(1);
  });

  it('fits bins on the training rows only and codes any rows column-major', () => {
    const x = Float32Array.from([1, 10, 2, 20, 3, 30, 99, NaN]); // 4 rows × 2 cols
    const bins = fitBins(x, 2, [0, 1, 2], 255);
    expect(bins[0].count).toBe(3);
    expect(bins[1].hasMissing).toBe(false);
    const m = applyBins(x, 2, [3, 0], bins);
    expect(Array.from(m.codes)).toEqual([2, 0, MISSING, 0]);
  });

  it('fits edges on a seeded 200,000-row sample of a bigger table (as scikit-learn does): the same edges every time, close to the full quantiles', () => {
    const n = 300_000;
    const rnd = mulberry32(3);
    const x = Float32Array.from({ length: n }, () => rnd() * 10);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const a = fitBins(x, 1, rows, 16)[0];
    expect(Array.from(fitBins(x, 1, rows, 16)[0].edges)).toEqual(Array.from(a.edges));
    // all rows give other edges (the sample is a sample), each within ~1% of the range of the full table's
    const full = fitFeatureBins(x, 16);
    expect(Array.from(a.edges)).not.toEqual(Array.from(full.edges));
    a.edges.forEach((e, i) => expect(Math.abs(e - full.edges[i])).toBeLessThan(0.1));
    // at or under the sample size, every row counts
    const small = x.subarray(0, BIN_SAMPLE_ROWS);
    expect(Array.from(fitBins(small, 1, rows.subarray(0, BIN_SAMPLE_ROWS), 16)[0].edges)).toEqual(Array.from(fitFeatureBins(small, 16).edges));
  });
});
