import { describe, expect, it } from 'vitest';
import { histogram, regressionDiagnostics, samplePointIndices } from './regression-diagnostics';

describe('regressionDiagnostics', () => {
  it('gives the model and the mean baseline the same figures scikit-learn does', () => {
    const y = [3, -0.5, 2, 7];
    const p = [2.5, 0.0, 2, 8];
    const d = regressionDiagnostics(y, p, 2.5);
    // sklearn: mean_squared_error(y, p) ** 0.5 = 0.6123724, mean_absolute_error = 0.5, r2_score = 0.9486081
    expect(d.model.rmse).toBeCloseTo(0.6123724, 6);
    expect(d.model.mae).toBeCloseTo(0.5, 9);
    expect(d.model.r2).toBeCloseTo(0.9486081, 6);
    // DummyRegressor fitted to a training mean of 2.5, scored by sklearn on these rows
    expect(d.baseline.rmse).toBeCloseTo(2.7271780, 6);
    expect(d.baseline.mae).toBeCloseTo(2.125, 9);
    expect(d.baseline.r2).toBeCloseTo(-0.0192719, 6);
    expect(d.points.map((q) => q.residual)).toEqual([0.5, -0.5, 0, -1]);
    expect(d.range).toEqual([-0.5, 8]);
    expect(d.histogram.reduce((a, b) => a + b.count, 0)).toBe(4);
  });

  it('plots at most maxPoints rows, the same ones every time, but bins every residual', () => {
    const n = 20_000;
    const y = Float64Array.from({ length: n }, (_, i) => i);
    const p = Float64Array.from({ length: n }, (_, i) => i + (i % 7) - 3);
    const a = regressionDiagnostics(y, p, n / 2, 5000);
    const b = regressionDiagnostics(y, p, n / 2, 5000);
    expect(a.points).toHaveLength(5000);
    expect(a.points).toEqual(b.points);
    expect(a.n).toBe(n);
    expect(a.histogram.reduce((s, h) => s + h.count, 0)).toBe(n);
    // a sample, not the first 5000 rows
    expect(Math.max(...a.points.map((q) => q.actual))).toBeGreaterThan(15_000);
  });

  it('rejects mismatched lengths with the counts', () => {
    expect(() => regressionDiagnostics([1, 2], [1], 0)).toThrow(/2 targets but 1 predictions/);
  });
});

describe('samplePointIndices', () => {
  it('keeps every index up to the cap, and a sorted distinct sample above it', () => {
    expect(Array.from(samplePointIndices(4, 10))).toEqual([0, 1, 2, 3]);
    const s = samplePointIndices(10_000_000, 5000);
    expect(s).toHaveLength(5000);
    expect(new Set(s).size).toBe(5000);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
  });
});

describe('histogram', () => {
  it('puts the maximum in the last bin and skips non-finite values', () => {
    const h = histogram([0, 1, 2, 3, 4, NaN], 4);
    expect(h.map((b) => b.count)).toEqual([1, 1, 1, 2]);
    expect(h[3].hi).toBe(4);
    expect(histogram([5, 5], 10)).toEqual([{ lo: 5, hi: 5, count: 2 }]);
    expect(histogram([], 3)).toEqual([]);
  });
});
