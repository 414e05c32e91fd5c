import type { ColumnStats } from '../../data/column-stats';
import { DEFAULT_PREPROCESS, type PreprocessOptions } from '../../data/preprocess';
import { defaultTabularConfig, type TabularConfig } from './config';
import { guessTaskKind, type SplitConfig, type TaskSpec } from '../../task';
export { guessTaskKind } from '../../task';

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
