import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { reference, referenceSeeds } from '../../test-utils/fixtures';
import { applyPlatt, fitPlatt } from './platt';

type Ref = Record<string, unknown>;
const arr = (r: Ref, k: string) => r[k] as number[];

/** Gradient of Platt's smoothed log loss at (a, b), as scikit-learn's grad() computes it. */
function plattGradient(f: number[], y: number[], a: number, b: number): [number, number] {
  const n1 = y.filter((v) => v > 0).length;
  const n0 = y.length - n1;
  let ga = 0;
  let gb = 0;
  f.forEach((fi, i) => {
    const t = y[i] > 0 ? (n1 + 1) / (n1 + 2) : 1 / (n0 + 2);
    const r = t - 1 / (1 + Math.exp(a * fi + b));
    ga += r * fi;
    gb += r;
  });
  return [ga, gb];
}

describe.each(referenceSeeds())('Platt scaling matches scikit-learn _sigmoid_calibration (reference-%i)', (seed) => {
  const b = reference(seed).binary;
  const f = arr(b, 'decision');
  const y = arr(b, 'y_true');
  const want = b.platt as Ref;

  it('a and b fitted on the decision values', () => {
    // scikit-learn fitted on the unrounded decisions and stopped BFGS at |grad| < 1e-5; the
    // fixture stores decisions to 6 decimals, hence an absolute tolerance of 1e-4, not 1e-9
    const m = fitPlatt(f, y);
    expectClose(m.a, want.a as number, 0, 1e-4);
    expectClose(m.b, want.b as number, 0, 1e-4);
  });

  it('stops at a stationary point of the loss, far below BFGS gtol', () => {
    const m = fitPlatt(f, y);
    const [ga, gb] = plattGradient(f, y, m.a, m.b);
    expect(Math.abs(ga)).toBeLessThan(1e-9);
    expect(Math.abs(gb)).toBeLessThan(1e-9);
  });
});

describe('Platt scaling on hand-checked cases', () => {
  it('an integer weight equals repeating the row', () => {
    const f = [-2, -1, -0.5, 0, 0.3, 1, 2.5];
    const y = [0, 0, 1, 0, 1, 1, 1];
    const weighted = fitPlatt(f, y, [1, 3, 1, 2, 1, 1, 1]);
    const repeated = fitPlatt([...f, -1, -1, 0], [...y, 0, 0, 0]);
    expectClose(weighted.a, repeated.a, 0, 1e-10);
    expectClose(weighted.b, repeated.b, 0, 1e-10);
  });

  it('stays finite on separable data (Platt targets are never 0 or 1)', () => {
    const m = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(m.a) && Number.isFinite(m.b)).toBe(true);
    expect(m.a).toBeLessThan(0);
    // with 3 positives the target is 4/5: the largest decision cannot be pushed far past it
    expect(applyPlatt(m, [3])[0]).toBeLessThan(0.95);
  });

  it('with a constant decision, a stays 0 and b reproduces the smoothed base rate', () => {
    const m = fitPlatt([0.7, 0.7, 0.7, 0.7], [1, 0, 0, 0]);
    // Σ T = 2/3 + 3·(1/5) over 4 rows
    const rate = (2 / 3 + 3 / 5) / 4;
    expectClose(applyPlatt(m, [0.7])[0], rate, 0, 1e-9);
  });

  it('applies p = 1 / (1 + exp(a·f + b)) without overflow', () => {
    expect(Array.from(applyPlatt({ a: -1, b: 0 }, [0, 1000, -1000]))).toEqual([0.5, 1, 0]);
    expectClose(applyPlatt({ a: 2, b: -1 }, [0.25])[0], 1 / (1 + Math.exp(-0.5)), 0, 1e-15);
  });

  it('rejects mismatched and non-finite input', () => {
    expect(() => fitPlatt([1, 2], [1])).toThrow(/decision has 2 values but y has 1/);
    expect(() => fitPlatt([1, Number.POSITIVE_INFINITY], [0, 1])).toThrow(/decision\[1\] = Infinity/);
  });
});
