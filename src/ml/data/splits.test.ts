import { describe, expect, it } from 'vitest';
import type { SplitConfig } from '../task';
import type { Frame } from './frame';
import { mulberry32 } from './rng';
import { splitRows, type Split } from './splits';

const N = 1000;
const rng = mulberry32(7);
const labels = Float64Array.from({ length: N }, () => (rng() < 0.3 ? 1 : rng() < 0.5 ? 2 : 0));
const groups = Array.from({ length: N }, () => `g${Math.floor(rng() * 80)}`);
// many ties in time, on purpose
const times = Float64Array.from({ length: N }, () => Date.UTC(2020, 0, 1) + Math.floor(rng() * 200) * 86_400_000);
const frame: Frame = {
  rowCount: N,
  columns: [
    { name: 'y', dtype: 'numeric', values: labels },
    { name: 'team', dtype: 'categorical', values: groups },
    { name: 'ts', dtype: 'datetime', values: times },
  ],
};
const all = Int32Array.from({ length: N }, (_, i) => i);
const cfg = (over: Partial<SplitConfig>): SplitConfig => ({ strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0.1, ...over });

function expectPartition(s: Split, n = N): void {
  const seen = new Set<number>();
  for (const part of [s.train, s.validation, s.test]) for (const r of part) {
    expect(seen.has(r)).toBe(false);
    seen.add(r);
  }
  expect(seen.size).toBe(n);
}

function ratio(rows: Int32Array, k: number): number {
  return rows.reduce((a, r) => a + (labels[r] === k ? 1 : 0), 0) / rows.length;
}

describe('splits', () => {
  it('random: a seeded, reproducible partition with the asked sizes', () => {
    const a = splitRows(frame, all, cfg({ strategy: 'random' }));
    const b = splitRows(frame, all, cfg({ strategy: 'random' }));
    const c = splitRows(frame, all, cfg({ strategy: 'random', seed: 2 }));
    expectPartition(a);
    expect([a.train.length, a.validation.length, a.test.length]).toEqual([700, 200, 100]);
    expect(Array.from(a.validation)).toEqual(Array.from(b.validation));
    expect(Array.from(a.validation)).not.toEqual(Array.from(c.validation));
  });

  it('stratified: each split keeps every class ratio within 2 points', () => {
    const s = splitRows(frame, all, cfg({ strategy: 'stratified' }), labels);
    expectPartition(s);
    for (const k of [0, 1, 2]) {
      const overall = ratio(all, k);
      for (const part of [s.train, s.validation, s.test]) expect(Math.abs(ratio(part, k) - overall)).toBeLessThanOrEqual(0.02);
    }
  });

  it('group: no group is on two sides', () => {
    const s = splitRows(frame, all, cfg({ strategy: 'group', column: 'team' }));
    expectPartition(s);
    const side = new Map<string, string>();
    for (const [name, part] of Object.entries(s)) for (const r of part as Int32Array) {
      const prev = side.get(groups[r]);
      if (prev) expect(prev).toBe(name);
      side.set(groups[r], name);
    }
    expect(s.validation.length).toBeGreaterThan(120);
    expect(s.validation.length).toBeLessThan(280);
  });

  it('temporal: every validation row is after every training row, every test row after validation', () => {
    const s = splitRows(frame, all, cfg({ strategy: 'temporal', column: 'ts' }));
    expectPartition(s);
    const max = (rows: Int32Array) => Math.max(...Array.from(rows, (r) => times[r]));
    const min = (rows: Int32Array) => Math.min(...Array.from(rows, (r) => times[r]));
    expect(min(s.validation)).toBeGreaterThan(max(s.train));
    expect(min(s.test)).toBeGreaterThan(max(s.validation));
  });

  it('rejects impossible fractions and missing columns with a clear message', () => {
    expect(() => splitRows(frame, all, cfg({ validationFraction: 0.6, testFraction: 0.5 }))).toThrow(/fractions/);
    expect(() => splitRows(frame, all, cfg({ strategy: 'group' }))).toThrow(/group column/);
    expect(() => splitRows(frame, all, cfg({ strategy: 'temporal', column: 'team' }))).toThrow(/datetime or numeric/);
  });
});
