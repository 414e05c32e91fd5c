import { describe, expect, it } from 'vitest';
import type { TaskKind } from '../../task';
import { defaultGbdtConfig, type GbdtConfig } from './config';
import { fitGbdt } from './fit-gbdt';
import { predict, predictRaw, type GbdtModel } from './model';
import { syntheticTable } from './synthetic';
import type { ColumnStats } from '../../data/column-stats';
import { describeTreeOptions } from './constraints';
import { defaultGbdtSetup, gbdtSetupProblems } from './defaults';

const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
const COLS = 5;
const GRID = Array.from({ length: 49 }, (_, i) => -3 + i * 0.125);

/**
 * The largest drop (for +1; rise for −1) of the prediction along a grid over feature f, over 200
 * rows with their other features fixed. The prediction is the margin for binary and ordinal (the
 * probabilities and the expected grade are increasing functions of it) and the value for regression.
 */
function worstViolation(model: GbdtModel, x: Float32Array, f: number, dir: 1 | -1): number {
  const rows = 200;
  const grid = new Float32Array(rows * GRID.length * COLS);
  for (let r = 0; r < rows; r++)
    GRID.forEach((v, j) => {
      const at = (r * GRID.length + j) * COLS;
      grid.set(x.subarray(r * COLS, (r + 1) * COLS), at);
      grid[at + f] = v;
    });
  const out = model.kind === 'regression' ? predict(model, grid, rows * GRID.length) : predictRaw(model, grid, rows * GRID.length);
  let worst = 0;
  for (let r = 0; r < rows; r++)
    for (let j = 1; j < GRID.length; j++) {
      const step = (out[r * GRID.length + j] - out[r * GRID.length + j - 1]) * dir;
      worst = Math.max(worst, -step);
    }
  return worst;
}

async function train(kind: TaskKind, monotone?: Record<string, 1 | -1>): Promise<{ model: GbdtModel; x: Float32Array }> {
  // f1 enters the latent score as |f1| − 0.8: falling then rising, so an unconstrained model is not monotone in it
  const d = syntheticTable(kind, 1500, COLS, { seed: 11, classes: 4, noise: 0.3 });
  const cfg: GbdtConfig = { ...defaultGbdtConfig(), rounds: 60, maxDepth: 4, minSamplesLeaf: 10, earlyStoppingRounds: 0, ...(monotone ? { monotone } : {}) };
  const { model } = await fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows: range(0, 1200), validationRows: range(1200, 1500) }, kind, d.classes, cfg);
  return { model, x: d.x };
}

describe('monotone constraints', () => {
  for (const kind of ['binary', 'regression', 'ordinal'] as const) {
    it(`${kind}: +1 on f1 makes every prediction non-decreasing in f1 (without it the same data gives a drop), and −1 on f0 non-increasing in f0`, async () => {
      const free = await train(kind);
      const [drop, rise] = [worstViolation(free.model, free.x, 1, 1), worstViolation(free.model, free.x, 0, -1)];
      console.log(`${kind}, no constraints: largest drop along f1 ${drop.toFixed(3)}, largest rise along f0 ${rise.toFixed(3)}`);
      expect(drop).toBeGreaterThan(0.05);
      expect(rise).toBeGreaterThan(0.05);
      const up = await train(kind, { f1: 1 });
      expect(worstViolation(up.model, up.x, 1, 1)).toBeLessThanOrEqual(1e-12);
      const down = await train(kind, { f0: -1, f1: 1 });
      expect(worstViolation(down.model, down.x, 0, -1)).toBeLessThanOrEqual(1e-12);
      expect(worstViolation(down.model, down.x, 1, 1)).toBeLessThanOrEqual(1e-12);
      // the constrained model still learns the other features
      expect(down.model.trees.some((t) => t.feature.includes(3))).toBe(true);
    });
  }

  it('refuses multiclass, an unknown column and a bad direction, naming them', async () => {
    const d = syntheticTable('multiclass', 100, 3, { seed: 1 });
    const fit = (kind: TaskKind, monotone: Record<string, number>) => fitGbdt({ x: d.x, featureNames: d.names, y: kind === 'multiclass' ? d.y : d.y.map((v) => v % 2), trainRows: range(0, 100) }, kind, kind === 'multiclass' ? d.classes : 2, { ...defaultGbdtConfig(), rounds: 2, monotone: monotone as Record<string, 1 | -1> });
    await expect(fit('multiclass', { f0: 1 })).rejects.toThrow(/not supported for multiclass/);
    await expect(fit('binary', { nope: 1 })).rejects.toThrow(/"nope": no such feature column/);
    await expect(fit('binary', { f0: 1, f2: -1 })).resolves.toBeTruthy();
    const { validateGbdtConfig } = await import('./config');
    expect(validateGbdtConfig({ ...defaultGbdtConfig(), monotone: { f0: 2 as 1 } })).toEqual(['monotone constraint on "f0" must be 1 (increasing) or −1 (decreasing), not 2']);
  });

  it('the setup flags a constraint on an unchosen column or a multiclass target, and the facts line names each direction', () => {
    const setup = { ...defaultGbdtSetup([{ name: 'g', dtype: 'numeric', distinct: 100 } as ColumnStats], ['a', 'b']), features: ['a'], model: { ...defaultGbdtConfig(), monotone: { a: 1 as const, b: -1 as const } } };
    expect(gbdtSetupProblems(setup)).toEqual(['monotone constraint on "b": it is not one of the chosen features']);
    expect(gbdtSetupProblems({ ...setup, kind: 'multiclass', labels: ['x', 'y', 'z'], features: ['a', 'b'] })).toEqual(['monotone constraints are not supported for multiclass targets; remove them or choose binary, ordinal or regression']);
    expect(describeTreeOptions(setup.model, 1)).toBe('monotone ↑ a, ↓ b · categorical columns split by category sets');
    expect(describeTreeOptions({ ...defaultGbdtConfig(), categoricalSplits: false }, 2)).toBe('no monotone constraints · categorical columns as ordinal codes (mean-target order)');
  });
});
