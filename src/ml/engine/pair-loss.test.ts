import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { pairMarginLossAndGrad } from './losses';
import { maxRelativeError } from './test-helpers';

/** The ranker's loss written out in float64: decisive pairs max(0, m − y·d), ties max(0, |d| − m), mean over pairs. */
function pairLoss64(s: ArrayLike<number>, y: ArrayLike<number>, n: number, m: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = s[i] - s[n + i];
    sum += y[i] !== 0 ? Math.max(0, m - y[i] * d) : Math.max(0, Math.abs(d) - m);
  }
  return sum / n;
}

describe("the ranker's margin + tie loss on the engine", () => {
  it('its gradient with respect to both items\' scores equals float64 central differences (≤ 1e-4), decisive pairs and ties, active and inactive margins', () => {
    const rng = mulberry32(5);
    const n = 40;
    const margin = 1;
    const y = Float32Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : i % 2 ? 1 : -1));
    // scores spread over ±3 so every branch is hit; pairs within 1e-3 of a kink are moved off it
    // (a subgradient is not a derivative there)
    const s = Float32Array.from({ length: 2 * n }, () => (rng() * 2 - 1) * 3);
    for (let i = 0; i < n; i++) {
      const d = s[i] - s[n + i];
      const kink = y[i] !== 0 ? margin - y[i] * d : Math.abs(d) - margin;
      if (Math.abs(kink) < 1e-3 || Math.abs(d) < 1e-3) s[i] += 0.01;
    }
    const ds = new Float32Array(2 * n);
    const loss = pairMarginLossAndGrad(s, y, n, margin, ds);
    const s64 = Float64Array.from(s);
    expect(Math.abs(loss - pairLoss64(s64, y, n, margin))).toBeLessThanOrEqual(1e-6);
    const h = 1e-6;
    const fd = Float64Array.from(s64, (keep, i) => {
      s64[i] = keep + h;
      const up = pairLoss64(s64, y, n, margin);
      s64[i] = keep - h;
      const down = pairLoss64(s64, y, n, margin);
      s64[i] = keep;
      return (up - down) / (2 * h);
    });
    expect(maxRelativeError(ds, fd)).toBeLessThanOrEqual(1e-4);
    // both branches really ran: some pairs inside their margin, some outside
    expect(ds.some((g) => g !== 0)).toBe(true);
    expect(ds.some((g) => g === 0)).toBe(true);
  });
});
