import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../data/rng';
import { averageRanks, explainedShare, paramImportance } from './importance';
import { sampleRandom, type SearchSpace } from './space';

const space: SearchSpace = [
  { name: 'noise', kind: 'uniform', low: 0, high: 1 },
  { name: 'lr', kind: 'log-uniform', low: 1e-4, high: 1e-1 },
  { name: 'act', kind: 'categorical', choices: ['relu', 'tanh', 'elu'] },
  { name: 'units', kind: 'int', low: 8, high: 128 },
];

describe('parameter importance', () => {
  it('ranks the only parameter that matters first, with shares summing to 1', () => {
    for (const n of [12, 40]) {
      const rng = mulberry32(n);
      const trials = Array.from({ length: n }, () => {
        const params = sampleRandom(space, rng);
        // depends on lr only (peak at 1e-2), plus a little noise
        return { params, value: -((Math.log10(params.lr as number) + 2) ** 2) + 0.05 * rng() };
      });
      const imp = paramImportance(space, trials);
      expect(imp[0].name).toBe('lr');
      expect(imp.reduce((a, b) => a + b.importance, 0)).toBeCloseTo(1, 12);
      expect(imp[0].importance).toBeGreaterThan(0.6);
      expect(imp.map((x) => x.name).sort()).toEqual(['act', 'lr', 'noise', 'units']);
    }
  });

  it('finds a categorical effect', () => {
    const rng = mulberry32(5);
    const trials = Array.from({ length: 30 }, () => {
      const params = sampleRandom(space, rng);
      return { params, value: (params.act === 'tanh' ? 1 : 0) + 0.1 * rng() };
    });
    expect(paramImportance(space, trials)[0].name).toBe('act');
  });

  it('is deterministic, and gives equal shares when nothing explains anything', () => {
    const rng = mulberry32(9);
    const trials = Array.from({ length: 20 }, () => ({ params: sampleRandom(space, rng), value: 0.5 }));
    expect(paramImportance(space, trials).map((x) => x.importance)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(paramImportance(space, trials.slice(0, 2)).map((x) => x.importance)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const mixed = trials.map((t, i) => ({ ...t, value: i % 3 }));
    expect(paramImportance(space, mixed)).toEqual(paramImportance(space, mixed));
  });

  it('average ranks share ties; ε² is 0 for a useless grouping and near 1 for a perfect one', () => {
    expect(averageRanks([3, 1, 3, 2])).toEqual([2.5, 0, 2.5, 1]);
    expect(explainedShare([0, 0, 1, 1, 0, 1], [1, 2, 1, 2, 1.5, 1.5])).toBe(0);
    expect(explainedShare([0, 0, 0, 1, 1, 1], [1, 1.01, 0.99, 5, 5.01, 4.99])).toBeGreaterThan(0.99);
  });
});
