import type { HeldOutPredictions } from './held-out-predictions';
import { splitScores, type HeldOutSplit } from './held-out';

/** One held-out row as the predictions table and its CSV show it; labels are the user's strings. */
export interface PredictionRow {
  split: HeldOutSplit;
  /** 1-based data row of the dataset (header not counted), so the user can find it in the file */
  row: number;
  /** frame row index (0-based), for looking the row's features up */
  index: number;
  actual: string;
  predicted: string;
  /** regression: actual − predicted */
  residual: number | null;
  /** probability of the predicted class (classification) */
  probability: number | null;
  /** per class, in `classLabels` order (classification) */
  probabilities: number[] | null;
}

export interface PredictionTable {
  kind: HeldOutPredictions['kind'];
  n: number;
  classLabels: string[];
  rowAt(i: number): PredictionRow;
}

/** Class names as the user wrote them, or the class indices when a run stored none. */
export function classLabelsOf(p: HeldOutPredictions): string[] {
  return p.labels && p.labels.length === p.classes ? p.labels : Array.from({ length: p.kind === 'binary' ? 2 : p.classes }, (_, i) => String(i));
}

/** Short, stable text for a number: 6 significant digits, no float32 noise (0.1 not 0.10000000149). */
export function num(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? '' : String(v);
  return String(Number(v.toPrecision(6)));
}

/**
 * The held-out rows (validation, then test) with the model's prediction: computed per row on
 * demand, so a 100,000-row test split costs no more memory than its stored scores. A binary
 * prediction is P(positive) ≥ threshold, as the run's report and export decide it.
 */
export function predictionTable(p: HeldOutPredictions, threshold = 0.5): PredictionTable {
  const labels = classLabelsOf(p);
  const parts = (['validation', 'test'] as const).map((split) => ({ split, rows: p[split].rows, ...splitScores(p, split) }));
  const nVal = parts[0].rows.length;
  const n = nVal + parts[1].rows.length;
  const K = p.kind === 'binary' ? 2 : p.classes;
  const rowAt = (i: number): PredictionRow => {
    if (i < 0 || i >= n) throw new RangeError(`prediction row ${i} is outside 0..${n - 1}`);
    const part = i < nVal ? parts[0] : parts[1];
    const j = i < nVal ? i : i - nVal;
    const index = part.rows[j];
    const y = part.y[j];
    const base = { split: part.split, row: index + 1, index };
    if (p.kind === 'regression') {
      const pred = part.scores[j];
      return { ...base, actual: num(y), predicted: num(pred), residual: y - pred, probability: null, probabilities: null };
    }
    let probs: number[];
    let top: number;
    if (p.kind === 'binary') {
      const pos = part.scores[j];
      probs = [1 - pos, pos];
      top = pos >= threshold ? 1 : 0;
    } else {
      probs = Array.from(part.scores.subarray(j * K, (j + 1) * K));
      top = 0;
      for (let k = 1; k < K; k++) if (probs[k] > probs[top]) top = k;
    }
    return { ...base, actual: labels[y] ?? String(y), predicted: labels[top], residual: null, probability: probs[top], probabilities: probs };
  };
  return { kind: p.kind, n, classLabels: labels, rowAt };
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The table as CSV (RFC 4180): split, row, the target under its own name, the prediction, then
 * residual (regression) or the predicted class's probability and one P(label) column per class.
 */
export function predictionsCsv(t: PredictionTable, target: string): string {
  const head = ['split', 'row', target, `predicted_${target}`, ...(t.kind === 'regression' ? ['residual'] : ['probability', ...t.classLabels.map((l) => `P(${l})`)])];
  const lines = [head.map(csvCell).join(',')];
  for (let i = 0; i < t.n; i++) {
    const r = t.rowAt(i);
    const tail = t.kind === 'regression' ? [num(r.residual ?? NaN)] : [num(r.probability ?? NaN), ...(r.probabilities ?? []).map(num)];
    lines.push([r.split, String(r.row), r.actual, r.predicted, ...tail].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
