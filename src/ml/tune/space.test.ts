import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { normalizeValue, sampleRandom, validateSpace, type SearchSpace } from './space';

const space: SearchSpace = [
  { name: 'lr', kind: 'log-uniform', low: 1e-4, high: 1e-1 },
  { name: 'dropout', kind: 'uniform', low: 0, high: 0.5 },
  { name: 'layers', kind: 'int', low: 1, high: 9, step: 2 },
  { name: 'act', kind: 'categorical', choices: ['relu', 'tanh', true, 3] },
];

describe('search space', () => {
  it('accepts a well-formed space', () => {
    expect(validateSpace(space)).toEqual([]);
  });

  it('names the parameter in every message', () => {
    const errs = validateSpace([
      { name: 'lr', kind: 'log-uniform', low: 0, high: 1 },
      { name: 'drop', kind: 'uniform', low: 0.5, high: 0.5 },
      { name: 'units', kind: 'int', low: 1.5, high: 8, step: 0 },
      { name: 'act', kind: 'categorical', choices: [] },
      { name: 'dup', kind: 'categorical', choices: ['a', 'a'] },
      { name: 'lr', kind: 'uniform', high: 1 },
      { name: 'odd', kind: 'gaussian' as never, low: 0, high: 1 },
      { name: 'stepped', kind: 'uniform', low: 0, high: 1, step: 1 },
    ]);
    expect(errs).toEqual([
      'lr: a log-uniform range needs low > 0 (got 0)',
      'drop: low (0.5) must be < high (0.5)',
      'units: low and high must be integers',
      'units: step must be a positive integer',
      'act: a categorical parameter needs at least one choice',
      'dup: choices must be distinct',
      'lr: the name is used twice',
      'lr: a uniform parameter needs finite low and high',
      'odd: unknown kind "gaussian" (use uniform, log-uniform, int, categorical)',
      'stepped: step applies to int parameters only',
    ]);
    expect(validateSpace([])).toEqual(['the search space has no parameters']);
    expect(validateSpace([{ name: ' ', kind: 'int', low: 1, high: 2 }])).toEqual(['every parameter needs a name']);
  });

  it('random draws stay in bounds, on the int grid, and are reproducible from the seed', () => {
    const rng = mulberry32(7);
    const draws = Array.from({ length: 2000 }, () => sampleRandom(space, rng));
    for (const d of draws) {
      expect(d.lr).toBeGreaterThanOrEqual(1e-4);
      expect(d.lr).toBeLessThanOrEqual(1e-1);
      expect(d.dropout).toBeGreaterThanOrEqual(0);
      expect(d.dropout).toBeLessThan(0.5);
      expect([1, 3, 5, 7, 9]).toContain(d.layers);
      expect(['relu', 'tanh', true, 3]).toContain(d.act);
    }
    // log-uniform: about half the draws below the geometric midpoint (~3.2e-3), far from a linear draw's 3%
    const belowMid = draws.filter((d) => (d.lr as number) < Math.sqrt(1e-4 * 1e-1)).length / draws.length;
    expect(belowMid).toBeGreaterThan(0.45);
    expect(belowMid).toBeLessThan(0.55);
    expect(new Set(draws.map((d) => d.layers)).size).toBe(5);
    const again = mulberry32(7);
    expect(Array.from({ length: 2000 }, () => sampleRandom(space, again))).toEqual(draws);
  });

  it('never draws an int above the last grid point when high is off the grid', () => {
    const rng = mulberry32(1);
    const p = { name: 'n', kind: 'int' as const, low: 0, high: 10, step: 4 };
    const seen = new Set(Array.from({ length: 500 }, () => sampleRandom([p], rng).n));
    expect([...seen].sort()).toEqual([0, 4, 8]);
  });

  it('normalizes values onto [0, 1] per kind', () => {
    expect(normalizeValue(space[0], 1e-4)).toBeCloseTo(0, 12);
    expect(normalizeValue(space[0], Math.sqrt(1e-4 * 1e-1))).toBeCloseTo(0.5, 12);
    expect(normalizeValue(space[0], 1e-1)).toBeCloseTo(1, 12);
    expect(normalizeValue(space[1], 0.125)).toBeCloseTo(0.25, 12);
    expect(normalizeValue(space[2], 5)).toBeCloseTo(0.5, 12);
    expect(normalizeValue(space[3], 'relu')).toBe(0);
    expect(normalizeValue(space[3], 3)).toBe(1);
    expect(normalizeValue(space[3], true)).toBeCloseTo(2 / 3, 12);
    expect(normalizeValue(space[3], 'gelu')).toBeNaN();
    expect(normalizeValue(space[1], 0.9)).toBe(1);
    expect(normalizeValue(space[1], 'x')).toBeNaN();
    expect(normalizeValue({ name: 'c', kind: 'categorical', choices: ['only'] }, 'only')).toBe(0.5);
  });
});
