import type { GbdtConfig } from '../models/gbdt/config';
import type { TaskKind } from '../task';
import { gbdtMetricChoices, gbdtSpaceErrors } from './gbdt-objective';
import { intTop, type SearchSpace } from './space';
import { studyErrors, type StudySpec } from './study';

/** Everything wrong with a GBDT study before its first trial: one line each, naming the param. */
export function gbdtStudyErrors(spec: StudySpec, kind: TaskKind): string[] {
  const errs = [...studyErrors(spec), ...gbdtSpaceErrors(spec.space)];
  if (!gbdtMetricChoices(kind).includes(spec.metric)) errs.push(`metric: "${spec.metric}" is not reported for a ${kind} task (use ${gbdtMetricChoices(kind).join(', ')})`);
  return errs;
}

/** The most rounds any trial can run: the base config's, or the top of a `rounds` param. */
export function maxTrialRounds(base: GbdtConfig, space: SearchSpace): number {
  const p = space.find((s) => s.name === 'rounds');
  if (!p) return base.rounds;
  if (p.kind === 'categorical') return Math.max(...(p.choices ?? []).map((c) => (typeof c === 'number' ? Math.round(c) : 0)), 1);
  return Math.max(1, Math.round(p.kind === 'int' ? intTop(p) : (p.high ?? base.rounds)));
}
