import type { TabularConfig } from '../models/tabular/config';
import type { TaskKind } from '../task';
import { intTop, type SearchSpace } from './space';
import { studyErrors, type StudySpec } from './study';
import { tabularSpaceErrors } from './tabular-objective';

/** Validation metrics a tabular search can optimise, per task (the keys evaluateTask writes), plus the validation loss. */
const METRICS: Record<TaskKind, string[]> = {
  binary: ['accuracy', 'roc_auc', 'f1', 'log_loss', 'brier'],
  multiclass: ['accuracy', 'f1_macro', 'log_loss'],
  ordinal: ['qwk', 'accuracy', 'mae', 'adjacent_accuracy'],
  regression: ['mae', 'rmse', 'r2'],
};

export function tabularMetricChoices(kind: TaskKind): string[] {
  return [...METRICS[kind], 'val_loss'];
}

/** Everything wrong with a tabular study before its first trial: one line each, naming the param. */
export function tabularStudyErrors(spec: StudySpec, kind: TaskKind): string[] {
  const errs = [...studyErrors(spec), ...tabularSpaceErrors(spec.space)];
  if (!tabularMetricChoices(kind).includes(spec.metric)) errs.push(`metric: "${spec.metric}" is not reported for a ${kind} task (use ${tabularMetricChoices(kind).join(', ')})`);
  return errs;
}

/** The most epochs any trial can run: the base config's, or the top of an `epochs` param. */
export function maxTrialEpochs(base: TabularConfig, space: SearchSpace): number {
  const p = space.find((s) => s.name === 'epochs');
  if (!p) return base.epochs;
  if (p.kind === 'categorical') return Math.max(...(p.choices ?? []).map((c) => (typeof c === 'number' ? Math.round(c) : 0)), 1);
  return Math.max(1, Math.round(p.kind === 'int' ? intTop(p) : (p.high ?? base.epochs)));
}
