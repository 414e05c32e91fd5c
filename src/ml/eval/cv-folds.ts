import { cellText, getColumn, type Frame } from '../data/frame';
import { randomSplit, stratifiedSplit } from '../data/splits';
import type { TaskKind } from '../task';
import { kFolds, type CvConfig, type Fold } from './cross-validation';

/** Folds over a frame's usable rows: class labels for stratified folds, the group column's values for grouped ones. */
export function frameFolds(frame: Frame, rows: Int32Array, y: Float64Array, kind: TaskKind, cv: CvConfig): Fold[] {
  const groups = cv.strategy === 'group' ? groupValues(frame, cv.groupColumn as string) : undefined;
  return kFolds(rows, cv, kind === 'regression' ? undefined : y, groups);
}

/**
 * An inner split of a fold's training rows (15%, stratified for classes) for early stopping, so
 * the fold's test rows are never seen before they are scored.
 */
export function innerValidation(rows: Int32Array, y: Float64Array, kind: TaskKind, seed: number): { train: Int32Array; validation: Int32Array } {
  const cfg = { strategy: 'random' as const, seed, validationFraction: 0.15, testFraction: 0 };
  const s = kind === 'regression' ? randomSplit(rows, cfg) : stratifiedSplit(rows, y, { ...cfg, strategy: 'stratified' });
  return { train: s.train, validation: s.validation };
}

function groupValues(frame: Frame, column: string): (string | null)[] {
  const col = getColumn(frame, column);
  return Array.from({ length: frame.rowCount }, (_, r) => cellText(col, r));
}
