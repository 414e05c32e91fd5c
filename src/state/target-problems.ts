import type { ColumnStats } from '../ml/data/column-stats';
import type { TaskSpec } from '../ml/task';

/**
 * Why the target cannot train the task, from the dataset's column statistics: shown beside the
 * Train button (which stays disabled), so a single-class or empty target never starts a run that
 * can only fail.
 */
export function targetProblems(stats: readonly ColumnStats[], task: TaskSpec, rowCount: number): string[] {
  const s = stats.find((c) => c.name === task.target);
  if (!s) return [];
  const present = rowCount - s.missing;
  if (s.distinct === 0) return [`the target "${task.target}" has no values (all ${s.missing.toLocaleString('en-US')} rows are missing)`];
  if (task.kind === 'regression') {
    return s.distinct < 2 ? [`the target "${task.target}" is constant (${s.min ?? s.top?.[0]?.value}); regression needs a target that varies`] : [];
  }
  if (s.distinct < 2) {
    // a flag's one class in the file's own word (stats stored before `top` existed for flags fall back to its level names)
    const only = s.top?.[0]?.value ?? (s.dtype === 'boolean' ? (s.levels ?? ['false', 'true'])[s.min === 1 ? 1 : 0] : String(s.min));
    const rows = ` in ${present.toLocaleString('en-US')} row${present === 1 ? '' : 's'}`;
    return [`the target "${task.target}" has a single class ("${only}"${rows}); classification needs at least 2 classes`];
  }
  if (task.kind === 'binary' && s.distinct > 2 && !task.labels) {
    return [`binary classification needs exactly 2 classes; "${task.target}" has ${s.distinct.toLocaleString('en-US')} (choose multiclass or another target)`];
  }
  return [];
}
