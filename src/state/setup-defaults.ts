import type { ColumnStats } from '../ml/data/column-stats';
import { DEFAULT_PREPROCESS, type PreprocessOptions } from '../ml/data/preprocess';
import { defaultTabularConfig, type TabularConfig } from '../ml/models/tabular/config';
import type { SplitConfig, TaskKind, TaskSpec } from '../ml/task';

export interface Setup {
  task: TaskSpec;
  split: SplitConfig;
  preprocess: PreprocessOptions;
  model: TabularConfig;
}

const FEATURE_DTYPES = new Set(['numeric', 'boolean', 'datetime', 'categorical']);

export function usableAsFeature(s: ColumnStats): boolean {
  return FEATURE_DTYPES.has(s.dtype);
}

/** A first guess a data scientist would make: a column with two values is binary, a few labels multiclass, numbers regression. */
export function guessTaskKind(s: ColumnStats): TaskKind {
  if (s.dtype === 'boolean' || s.distinct === 2) return 'binary';
  if (s.dtype === 'categorical' && s.distinct <= 50) return 'multiclass';
  if (s.dtype === 'numeric' && s.distinct <= 10 && s.min !== undefined && Number.isInteger(s.min) && Number.isInteger(s.max)) return 'multiclass';
  return 'regression';
}

export function defaultSetup(stats: ColumnStats[], target?: string): Setup {
  const targetStats = stats.find((s) => s.name === target) ?? [...stats].reverse().find((s) => s.dtype !== 'id' && s.dtype !== 'text') ?? stats[stats.length - 1];
  const kind = guessTaskKind(targetStats);
  return {
    task: { target: targetStats.name, kind, features: stats.filter((s) => s.name !== targetStats.name && usableAsFeature(s)).map((s) => s.name) },
    split: { strategy: kind === 'regression' ? 'random' : 'stratified', seed: 42, validationFraction: 0.2, testFraction: 0.1 },
    preprocess: { ...DEFAULT_PREPROCESS },
    model: defaultTabularConfig(),
  };
}
