import type { ColumnStats } from './data/column-stats';
/** What the user asks a model to learn. Shared by the UI, the worker and the CLI. */
export type TaskKind = 'binary' | 'multiclass' | 'regression' | 'ordinal';

export interface TaskSpec {
  target: string;
  kind: TaskKind;
  /**
   * Class order for classification. binary: [negative, positive]; ordinal: lowest to highest
   * (explicit: ordinal order is meaning, never alphabetical by accident).
   */
  labels?: string[];
  features: string[];
}

export type SplitStrategy = 'random' | 'stratified' | 'group' | 'temporal';

export interface SplitConfig {
  strategy: SplitStrategy;
  seed: number;
  /** fractions of rows (or groups) for validation and test; train gets the rest */
  validationFraction: number;
  testFraction: number;
  /** the column for group and temporal splits */
  column?: string;
}

export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

/** A first guess a data scientist would make: a column with two values is binary, a few labels multiclass, numbers regression. */
export function guessTaskKind(s: ColumnStats): TaskKind {
  if (s.dtype === 'boolean' || s.distinct === 2) return 'binary';
  if (s.dtype === 'categorical' && s.distinct <= 50) return 'multiclass';
  if (s.dtype === 'numeric' && s.distinct <= 10 && s.min !== undefined && Number.isInteger(s.min) && Number.isInteger(s.max)) return 'multiclass';
  return 'regression';
}
