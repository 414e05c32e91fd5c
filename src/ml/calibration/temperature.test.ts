import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { reference, referenceSeeds } from '../../test-utils/fixtures';
import { applyTemperature, fitTemperature, temperatureNll } from './temperature';

type Ref = Record<string, unknown>;

/** Mean −log p_y from row-major probabilities: an NLL computed independently of temperatureNll. */
function meanNll(probs: Float64Array, y: number[], k: number): number {
  return y.reduce((s, c, i) => s - Math.log(probs[i * k + c]), 0) / y.length;
}

describe.each(referenceSeeds())('temperature scaling matches scipy L-BFGS-B (reference-%i)', (seed) => {
  const m = reference(seed).multiclass;
  const k = m.k as number;
  const logits = (m.logits as number[][]).flat();
  const y = m.y_true as number[];

  it('T and the NLL after scaling', () => {
    const t = fitTemperature(logits, y, k);
    // L-BFGS-B stops at its default tolerances (the fixture T is ~2e-6 from the optimum), and the
    // fixture's logits are stored to 6 decimals: 1e-4 on T, 1e-6 on the loss, which is flat there
    expectClose(t, (m as Ref).temperature as number, 0, 1e-4);
    expectClose(temperatureNll(logits, y, k, t), (m as Ref).log_loss_after_temperature as number, 0, 1e-6);
    expectClose(meanNll(applyTemperature(t, logits, k), y, k), (m as Ref).log_loss_after_temperature as number, 0, 1e-6);
  });

  it('is a minimum: nudging T either way raises the NLL', () => {
    const t = fitTemperature(logits, y, k);
    const at = temperatureNll(logits, y, k, t);
    expect(temperatureNll(logits, y, k, t * (1 + 1e-4))).toBeGreaterThan(at);
    expect(temperatureNll(logits, y, k, t * (1 - 1e-4))).toBeGreaterThan(at);
  });
});

describe('temperature scaling on hand-checked cases', () => {
  it('stops at the bounds when the optimum lies beyond them', () => {
    // always right by a wide margin: sharper is always better, down to T = 0.05
    expect(fitTemperature([3, 0, 0, 0, 3, 0], [0, 1], 3)).toBe(0.05);
    // confidently wrong: flatter is always better, up to T = 20
    expect(fitTemperature([5, 0, 0, 0, 5, 0], [1, 2], 3)).toBe(20);
  });

  it('leaves T = 1 when every row is constant (nothing to learn)', () => {
    expect(fitTemperature([1, 1, 2, 2], [0, 1], 2)).toBe(1);
  });

  it('an integer weight equals repeating the row', () => {
    const logits = [2, 0, -1, 0.5, 1, 0, -1, 2, 0.2, 1, 1, 0];
    const y = [0, 0, 2, 1];
    const weighted = fitTemperature(logits, y, 3, [2, 1, 1, 3]);
    const repeated = fitTemperature([...logits, 2, 0, -1, 1, 1, 0, 1, 1, 0], [...y, 0, 1, 1], 3);
    expectClose(weighted, repeated, 1e-10);
  });

  it('applies softmax(logits / T) row by row', () => {
    const p = applyTemperature(2, [2, 0, 1000, 0], 2);
    expectClose(p, [1 / (1 + Math.exp(-1)), 1 / (1 + Math.exp(1)), 1, 0], 0, 1e-15);
    expect(() => applyTemperature(0, [1, 2], 2)).toThrow(/temperature must be a finite number > 0/);
  });

  it('rejects labels outside 0..k−1 and ragged logits', () => {
    expect(() => fitTemperature([1, 2, 3, 4], [0, 2], 2)).toThrow(/y\[1\] = 2 is not a class index in 0..1/);
    expect(() => fitTemperature([1, 2, 3], [0], 2)).toThrow(/not a multiple of k = 2/);
  });
});
