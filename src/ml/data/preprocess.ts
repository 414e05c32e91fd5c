import type { TaskSpec } from '../task';
import { booleanLevels, cellText, getColumn, isNumericColumn, type Column, type Frame } from './frame';

/**
 * The row-features pipeline: fitted on training rows only, serializable (saved with the run,
 * exported to ONNX later), applied identically to every split.
 */
export interface PreprocessOptions {
  standardize: boolean;
  /** categories beyond the most frequent `maxCategories` (in train) share one "other" slot */
  maxCategories: number;
  numericImpute: 'mean' | 'median' | 'zero';
  /** adds a 0/1 "was missing" feature for numeric columns that had missing values in train */
  missingIndicators: boolean;
}

export const DEFAULT_PREPROCESS: PreprocessOptions = {
  standardize: true,
  maxCategories: 20,
  numericImpute: 'mean',
  missingIndicators: true,
};

export type FeatureStep =
  | { kind: 'numeric'; column: string; fill: number; mean: number; std: number; indicator: boolean }
  | { kind: 'onehot'; column: string; categories: string[]; other: boolean; missing: boolean };

export interface FittedPreprocess {
  options: PreprocessOptions;
  steps: FeatureStep[];
  featureNames: string[];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  // a native numeric sort of a typed copy: no comparator calls per pair at millions of rows
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fitNumeric(col: Column & { values: Float64Array }, rows: Int32Array, opts: PreprocessOptions): FeatureStep {
  const present: number[] = [];
  for (const r of rows) if (!Number.isNaN(col.values[r])) present.push(col.values[r]);
  const mean = present.length ? present.reduce((a, b) => a + b, 0) / present.length : 0;
  const fill = opts.numericImpute === 'zero' ? 0 : opts.numericImpute === 'median' ? median(present) : mean;
  let std = 1;
  let center = 0;
  if (opts.standardize) {
    // population std, as scikit-learn's StandardScaler; a constant column is centred, not divided by 0
    const variance = present.length ? present.reduce((a, v) => a + (v - mean) ** 2, 0) / present.length : 0;
    std = variance > 0 ? Math.sqrt(variance) : 1;
    center = mean;
  }
  return { kind: 'numeric', column: col.name, fill, mean: center, std, indicator: opts.missingIndicators && present.length < rows.length };
}

function fitOneHot(col: Column, rows: Int32Array, opts: PreprocessOptions): FeatureStep {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    const v = cellText(col, r);
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const categories = ranked.slice(0, opts.maxCategories).map(([k]) => k).sort();
  // the "other" slot also receives categories first seen in validation/test
  return { kind: 'onehot', column: col.name, categories, other: true, missing: missing > 0 };
}

export function fitPreprocess(frame: Frame, features: string[], trainRows: Int32Array, opts: PreprocessOptions): FittedPreprocess {
  const steps: FeatureStep[] = [];
  for (const name of features) {
    const col = getColumn(frame, name);
    if (isNumericColumn(col)) steps.push(fitNumeric(col, trainRows, opts));
    else if (col.dtype === 'categorical') steps.push(fitOneHot(col, trainRows, opts));
    else throw new Error(`column "${name}" is ${col.dtype === 'id' ? 'an id' : 'free text'}; it cannot be a numeric or categorical feature`);
  }
  const featureNames: string[] = [];
  for (const s of steps) {
    if (s.kind === 'numeric') {
      featureNames.push(s.column);
      if (s.indicator) featureNames.push(`${s.column}__missing`);
    } else {
      for (const c of s.categories) featureNames.push(`${s.column}=${c}`);
      if (s.other) featureNames.push(`${s.column}=__other__`);
      if (s.missing) featureNames.push(`${s.column}=__missing__`);
    }
  }
  return { options: opts, steps, featureNames };
}

/** Row-major float32 matrix [rows.length × featureNames.length]. */
export function transform(frame: Frame, fitted: FittedPreprocess, rows: Int32Array): Float32Array {
  const d = fitted.featureNames.length;
  const out = new Float32Array(rows.length * d);
  let offset = 0;
  for (const step of fitted.steps) {
    const col = getColumn(frame, step.column);
    if (step.kind === 'numeric') {
      const values = (col as Column & { values: Float64Array }).values;
      for (let i = 0; i < rows.length; i++) {
        const v = values[rows[i]];
        const miss = Number.isNaN(v);
        out[i * d + offset] = ((miss ? step.fill : v) - step.mean) / step.std;
        if (step.indicator) out[i * d + offset + 1] = miss ? 1 : 0;
      }
      offset += step.indicator ? 2 : 1;
    } else {
      const index = new Map(step.categories.map((c, k) => [c, k] as const));
      const width = step.categories.length + (step.other ? 1 : 0) + (step.missing ? 1 : 0);
      for (let i = 0; i < rows.length; i++) {
        const v = cellText(col, rows[i]);
        let k: number | undefined;
        if (v === null) k = step.missing ? width - 1 : undefined;
        else k = index.get(v) ?? (step.other ? step.categories.length : undefined);
        if (k !== undefined) out[i * d + offset + k] = 1;
      }
      offset += width;
    }
  }
  return out;
}

export interface EncodedTarget {
  /** one value per frame row: class index (NaN = unusable) or numeric target */
  values: Float64Array;
  labels?: string[];
  /** rows with a usable target */
  rows: Int32Array;
  dropped: number;
}

/** Class labels present in a column, in a natural order (numeric when all are numbers). */
export function distinctLabels(col: Column): string[] {
  // a flag's classes are [negative, positive] whatever its words sort as ("sí" / "no" would flip)
  if (col.dtype === 'boolean') return booleanLevels(col).filter((_, k) => col.values.some((v) => v === k));
  const set = new Set<string>();
  for (let r = 0; r < col.values.length; r++) {
    const v = cellText(col, r);
    if (v !== null) set.add(v);
  }
  const labels = [...set];
  if (labels.every((l) => l.trim() !== '' && Number.isFinite(Number(l)))) return labels.sort((a, b) => Number(a) - Number(b));
  return labels.sort();
}

export function encodeTarget(frame: Frame, task: TaskSpec): EncodedTarget {
  const col = getColumn(frame, task.target);
  const values = new Float64Array(frame.rowCount).fill(NaN);
  if (task.kind === 'regression') {
    if (!isNumericColumn(col)) throw new Error(`regression needs a numeric target; "${task.target}" is ${col.dtype}`);
    values.set(col.values);
  } else {
    const labels = task.labels ?? distinctLabels(col);
    if (task.kind === 'binary' && labels.length !== 2) {
      throw new Error(`binary classification needs exactly 2 classes; "${task.target}" has ${labels.length}`);
    }
    if (labels.length < 2) throw new Error(`"${task.target}" has fewer than 2 classes`);
    const index = new Map(labels.map((l, i) => [l, i] as const));
    for (let r = 0; r < frame.rowCount; r++) {
      const v = cellText(col, r);
      const k = v === null ? undefined : index.get(v);
      if (k !== undefined) values[r] = k;
    }
    const rows = usableRows(values);
    if (rows.length === 0 && frame.rowCount > 0) {
      const found = distinctLabels(col);
      throw new Error(`none of the classes ${labels.map((l) => `"${l}"`).join(', ')} occur in "${task.target}"; its values are ${found.slice(0, 12).map((l) => `"${l}"`).join(', ')}${found.length > 12 ? ', …' : ''}`);
    }
    return { values, labels, rows, dropped: frame.rowCount - rows.length };
  }
  const rows = usableRows(values);
  return { values, rows, dropped: frame.rowCount - rows.length };
}

function usableRows(values: Float64Array): Int32Array {
  let n = 0;
  for (let r = 0; r < values.length; r++) if (Number.isFinite(values[r])) n++;
  const rows = new Int32Array(n);
  for (let r = 0, i = 0; r < values.length; r++) if (Number.isFinite(values[r])) rows[i++] = r;
  return rows;
}
