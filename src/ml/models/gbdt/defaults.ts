import type { ColumnStats } from '../../data/column-stats';
import { defaultCvConfig, type CvConfig } from '../../eval/cross-validation';
import { defaultGbdtConfig, type GbdtConfig } from './config';
import type { GbdtRunSpec } from './train-gbdt';
import { gradeOrder, labelOrder } from '../../data/label-order';
import type { SplitConfig, TaskKind } from '../../task';
import { guessTaskKind } from '../../task';

/** What the GBDT panel edits for one dataset. */
export interface GbdtSetup {
  target: string;
  kind: TaskKind;
  /** class order; for ordinal, lowest grade first */
  labels: string[];
  features: string[];
  model: GbdtConfig;
  mode: 'holdout' | 'cv';
  split: SplitConfig;
  cv: CvConfig;
}

export { gradeOrder, labelOrder };

/** First guess: a grade-like target is ordinal, else guessTaskKind's guess; features = the tree-usable columns but ids and dates. */
export function defaultGbdtSetup(stats: ColumnStats[], usable: string[]): GbdtSetup {
  // ids and timestamps are offered but not picked: they leak row order more often than they help
  const dtype = new Map(stats.map((s) => [s.name, s.dtype]));
  const named = stats.find((s) => /^(grade|score_band|label|target|class|y|diagnosis|outcome)$/i.test(s.name));
  const target = named ?? [...stats].reverse().find((s) => s.dtype !== 'id' && s.dtype !== 'text') ?? stats[stats.length - 1];
  const labels = target.dtype === 'numeric' && target.distinct > 20 ? [] : labelOrder(target);
  const kind: TaskKind = gradeOrder(labels) ? 'ordinal' : guessTaskKind(target);
  return {
    target: target.name,
    kind,
    labels: kind === 'regression' ? [] : labels,
    features: usable.filter((c) => c !== target.name && !/^(id|.*_id)$/i.test(c) && dtype.get(c) !== 'datetime'),
    model: defaultGbdtConfig(),
    mode: 'holdout',
    split: { strategy: kind === 'regression' ? 'random' : 'stratified', seed: 42, validationFraction: 0.2, testFraction: 0.1 },
    cv: { ...defaultCvConfig(), strategy: kind === 'regression' ? 'kfold' : 'stratified' },
  };
}

export function gbdtSetupProblems(s: GbdtSetup): string[] {
  const p: string[] = [];
  if (s.features.length === 0) p.push('choose at least one feature column');
  if (s.features.includes(s.target)) p.push(`the target "${s.target}" cannot also be a feature`);
  if (s.kind !== 'regression' && s.labels.length < 2) p.push('the target needs at least 2 classes');
  if (s.kind === 'binary' && s.labels.length !== 2) p.push(`binary needs exactly 2 classes; "${s.target}" has ${s.labels.length}`);
  if (s.mode === 'cv' && s.cv.strategy === 'group' && !s.cv.groupColumn) p.push('grouped folds need a group column');
  if (s.mode === 'cv' && s.cv.strategy === 'stratified' && s.kind === 'regression') p.push('stratified folds need classes; use plain k-fold for regression');
  const monotone = Object.keys(s.model.monotone ?? {});
  if (monotone.length && s.kind === 'multiclass') p.push('monotone constraints are not supported for multiclass targets; remove them or choose binary, ordinal or regression');
  for (const c of monotone) if (!s.features.includes(c)) p.push(`monotone constraint on "${c}": it is not one of the chosen features`);
  return p;
}

/** The worker's run spec for a setup: its task, trees and evaluation (holdout split or folds). */
export function gbdtRunSpec(setup: GbdtSetup, source: string): GbdtRunSpec {
  return {
    source,
    task: { target: setup.target, kind: setup.kind, labels: setup.kind === 'regression' ? undefined : setup.labels, features: setup.features },
    model: setup.model,
    evaluation: setup.mode === 'cv' ? { mode: 'cv', cv: setup.cv } : { mode: 'holdout', split: setup.split },
  };
}
