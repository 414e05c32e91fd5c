import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { emptyPrunerState, reportToPruner, rungStep, shouldPrune, validateHalving, type HalvingConfig, type PrunerState } from './pruning';

const cfg: HalvingConfig = { minResource: 3, reductionFactor: 3 };

/** Feeds whole curves (value per step 1..n) trial after trial; returns the step each was pruned at. */
function run(curves: number[][], direction: 'maximize' | 'minimize', c = cfg): { prunedAt: (number | null)[]; state: PrunerState } {
  let state = emptyPrunerState();
  const prunedAt = curves.map((curve, trial) => {
    for (let s = 1; s <= curve.length; s++) {
      const r = reportToPruner(state, c, trial, s, curve[s - 1], direction);
      state = r.state;
      if (r.prune) return s;
    }
    return null;
  });
  return { prunedAt, state };
}

describe('successive halving', () => {
  it('rungs sit at minResource·η^k', () => {
    expect([0, 1, 2, 3].map((k) => rungStep(cfg, k))).toEqual([3, 9, 27, 81]);
    expect(rungStep({ minResource: 2, reductionFactor: 2 }, 3)).toBe(16);
    expect(validateHalving({ minResource: 0, reductionFactor: 1.5 })).toEqual(['pruning: min resource must be a positive integer (epochs)', 'pruning: reduction factor must be an integer ≥ 2']);
  });

  it('keeps the top ⌊n/η⌋ (at least the best) of the values at a rung, ties promoted, direction-aware', () => {
    const rung = [0.9, 0.8, 0.7, 0.6, 0.5];
    // 6 values with itself: the top 2 go on
    expect(shouldPrune(rung, 0.85, 'maximize', 3)).toBe(false);
    expect(shouldPrune(rung, 0.8, 'maximize', 3)).toBe(false);
    expect(shouldPrune(rung, 0.75, 'maximize', 3)).toBe(true);
    // 3 values with itself: only a value matching the best goes on
    expect(shouldPrune([0.9, 0.8], 0.85, 'maximize', 3)).toBe(true);
    expect(shouldPrune([0.9, 0.8], 0.9, 'maximize', 3)).toBe(false);
    expect(shouldPrune([], 0.1, 'maximize', 3)).toBe(false);
    expect(shouldPrune([0.2, 0.3, 0.4, 0.5, 0.6], 0.25, 'minimize', 3)).toBe(false);
    expect(shouldPrune([0.2, 0.3, 0.4, 0.5, 0.6], 0.35, 'minimize', 3)).toBe(true);
    expect(shouldPrune([0.2], NaN, 'minimize', 3)).toBe(true);
  });

  it('never prunes the best value at a rung (randomized)', () => {
    const rng = mulberry32(4);
    for (let i = 0; i < 500; i++) {
      const vals = Array.from({ length: 1 + Math.floor(rng() * 20) }, () => Math.round(rng() * 10) / 10);
      const max = Math.max(...vals);
      const min = Math.min(...vals);
      const eta = 2 + Math.floor(rng() * 3);
      expect(shouldPrune(vals, max, 'maximize', eta)).toBe(false);
      expect(shouldPrune(vals, min, 'minimize', eta)).toBe(false);
    }
  });

  it('prunes the bottom trials at the first rung and lets the strong ones through to the next', () => {
    // flat accuracy curves; trial order decides who has company at each rung
    const level = [0.6, 0.9, 0.5, 0.95, 0.4, 0.7, 0.92];
    const { prunedAt, state } = run(level.map((v) => new Array(12).fill(v)), 'maximize');
    // rung 3: t0 alone → on; t1 best → on; t2 (3 values, not the best) pruned; t3 best → on; t4 pruned;
    // t5 (6 values, top 2 are .95 .9) pruned; t6 (7 values, .92 is 2nd) → on.
    // rung 9: t0 alone, t1 and t3 each the best so far → on; t6 (4 values, only the best goes on) pruned
    expect(prunedAt).toEqual([null, null, 3, null, 3, 3, 9]);
    expect(state.rungs[0].map((e) => e.trial)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(state.rungs[1].map((e) => e.trial)).toEqual([0, 1, 3, 6]);
    // the best trial is never pruned
    expect(prunedAt[level.indexOf(Math.max(...level))]).toBeNull();
  });

  it('minimizing a loss prunes the high curves', () => {
    const { prunedAt } = run([[1.0, 0.8, 0.6, 0.5], [2.0, 1.9, 1.8, 1.7], [0.9, 0.5, 0.3, 0.2]], 'minimize');
    expect(prunedAt).toEqual([null, 3, null]);
  });

  it('a report past several rungs fills them all; the input state is not changed and survives JSON', () => {
    let state = emptyPrunerState();
    state = reportToPruner(state, cfg, 0, 30, 0.9, 'maximize').state;
    expect(state.rungs.map((r) => r.length)).toEqual([1, 1, 1]);
    const frozen = JSON.stringify(state);
    const r = reportToPruner(JSON.parse(frozen) as PrunerState, cfg, 1, 9, 0.5, 'maximize');
    expect(r).toMatchObject({ prune: true, rung: 0 });
    expect(JSON.stringify(state)).toBe(frozen);
    // a step between rungs records nothing
    expect(reportToPruner(state, cfg, 2, 2, 0.1, 'maximize')).toEqual({ prune: false, state, rung: null });
  });
});
