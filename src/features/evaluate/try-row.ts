import type { FeedKind } from '../../ml/onnx/input-feeds';

/** One field of the "try a row" form: a graph input column (or, for trees, one feature). */
export interface TryField {
  key: string;
  kind: FeedKind;
  /** categorical: the training categories, offered as suggestions */
  categories?: string[];
}

/** A prediction for one row, from the exported graph or from the studio's own model. */
export interface TryOutcome {
  /** regression: the value; classification: the predicted label */
  text: string;
  /** regression: the value; classification: the predicted class's probability */
  value: number;
  probabilities?: { label: string; p: number }[];
  /** the calibrated probabilities the export also outputs, when the run has a calibrator */
  calibrated?: { label: string; p: number }[];
}

export type TryValues = Record<string, number | string>;

/**
 * What the form needs from a family: its fields, the held-out rows to start from, and two ways to
 * predict an edited row: the exported model.onnx in onnxruntime-web, and the studio's own model.
 */
export interface TryRowModel {
  fields: TryField[];
  /** frame rows (0-based) the form can be prefilled from, with the split they belong to */
  candidates: { index: number; split: 'validation' | 'test' }[];
  /** why some held-out rows cannot be tried, if so */
  note?: string;
  prefill(index: number): Record<string, string>;
  runOnnx(values: TryValues): Promise<TryOutcome>;
  runStudio(values: TryValues): TryOutcome;
  close(): Promise<void>;
}

/** An outcome from class probabilities (a row of K values) and the chosen class. */
export function classOutcome(labels: string[], probs: ArrayLike<number>, chosen: number): TryOutcome {
  const probabilities = labels.map((label, k) => ({ label, p: probs[k] }));
  return { text: labels[chosen] ?? String(chosen), value: probs[chosen], probabilities };
}

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
  return best;
}
