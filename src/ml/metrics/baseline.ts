import type { TaskKind } from '../task';
import { accuracyAt, f1At, precisionAt, recallAt } from './binary';
import { higherIsBetter } from './direction';
import type { MetricMap } from './evaluate';

/**
 * Dummy baselines fitted on the training rows, as scikit-learn's DummyClassifier(strategy="prior")
 * (probabilities = the training class shares, label = the most frequent class) and
 * DummyRegressor(strategy="mean"). A model that does not beat these has learned nothing usable.
 */
export type DummyFit = { strategy: 'prior'; prior: number[] } | { strategy: 'mean'; mean: number };

type Num = ArrayLike<number>;

export function fitDummy(kind: TaskKind, yTrain: Num, classes: number): DummyFit {
  if (kind === 'regression') {
    let s = 0;
    for (let i = 0; i < yTrain.length; i++) s += yTrain[i];
    return { strategy: 'mean', mean: yTrain.length ? s / yTrain.length : NaN };
  }
  const counts = new Array<number>(Math.max(classes, 2)).fill(0);
  for (let i = 0; i < yTrain.length; i++) counts[yTrain[i]]++;
  const n = yTrain.length || 1;
  return { strategy: 'prior', prior: counts.map((c) => c / n) };
}

/** The class the prior predicts: the most frequent one, the lowest index on a tie (numpy's argmax). */
export function dummyClass(fit: DummyFit): number {
  if (fit.strategy !== 'prior') return 0;
  let best = 0;
  for (let k = 1; k < fit.prior.length; k++) if (fit.prior[k] > fit.prior[best]) best = k;
  return best;
}

/**
 * The dummy's outputs for n rows in a report's layout: 'scores' is what evaluateTask takes
 * (binary: P(positive); classes: n × K; regression: values), 'probs' what heldOutReportOf takes
 * (binary as n × 2).
 */
export function dummyOutputs(fit: DummyFit, n: number, kind: TaskKind, classes: number, layout: 'scores' | 'probs'): Float64Array {
  if (fit.strategy === 'mean') return new Float64Array(n).fill(fit.mean);
  const K = kind === 'binary' ? (layout === 'probs' ? 2 : 1) : classes;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    if (K === 1) out[i] = fit.prior[1];
    else for (let k = 0; k < K; k++) out[i * K + k] = fit.prior[k] ?? 0;
  }
  return out;
}

/**
 * The baseline's metrics on held-out rows through the same report function as the model's, so
 * the keys match. Binary thresholded metrics come from the most-frequent label, as scikit-learn's
 * predict() gives them, not from thresholding the prior (which differs on a 50/50 tie).
 */
export function baselineMetrics(kind: TaskKind, fit: DummyFit, y: Num, classes: number, report: (y: Num, outputs: Float64Array) => MetricMap, layout: 'scores' | 'probs'): MetricMap {
  const m = { ...report(y, dummyOutputs(fit, y.length, kind, classes, layout)) };
  if (kind === 'binary') {
    const hard = new Float64Array(y.length).fill(dummyClass(fit));
    const set = (k: string, v: number) => {
      if (k in m) m[k] = v;
    };
    set('accuracy', accuracyAt(y, hard));
    set('precision', precisionAt(y, hard));
    set('recall', recallAt(y, hard));
    set('f1', f1At(y, hard));
  }
  return m;
}

export function dummyName(fit: DummyFit): string {
  return fit.strategy === 'mean' ? 'training mean' : 'majority class / prior';
}

/** The baseline a task is compared with: the training mean for regression, the prior otherwise. */
export function dummyNameFor(kind: TaskKind): string {
  return kind === 'regression' ? 'training mean' : 'majority class / prior';
}


/**
 * The metrics a model must beat its baseline on, per task. Calibration errors are left out: a
 * constant prior is calibrated by construction, so "losing" there says nothing about skill.
 */
export function baselineChecks(kind: TaskKind): string[] {
  switch (kind) {
    case 'binary':
      return ['log_loss', 'brier', 'accuracy', 'roc_auc'];
    case 'multiclass':
      return ['log_loss', 'accuracy'];
    case 'ordinal':
      return ['mae', 'qwk', 'accuracy'];
    case 'regression':
      return ['rmse', 'mae', 'r2'];
  }
}

/** true when the model is strictly better, false when not (a tie does not beat), null when either value is missing. */
export function beats(metric: string, model: number | undefined, baseline: number | undefined): boolean | null {
  if (model === undefined || baseline === undefined || !Number.isFinite(model) || !Number.isFinite(baseline)) return null;
  return higherIsBetter(metric) ? model > baseline : model < baseline;
}

export interface BaselineLoss {
  metric: string;
  model: number;
  baseline: number;
}

/** The checked metrics on which the model does not beat its baseline (empty: it beats it everywhere it could be compared). */
export function baselineLosses(kind: TaskKind, model: MetricMap, baseline: MetricMap): BaselineLoss[] {
  return baselineChecks(kind)
    .filter((k) => beats(k, model[k], baseline[k]) === false)
    .map((k) => ({ metric: k, model: model[k], baseline: baseline[k] }));
}
