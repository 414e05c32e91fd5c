import { mulberry32, permutation, shuffleInPlace } from '../data/rng';

/** k-fold settings. Stratified folds need class labels; grouped folds keep each group in one fold. */
export interface CvConfig {
  folds: number;
  /** repeated k-fold: each repeat reshuffles with seed + repeat */
  repeats: number;
  seed: number;
  strategy: 'kfold' | 'stratified' | 'group';
  /** the group column for strategy 'group' */
  groupColumn?: string;
}

export interface Fold {
  repeat: number;
  fold: number;
  train: Int32Array;
  test: Int32Array;
}

export function defaultCvConfig(): CvConfig {
  return { folds: 5, repeats: 1, seed: 42, strategy: 'stratified' };
}

export function validateCvConfig(c: CvConfig): string[] {
  const errs: string[] = [];
  if (!(Number.isInteger(c.folds) && c.folds >= 2 && c.folds <= 50)) errs.push('folds must be an integer in [2, 50]');
  if (!(Number.isInteger(c.repeats) && c.repeats >= 1 && c.repeats <= 20)) errs.push('repeats must be an integer in [1, 20]');
  if (c.strategy === 'group' && !c.groupColumn) errs.push('grouped folds need a group column');
  return errs;
}

/**
 * Splits `rows` into k folds per repeat; every row is in exactly one test fold per repeat.
 * - kfold: shuffled rows cut into k near-equal parts;
 * - stratified: each class shuffled and dealt round-robin from a rotating start, so every fold's
 *   class counts are within one row of the ideal (scikit-learn's StratifiedKFold guarantee);
 * - group: shuffled groups placed largest first into the fold with the fewest rows (GroupKFold's
 *   balancing), so no group is on both sides.
 */
export function kFolds(rows: Int32Array, cfg: CvConfig, labels?: ArrayLike<number>, groups?: ArrayLike<string | null>): Fold[] {
  const errs = validateCvConfig(cfg);
  if (errs.length) throw new Error(errs.join('; '));
  const k = cfg.folds;
  const out: Fold[] = [];
  for (let rep = 0; rep < cfg.repeats; rep++) {
    const rng = mulberry32(cfg.seed + 7919 * rep);
    const foldOf = new Int32Array(rows.length);
    if (cfg.strategy === 'group') {
      if (!groups) throw new Error('grouped folds need a group column');
      const byGroup = new Map<string, number[]>();
      rows.forEach((r, i) => {
        const g = groups[r] ?? '∅missing';
        const list = byGroup.get(g) ?? [];
        list.push(i);
        byGroup.set(g, list);
      });
      if (byGroup.size < k) throw new Error(`${k} grouped folds need at least ${k} groups; "${cfg.groupColumn}" has ${byGroup.size}`);
      const list = [...byGroup.values()];
      shuffleInPlace(list, rng);
      // stable sort by size after the shuffle: equal-size groups land in a seeded order
      list.sort((a, b) => b.length - a.length);
      const sizes = new Int32Array(k);
      for (const members of list) {
        let f = 0;
        for (let j = 1; j < k; j++) if (sizes[j] < sizes[f]) f = j;
        for (const i of members) foldOf[i] = f;
        sizes[f] += members.length;
      }
    } else if (cfg.strategy === 'stratified') {
      if (!labels) throw new Error('stratified folds need class labels');
      const byClass = new Map<number, number[]>();
      rows.forEach((r, i) => {
        const list = byClass.get(labels[r]) ?? [];
        list.push(i);
        byClass.set(labels[r], list);
      });
      let start = 0;
      for (const key of [...byClass.keys()].sort((a, b) => a - b)) {
        const members = byClass.get(key) as number[];
        shuffleInPlace(members, rng);
        members.forEach((i, j) => (foldOf[i] = (start + j) % k));
        start = (start + members.length) % k;
      }
    } else {
      const perm = permutation(rows.length, rng);
      perm.forEach((i, j) => (foldOf[i] = Math.floor((j * k) / rows.length)));
    }
    if (rows.length < k) throw new Error(`${k} folds need at least ${k} rows; there are ${rows.length}`);
    for (let f = 0; f < k; f++) {
      const train: number[] = [];
      const test: number[] = [];
      rows.forEach((r, i) => (foldOf[i] === f ? test : train).push(r));
      out.push({ repeat: rep, fold: f, train: Int32Array.from(train), test: Int32Array.from(test) });
    }
  }
  return out;
}

export interface MetricSummary {
  mean: number;
  /** population standard deviation over folds (numpy's default, what `scores.std()` prints) */
  std: number;
  min: number;
  max: number;
}

/** Mean ± std of each metric over folds; a metric missing or NaN in a fold is left out for that fold. */
export function summarizeFolds(perFold: Record<string, number>[]): Record<string, MetricSummary> {
  const keys = new Set(perFold.flatMap((m) => Object.keys(m)));
  const out: Record<string, MetricSummary> = {};
  for (const key of keys) {
    const v = perFold.map((m) => m[key]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (v.length === 0) continue;
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
    out[key] = { mean, std, min: v.reduce((a, b) => Math.min(a, b), Infinity), max: v.reduce((a, b) => Math.max(a, b), -Infinity) };
  }
  return out;
}

/** Fold means as the run's headline metrics, each with its std beside it as `<metric>_std`. */
export function foldMeans(summary: Record<string, MetricSummary>): Record<string, number> {
  return Object.fromEntries(Object.entries(summary).flatMap(([k, s]) => [[k, s.mean] as const, [`${k}_std`, s.std] as const]));
}
