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
  const order = Int32Array.from(rows);
  shuffleInPlace(order, mulberry32(cfg.seed));
  return sorted(cut(order, cfg));
}

/**
 * Class index → a dense slot, with the rows of each slot gathered by a counting pass: two linear
 * sweeps over typed arrays, no per-row pushes, no spreading (a 10^7-row class list passed to
 * push(...) overflows the call stack). Slots are in ascending class order.
 */
function bucketByClass(rows: Int32Array, labels: ArrayLike<number>): { keys: number[]; starts: Int32Array; members: Int32Array } {
  const slotOf = new Map<number, number>();
  const slotOfRow = new Int32Array(rows.length);
  const counts: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const y = labels[rows[i]];
    let s = slotOf.get(y);
    if (s === undefined) {
      s = counts.length;
      slotOf.set(y, s);
      counts.push(0);
    }
    slotOfRow[i] = s;
    counts[s]++;
  }
  const keys = [...slotOf.keys()].sort((a, b) => a - b);
  const starts = new Int32Array(keys.length + 1);
  const rank = new Int32Array(keys.length);
  keys.forEach((k, j) => {
    rank[slotOf.get(k)!] = j;
    starts[j + 1] = starts[j] + counts[slotOf.get(k)!];
  });
  const fill = starts.slice(0, keys.length);
  const members = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) members[fill[rank[slotOfRow[i]]]++] = rows[i];
  return { keys, starts, members };
}

/**
 * Per-class shuffles, then each class is cut by the same fractions, so every split keeps the
 * class ratios (to within one row per class).
 */
export function stratifiedSplit(rows: Int32Array, labels: ArrayLike<number>, cfg: SplitConfig): Split {
  const rng = mulberry32(cfg.seed);
  const { keys, starts, members } = bucketByClass(rows, labels);
  const sizes = { train: 0, validation: 0, test: 0 };
  const cuts = keys.map((_, j) => {
    const n = starts[j + 1] - starts[j];
    const nVal = Math.round(n * cfg.validationFraction);
    const nTest = Math.round(n * cfg.testFraction);
    sizes.train += n - nVal - nTest;
    sizes.validation += nVal;
    sizes.test += nTest;
    return { nVal, nTest };
  });
  if (sizes.validation === 0 || sizes.train === 0) throw new Error('too few rows per class for a stratified split');
  const out: Split = { train: new Int32Array(sizes.train), validation: new Int32Array(sizes.validation), test: new Int32Array(sizes.test) };
  const at = { train: 0, validation: 0, test: 0 };
  const copy = (side: keyof Split, from: Int32Array) => {
    out[side].set(from, at[side]);
    at[side] += from.length;
  };
  keys.forEach((_, j) => {
    // a view: each class is shuffled in place, in ascending class order, with one generator (as before, so seeds keep their splits)
    const list = members.subarray(starts[j], starts[j + 1]);
    shuffleInPlace(list, rng);
    const n = list.length;
    const { nVal, nTest } = cuts[j];
    copy('train', list.subarray(0, n - nVal - nTest));
    copy('validation', list.subarray(n - nVal - nTest, n - nTest));
    copy('test', list.subarray(n - nTest));
  });
  return sorted(out);
}

/** The group key of a row: from an array (one per frame row) or a function. */
export type GroupKeys = ArrayLike<string | null> | ((row: number) => string | null);

/** Whole groups go to one side: shuffled groups fill validation, then test, the rest trains. */
export function groupSplit(rows: Int32Array, groups: GroupKeys, cfg: SplitConfig): Split {
  const keyOf = typeof groups === 'function' ? groups : (r: number) => groups[r];
  // rows get a dense group id; only the group sizes and one side per group are kept, never per-group row lists
  const idOf = new Map<string, number>();
  const groupOfRow = new Int32Array(rows.length);
  const sizes: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const g = keyOf(rows[i]) ?? '\u0000missing';
    let id = idOf.get(g);
    if (id === undefined) {
      id = sizes.length;
      idOf.set(g, id);
      sizes.push(0);
    }
    groupOfRow[i] = id;
    sizes[id]++;
  }
  const keys = [...idOf.keys()].sort();
  if (keys.length < 3 && cfg.testFraction > 0) throw new Error(`a group split needs at least 3 groups (found ${keys.length})`);
  if (keys.length < 2) throw new Error(`a group split needs at least 2 groups (found ${keys.length})`);
  shuffleInPlace(keys, mulberry32(cfg.seed));
  const n = rows.length;
  const valTarget = n * cfg.validationFraction;
  const testTarget = n * cfg.testFraction;
  const TRAIN = 0;
  const VALIDATION = 1;
  const TEST = 2;
  const sideOf = new Uint8Array(sizes.length);
  const count = [0, 0, 0];
  for (const k of keys) {
    const id = idOf.get(k)!;
    const m = sizes[id];
    const side = count[VALIDATION] < valTarget && count[VALIDATION] + m / 2 <= valTarget + 0.5 ? VALIDATION : count[TEST] < testTarget && count[TEST] + m / 2 <= testTarget + 0.5 ? TEST : TRAIN;
    sideOf[id] = side;
    count[side] += m;
  }
  if (count[VALIDATION] === 0) {
    // the first shuffled group moves to validation (off the side it was given, so no row is on two sides)
    const id = idOf.get(keys[0])!;
    count[sideOf[id]] -= sizes[id];
    sideOf[id] = VALIDATION;
    count[VALIDATION] += sizes[id];
  }
  if (count[TRAIN] === 0) throw new Error('the group split left no group for training; lower the validation/test fractions');
  const parts = [new Int32Array(count[TRAIN]), new Int32Array(count[VALIDATION]), new Int32Array(count[TEST])];
  const at = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const side = sideOf[groupOfRow[i]];
    parts[side][at[side]++] = rows[i];
  }
  return sorted({ train: parts[TRAIN], validation: parts[VALIDATION], test: parts[TEST] });
}

/**
 * Rows ordered by time, ties by row index: a counting sort over the ranks of the distinct times
 * (native numeric sorts plus a binary search per row), so 10^7 rows need no comparator sort.
 */
function orderByTime(rows: Int32Array, times: Float64Array): Int32Array {
  let present = 0;
  for (let i = 0; i < rows.length; i++) if (!Number.isNaN(times[rows[i]])) present++;
  const byRow = new Int32Array(present);
  const t = new Float64Array(present);
  for (let i = 0, j = 0; i < rows.length; i++) {
    const v = times[rows[i]];
    if (Number.isNaN(v)) continue;
    byRow[j] = rows[i];
    j++;
  }
  byRow.sort();
  for (let j = 0; j < present; j++) t[j] = times[byRow[j]];
  const distinct = Float64Array.from(t).sort();
  let u = 0;
  for (let j = 0; j < distinct.length; j++) if (j === 0 || distinct[j] !== distinct[u - 1]) distinct[u++] = distinct[j];
  const ranks = distinct.subarray(0, u);
  const rankOf = new Int32Array(present);
  const starts = new Int32Array(u + 1);
  for (let j = 0; j < present; j++) {
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranks[mid] < t[j]) lo = mid + 1;
      else hi = mid;
    }
    rankOf[j] = lo;
    starts[lo + 1]++;
  }
  for (let k = 0; k < u; k++) starts[k + 1] += starts[k];
  const order = new Int32Array(present);
  for (let j = 0; j < present; j++) order[starts[rankOf[j]]++] = byRow[j];
  return order;
}

/**
 * Oldest rows train, then validation, then test. Rows that share a timestamp stay on one side,
 * so every validation row is strictly later than every training row.
 */
export function temporalSplit(rows: Int32Array, times: Float64Array, cfg: SplitConfig): Split {
  const order = orderByTime(rows, times);
  const n = order.length;
  const boundary = (target: number): number => {
    let i = Math.min(Math.max(target, 1), n - 1);
    while (i < n && times[order[i]] === times[order[i - 1]]) i++;
    return i;
  };
  const trainEnd = boundary(Math.round(n * (1 - cfg.validationFraction - cfg.testFraction)));
  const valEnd = cfg.testFraction > 0 ? boundary(Math.max(trainEnd + 1, Math.round(n * (1 - cfg.testFraction)))) : n;
  if (trainEnd >= n || valEnd <= trainEnd) throw new Error('the temporal split column has too few distinct times to split');
  return { train: order.slice(0, trainEnd), validation: order.slice(trainEnd, valEnd), test: order.slice(valEnd) };
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
      return groupSplit(rows, (r) => cellText(col, r), cfg);
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
