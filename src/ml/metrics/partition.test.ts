import { describe, expect, it } from 'vitest';
import { adjustedMutualInfoScore, adjustedRandScore, fowlkesMallowsScore, homogeneityCompletenessV, normalizedMutualInfoScore, partitionReport } from './partition';
import { alignByRow, matchClusters, stability } from './cluster-matching';
import { internalReport } from './internal-indices';
import { multilabelReport } from './multilabel';

describe('partition scores: the cases sklearn special-cases', () => {
  it('a relabelled copy scores 1 on every index', () => {
    const a = [0, 0, 1, 1, 2, 2, 2];
    const b = [5, 5, 3, 3, 9, 9, 9];
    for (const v of Object.values(partitionReport(a, b))) expect(v).toBeCloseTo(1, 12);
  });

  it('one cluster on both sides is a perfect match; one cluster on one side carries no information', () => {
    expect(adjustedRandScore([1, 1, 1], [0, 0, 0])).toBe(1);
    expect(normalizedMutualInfoScore([1, 1, 1], [0, 0, 0])).toBe(1);
    expect(adjustedMutualInfoScore([1, 1, 1], [0, 0, 0])).toBe(1);
    expect(normalizedMutualInfoScore([0, 1, 2, 3], [0, 0, 0, 0])).toBe(0);
    expect(homogeneityCompletenessV([0, 1, 2, 3], [0, 0, 0, 0])).toEqual({ homogeneity: 0, completeness: 1, v_measure: 0 });
    expect(fowlkesMallowsScore([0, 1, 2, 3], [0, 1, 2, 3])).toBe(0);
  });

  it('independent labelings score near 0 on the adjusted indices (chance-corrected), not on NMI', () => {
    const n = 2000;
    let s = 7;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const a = Array.from({ length: n }, () => Math.floor(rnd() * 8));
    const b = Array.from({ length: n }, () => Math.floor(rnd() * 8));
    expect(Math.abs(adjustedRandScore(a, b))).toBeLessThan(0.01);
    expect(Math.abs(adjustedMutualInfoScore(a, b))).toBeLessThan(0.01);
    expect(normalizedMutualInfoScore(a, b)).toBeGreaterThan(0.001);
  });

  it('refuses labelings of different lengths', () => {
    expect(() => adjustedRandScore([0, 1], [0])).toThrow(/different lengths/);
  });
});

describe('cluster matching between two runs', () => {
  // run A: clusters 0 (rows 0–9), 1 (10–19), 2 (20–29), 3 (30–39)
  const a = Array.from({ length: 40 }, (_, i) => Math.floor(i / 10));
  // run B: A's 0 kept (as 7), A's 1 split in two (4 and 5), A's 2 and 3 merged (6)
  const b = a.map((c, i) => (c === 0 ? 7 : c === 1 ? (i < 15 ? 4 : 5) : 6));

  it('names the cluster that stayed, split and merged, each with its best Jaccard partner', () => {
    const m = matchClusters(a, b);
    expect(m.a.map((c) => [c.cluster, c.fate, c.match])).toEqual([
      [0, 'stayed', 7],
      [1, 'split', 4],
      [2, 'merged', 6],
      [3, 'merged', 6],
    ]);
    expect(m.a[0].jaccard).toBe(1);
    expect(m.a[1].jaccard).toBe(0.5);
    expect(m.a[2].jaccard).toBe(0.5);
    expect(m.a[1].parts).toEqual([
      { cluster: 4, share: 0.5 },
      { cluster: 5, share: 0.5 },
    ]);
    // read from B's side, the merge is B's 6 splitting into A's 2 and 3, and B's 4 and 5 merging into A's 1
    expect(m.b.find((c) => c.cluster === 6)?.fate).toBe('split');
    expect(m.b.find((c) => c.cluster === 4)?.fate).toBe('merged');
    expect(m.meanJaccard).toBeCloseTo((1 + 0.5 + 0.5 + 0.5) / 4, 12);
  });

  it('a cluster no other cluster keeps half of together dissolved', () => {
    // A: 0 = rows 0–9, 1 = rows 10–29, 2 = rows 30–49; B keeps 4 of A's 0 alone and gives the rest to A's 1 and 2
    const x = Array.from({ length: 50 }, (_, i) => (i < 10 ? 0 : i < 30 ? 1 : 2));
    const y = Array.from({ length: 50 }, (_, i) => (i < 4 ? 0 : i < 7 || (i >= 10 && i < 30) ? 1 : 2));
    const m = matchClusters(x, y);
    expect(m.a.map((c) => c.fate)).toEqual(['dissolved', 'stayed', 'stayed']);
    expect(m.a[0].jaccard).toBeCloseTo(0.4, 15);
    expect(m.a[0].parts.map((p) => p.cluster)).toEqual([0, 1, 2]);
  });

  it('stability aligns a subsample rerun on its shared rows', () => {
    const rowsA = Array.from({ length: 40 }, (_, i) => i);
    const rowsB = rowsA.filter((r) => r % 10 !== 3); // 90% of the rows
    const aligned = alignByRow(rowsA, a, rowsB, rowsB.map((r) => b[r]));
    expect(aligned.rows.length).toBe(36);
    const s = stability(aligned.a, aligned.b);
    expect(s.sharedRows).toBe(36);
    expect(s.adjusted_rand_score).toBeCloseTo(adjustedRandScore(aligned.a, aligned.b), 15);
    expect(s.a.map((c) => c.fate)).toEqual(['stayed', 'split', 'merged', 'merged']);
    expect(() => alignByRow([1, 1], [0, 0], [1, 1], [0, 0])).toThrow(/twice/);
    expect(() => stability([], [])).toThrow(/no rows/);
  });
});

describe('internal indices and multilabel: guards', () => {
  it('internal indices need 2..n−1 clusters', () => {
    const X = { data: Float64Array.from([0, 0, 1, 1, 5, 5]), n: 3, d: 2 };
    expect(() => internalReport(X, [0, 0, 0])).toThrow(/between 2 and/);
    expect(() => internalReport(X, [0, 1, 2])).toThrow(/between 2 and/);
    expect(internalReport(X, [0, 0, 1]).silhouette_score).toBeGreaterThan(0.5);
  });

  it('multilabel: empty predictions score 0 (zero_division = 0) and each document lists its misses and false hits', () => {
    const r = multilabelReport([['python', 'sql'], ['excel']], [[], ['excel', 'tableau']]);
    expect(r.perDocument[0]).toEqual({ precision: 0, recall: 0, f1: 0, misses: ['python', 'sql'], falseHits: [] });
    expect(r.perDocument[1].falseHits).toEqual(['tableau']);
    expect(r.precision_micro).toBeCloseTo(0.5, 15);
    expect(r.recall_micro).toBeCloseTo(1 / 3, 15);
    expect(r.perLabel.map((l) => l.label)).toEqual(['excel', 'python', 'sql', 'tableau']);
    expect(() => multilabelReport([[]], [])).toThrow(/1 gold sets but 0/);
  });
});
