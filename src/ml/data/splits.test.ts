import { describe, expect, it } from 'vitest';
import type { SplitConfig } from '../task';
import type { Frame } from './frame';
import { mulberry32 } from './rng';
import { groupSplit, splitRows, type Split } from './splits';

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

  it('group: when no group fits validation, the first shuffled group moves there and is on no other side', () => {
    // two big groups and a test fraction too small for either: validation gets a whole group
    const rows = Int32Array.from({ length: 30 }, (_, i) => i);
    const keys = rows.map((r) => (r < 10 ? 0 : r < 20 ? 1 : 2));
    const s = groupSplit(rows, (r) => `k${keys[r]}`, cfg({ strategy: 'group', validationFraction: 0.05, testFraction: 0.05 }));
    expectPartition(s, 30);
    expect(s.validation.length).toBe(10);
  });
});

/**
 * Every strategy at 10^7 rows: the 400,000-row file of issue 19 overflowed the stack in the
 * stratified split (push(...list) with one class's rows as arguments); nothing here may spread,
 * recurse or go quadratic in the row count.
 */
describe('splits at 10^7 rows', { timeout: 240_000 }, () => {
  const BIG = 10_000_000;
  const big = (() => {
    const r = mulberry32(19);
    const y = new Float64Array(BIG);
    const t = new Float64Array(BIG);
    for (let i = 0; i < BIG; i++) {
      y[i] = r() < 0.23 ? 1 : 0;
      // 50,000 distinct days, unsorted, some missing
      t[i] = i % 997 === 0 ? NaN : Date.UTC(2000, 0, 1) + Math.floor(r() * 50_000) * 86_400_000;
    }
    return { y, t, rows: Int32Array.from({ length: BIG }, (_, i) => i) };
  })();
  const bigFrame: Frame = { rowCount: BIG, columns: [{ name: 'ts', dtype: 'datetime', values: big.t }] };

  function expectBigPartition(s: Split, n: number): void {
    const seen = new Uint8Array(BIG);
    let count = 0;
    for (const part of [s.train, s.validation, s.test]) {
      for (let i = 0; i < part.length; i++) {
        if (seen[part[i]]) throw new Error(`row ${part[i]} is on two sides`);
        seen[part[i]] = 1;
        count++;
      }
    }
    expect(count).toBe(n);
    expect(s.validation.length).toBeGreaterThan(0);
    expect(s.train.length).toBeGreaterThan(s.validation.length);
  }

  it('random', () => {
    const s = splitRows(bigFrame, big.rows, cfg({ strategy: 'random' }));
    expectBigPartition(s, BIG);
    expect(s.validation.length).toBe(2_000_000);
  });

  it('stratified keeps the 23% positive rate on every side', () => {
    const s = splitRows(bigFrame, big.rows, cfg({ strategy: 'stratified' }), big.y);
    expectBigPartition(s, BIG);
    const rate = (rows: Int32Array) => {
      let pos = 0;
      for (let i = 0; i < rows.length; i++) pos += big.y[rows[i]];
      return pos / rows.length;
    };
    for (const part of [s.train, s.validation, s.test]) expect(Math.abs(rate(part) - rate(big.rows))).toBeLessThan(1e-4);
  });

  it('group (100,000 groups, keys read from a function)', () => {
    const s = groupSplit(big.rows, (r) => `g${r % 100_000}`, cfg({ strategy: 'group' }));
    expectBigPartition(s, BIG);
    expect(Math.abs(s.validation.length / BIG - 0.2)).toBeLessThan(0.01);
  });

  it('temporal: missing times left out, every validation time after every training time', () => {
    const s = splitRows(bigFrame, big.rows, cfg({ strategy: 'temporal', column: 'ts' }));
    const missing = Math.ceil(BIG / 997);
    expectBigPartition(s, BIG - missing);
    let maxTrain = -Infinity;
    for (let i = 0; i < s.train.length; i++) maxTrain = Math.max(maxTrain, big.t[s.train[i]]);
    let minVal = Infinity;
    for (let i = 0; i < s.validation.length; i++) minVal = Math.min(minVal, big.t[s.validation[i]]);
    expect(minVal).toBeGreaterThan(maxTrain);
    // ordered by time within the training side
    for (let i = 1; i < s.train.length; i++) if (big.t[s.train[i]] < big.t[s.train[i - 1]]) throw new Error(`train rows out of time order at ${i}`);
  });
});

