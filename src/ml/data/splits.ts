import type { SplitConfig, SplitSizes } from '../task';
import { DataError } from './data-error';
import { cellText, getColumn, isNumericColumn, type Frame } from './frame';
import { mulberry32, shuffleInPlace } from './rng';

export interface Split {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

export function splitSizes(s: Split): SplitSizes {
  return { train: s.train.length, validation: s.validation.length, test: s.test.length };
}

function checkFractions(cfg: SplitConfig): void {
  const { validationFraction: v, testFraction: t } = cfg;
  if (!(v > 0 && v < 1) || !(t >= 0 && t < 1) || v + t >= 1) {
    throw new Error(`split fractions must satisfy 0 < validation, 0 ≤ test and validation + test < 1 (got ${v}, ${t})`);
  }
}

/** Cuts an ordered list into train / validation / test by fractions (rounded, each side non-empty where possible). */
function cut(order: ArrayLike<number>, cfg: SplitConfig): Split {
  const n = order.length;
  const nVal = Math.max(1, Math.round(n * cfg.validationFraction));
  const nTest = cfg.testFraction > 0 ? Math.max(1, Math.round(n * cfg.testFraction)) : 0;
  const nTrain = n - nVal - nTest;
  if (nTrain < 1) throw new Error(`too few rows (${n}) to split into train, validation and test`);
  const all = Int32Array.from(order);
  return { train: all.slice(0, nTrain), validation: all.slice(nTrain, nTrain + nVal), test: all.slice(nTrain + nVal) };
}

function sorted(s: Split): Split {
  return { train: s.train.sort(), validation: s.validation.sort(), test: s.test.sort() };
}

export function randomSplit(rows: Int32Array, cfg: SplitConfig): Split {
  const order = Array.from(rows);
  shuffleInPlace(order, mulberry32(cfg.seed));
  return sorted(cut(order, cfg));
}

/**
 * Per-class shuffles, then each class is cut by the same fractions, so every split keeps the
 * class ratios (to within one row per class).
 */
export function stratifiedSplit(rows: Int32Array, labels: ArrayLike<number>, cfg: SplitConfig): Split {
  const rng = mulberry32(cfg.seed);
  const byClass = new Map<number, number[]>();
  for (const r of rows) {
    const y = labels[r];
    const list = byClass.get(y);
    if (list) list.push(r);
    else byClass.set(y, [r]);
  }
  const train: number[] = [];
  const validation: number[] = [];
  const test: number[] = [];
  for (const key of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = byClass.get(key)!;
    shuffleInPlace(list, rng);
    const n = list.length;
    const nVal = Math.round(n * cfg.validationFraction);
    const nTest = Math.round(n * cfg.testFraction);
    train.push(...list.slice(0, n - nVal - nTest));
    validation.push(...list.slice(n - nVal - nTest, n - nTest));
    test.push(...list.slice(n - nTest));
  }
  if (validation.length === 0 || train.length === 0) throw new Error('too few rows per class for a stratified split');
  return sorted({ train: Int32Array.from(train), validation: Int32Array.from(validation), test: Int32Array.from(test) });
}

/** Whole groups go to one side: shuffled groups fill validation, then test, the rest trains. */
export function groupSplit(rows: Int32Array, groups: (string | null)[], cfg: SplitConfig): Split {
  const members = new Map<string, number[]>();
  for (const r of rows) {
    const g = groups[r] ?? '\u0000missing';
    const list = members.get(g);
    if (list) list.push(r);
    else members.set(g, [r]);
  }
  const keys = [...members.keys()].sort();
  if (keys.length < 3 && cfg.testFraction > 0) throw new Error(`a group split needs at least 3 groups (found ${keys.length})`);
  if (keys.length < 2) throw new Error(`a group split needs at least 2 groups (found ${keys.length})`);
  shuffleInPlace(keys, mulberry32(cfg.seed));
  const n = rows.length;
  const valTarget = n * cfg.validationFraction;
  const testTarget = n * cfg.testFraction;
  const validation: number[] = [];
  const test: number[] = [];
  const train: number[] = [];
  for (const k of keys) {
    const m = members.get(k)!;
    if (validation.length < valTarget && validation.length + m.length / 2 <= valTarget + 0.5) validation.push(...m);
    else if (test.length < testTarget && test.length + m.length / 2 <= testTarget + 0.5) test.push(...m);
    else train.push(...m);
  }
  if (validation.length === 0) validation.push(...members.get(keys[0])!.splice(0));
  if (train.length === 0) throw new Error('the group split left no group for training; lower the validation/test fractions');
  return sorted({ train: Int32Array.from(train), validation: Int32Array.from(validation), test: Int32Array.from(test) });
}

/**
 * Oldest rows train, then validation, then test. Rows that share a timestamp stay on one side,
 * so every validation row is strictly later than every training row.
 */
export function temporalSplit(rows: Int32Array, times: Float64Array, cfg: SplitConfig): Split {
  const order = Array.from(rows).filter((r) => !Number.isNaN(times[r]));
  order.sort((a, b) => times[a] - times[b] || a - b);
  const n = order.length;
  const boundary = (target: number): number => {
    let i = Math.min(Math.max(target, 1), n - 1);
    while (i < n && times[order[i]] === times[order[i - 1]]) i++;
    return i;
  };
  const trainEnd = boundary(Math.round(n * (1 - cfg.validationFraction - cfg.testFraction)));
  const valEnd = cfg.testFraction > 0 ? boundary(Math.max(trainEnd + 1, Math.round(n * (1 - cfg.testFraction)))) : n;
  if (trainEnd >= n || valEnd <= trainEnd) throw new Error('the temporal split column has too few distinct times to split');
  return {
    train: Int32Array.from(order.slice(0, trainEnd)),
    validation: Int32Array.from(order.slice(trainEnd, valEnd)),
    test: Int32Array.from(order.slice(valEnd)),
  };
}

/**
 * Splits the given rows (those with a usable target) by the configured strategy.
 * `labels` (class index per frame row) is needed for stratified splits.
 */
export function splitRows(frame: Frame, rows: Int32Array, cfg: SplitConfig, labels?: ArrayLike<number>): Split {
  checkFractions(cfg);
  switch (cfg.strategy) {
    case 'random':
      return randomSplit(rows, cfg);
    case 'stratified':
      if (!labels) throw new Error('a stratified split needs a classification target');
      return stratifiedSplit(rows, labels, cfg);
    case 'group': {
      if (!cfg.column) throw new Error('a group split needs a group column');
      const col = getColumn(frame, cfg.column);
      const groups = Array.from({ length: frame.rowCount }, (_, r) => cellText(col, r));
      return groupSplit(rows, groups, cfg);
    }
    case 'temporal': {
      if (!cfg.column) throw new Error('a temporal split needs a time column');
      const col = getColumn(frame, cfg.column);
      if (!isNumericColumn(col) || col.dtype === 'boolean') {
        throw new DataError(cfg.column, `the temporal split column must be a datetime or numeric column, not ${col.dtype}`);
      }
      return temporalSplit(rows, col.values, cfg);
    }
  }
}
