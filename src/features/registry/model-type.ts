import type { TaskKind } from '../../ml/task';

/** A name as a registry model type: lower snake case, never starting with a digit. */
export const snake = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'm_$1') || 'model';

/** What a data scientist calls a model of one target: `{target}_{classifier|grader|regressor}`. */
export function targetModelType(target: string, kind: TaskKind): string {
  const role = kind === 'ordinal' ? 'grader' : kind === 'regression' ? 'regressor' : 'classifier';
  return `${snake(target)}_${role}`.replace(/_v\d+$/, '');
}
