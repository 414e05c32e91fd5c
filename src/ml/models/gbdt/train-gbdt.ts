import { encodeTarget } from '../../data/preprocess';
import { cellText, getColumn, type Frame } from '../../data/frame';
import { randomSplit, splitRows, splitSizes, stratifiedSplit } from '../../data/splits';
import { classReport, regressionReport, type ClassReport, type RegressionReport } from '../../eval/class-report';
import { kFolds, summarizeFolds, type CvConfig, type MetricSummary } from '../../eval/cross-validation';
import type { SplitConfig, SplitSizes, TaskSpec } from '../../task';
import { validateGbdtConfig, type GbdtConfig } from './config';
import { buildTreeFeatures, type GbdtFeatures } from './features';
import { fitGbdt, type GbdtFitHooks, type GbdtRoundReport, type GbdtStopReason } from './fit-gbdt';
import { featureImportance, predict, predictProbaMatrix, type FeatureImportance, type GbdtModel } from './model';

export type GbdtEvaluation = { mode: 'holdout'; split: SplitConfig } | { mode: 'cv'; cv: CvConfig };

export interface GbdtRunSpec {
  /** the dataset's name, for messages that point at a row */
  source: string;
  /** task.features are source columns: numeric ones and embedding (JSON array) columns */
  task: TaskSpec;
  model: GbdtConfig;
  evaluation: GbdtEvaluation;
}

export type HeldOutReport = ClassReport | RegressionReport;

export interface FoldResult {
  repeat: number;
  fold: number;
  train: number;
  test: number;
  rounds: number;
  reason: GbdtStopReason;
  metrics: Record<string, number>;
  history: GbdtRoundReport[];
  durationMs: number;
}

export interface GbdtRunResult {
  mode: GbdtEvaluation['mode'];
  kind: TaskSpec['kind'];
  labels?: string[];
  featureNames: string[];
  widths: GbdtFeatures['widths'];
  droppedRows: number;
  importance: FeatureImportance[];
  /** holdout: the curve of the final model; cv: one per fold in `folds` */
  history: GbdtRoundReport[];
  reason: GbdtStopReason;
  bestRound: number;
  sizes?: SplitSizes;
  validation?: HeldOutReport;
  test?: HeldOutReport;
  cv?: { folds: FoldResult[]; summary: Record<string, MetricSummary>; pooled: HeldOutReport; config: CvConfig };
  durationMs: number;
}

/** What the export needs besides the model: the validation rows' features and Kiln's outputs on them. */
export interface GbdtParityRows {
  x: Float32Array;
  rows: number;
  outputs: Float64Array;
}

export interface GbdtRunHooks extends GbdtFitHooks {
  onInit?(info: { featureNames: string[]; sizes?: SplitSizes; folds: number; droppedRows: number; labels?: string[] }): void;
  onRoundOf?(fold: number | null, r: GbdtRoundReport): void | Promise<void>;
  onFold?(f: FoldResult, index: number, total: number): void;
}

const gather = (x: Float32Array, cols: number, rows: Int32Array) => {
  const out = new Float32Array(rows.length * cols);
  rows.forEach((r, i) => out.set(x.subarray(r * cols, (r + 1) * cols), i * cols));
  return out;
};

/** Held-out report: class probabilities for classification, values for regression. */
export function heldOutReport(model: GbdtModel, x: Float32Array, rows: Int32Array, y: Float64Array, labels?: string[]): HeldOutReport {
  const cols = model.featureNames.length;
  const xs = gather(x, cols, rows);
  const yt = Float64Array.from(rows, (r) => y[r]);
  if (model.kind === 'regression') return regressionReport(yt, predict(model, xs, rows.length));
  return classReport(model.kind, yt, predictProbaMatrix(model, xs, rows.length), labels ?? []);
}

/** An inner split of a fold's training rows for early stopping, so the fold's test rows stay unseen. */
function innerSplit(rows: Int32Array, y: Float64Array, kind: TaskSpec['kind'], seed: number) {
  const cfg = { strategy: 'random' as const, seed, validationFraction: 0.15, testFraction: 0 };
  return kind === 'regression' ? randomSplit(rows, cfg) : stratifiedSplit(rows, y, { ...cfg, strategy: 'stratified' });
}

/**
 * One GBDT run: features and target from the frame, then either a train / validation / test
 * split (early stopping on validation, reports on validation and test) or k-fold
 * cross-validation (per-fold metrics, mean ± std, and the pooled out-of-fold report).
 */
export async function trainGbdtRun(frame: Frame, spec: GbdtRunSpec, hooks: GbdtRunHooks = {}): Promise<{ result: GbdtRunResult; model?: GbdtModel; parity?: GbdtParityRows }> {
  const t0 = Date.now();
  const errs = validateGbdtConfig(spec.model);
  if (errs.length) throw new Error(errs.join('; '));
  const { task } = spec;
  if (task.features.includes(task.target)) throw new Error(`the target "${task.target}" cannot also be a feature`);
  const target = encodeTarget(frame, task);
  if (target.rows.length < 10) throw new Error(`only ${target.rows.length} rows have a usable target; at least 10 are needed`);
  const classes = target.labels?.length ?? 1;
  const feats = buildTreeFeatures(frame, { columns: task.features }, spec.source);
  const base = { kind: task.kind, labels: target.labels, featureNames: feats.names, widths: feats.widths, droppedRows: target.dropped };
  const yAll = target.values;

  if (spec.evaluation.mode === 'holdout') {
    const split = splitRows(frame, target.rows, spec.evaluation.split, task.kind === 'regression' ? undefined : yAll);
    const sizes = splitSizes(split);
    hooks.onInit?.({ featureNames: feats.names, sizes, folds: 0, droppedRows: target.dropped, labels: target.labels });
    const fit = await fitGbdt({ x: feats.x, featureNames: feats.names, y: yAll, trainRows: split.train, validationRows: split.validation }, task.kind, classes, spec.model, {
      shouldStop: hooks.shouldStop,
      onRound: (r) => hooks.onRoundOf?.(null, r),
    });
    const model: GbdtModel = { ...fit.model, labels: target.labels };
    const cols = feats.names.length;
    const xVal = gather(feats.x, cols, split.validation);
    const parity: GbdtParityRows = { x: xVal, rows: split.validation.length, outputs: task.kind === 'regression' ? predict(model, xVal, split.validation.length) : predictProbaMatrix(model, xVal, split.validation.length) };
    return {
      model,
      parity,
      result: {
        ...base,
        mode: 'holdout',
        importance: featureImportance(model),
        history: fit.history,
        reason: fit.reason,
        bestRound: fit.bestRound,
        sizes,
        validation: split.validation.length ? heldOutReport(model, feats.x, split.validation, yAll, target.labels) : undefined,
        test: split.test.length ? heldOutReport(model, feats.x, split.test, yAll, target.labels) : undefined,
        durationMs: Date.now() - t0,
      },
    };
  }

  const cv = spec.evaluation.cv;
  const groups = cv.strategy === 'group' ? groupValues(frame, cv.groupColumn as string) : undefined;
  const folds = kFolds(target.rows, cv, task.kind === 'regression' ? undefined : yAll, groups);
  hooks.onInit?.({ featureNames: feats.names, folds: folds.length, droppedRows: target.dropped, labels: target.labels });
  const results: FoldResult[] = [];
  const importanceSum = new Map<string, FeatureImportance>();
  // pooled out-of-fold outputs of the first repeat: one held-out prediction per row
  const width = task.kind === 'regression' ? 1 : task.kind === 'binary' ? 2 : classes;
  const oof = new Float64Array(frame.rowCount * width);
  const oofRows: number[] = [];
  let reason: GbdtStopReason = 'completed';
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i];
    const inner = spec.model.earlyStoppingRounds > 0 ? innerSplit(f.train, yAll, task.kind, spec.model.seed + i) : null;
    const fit = await fitGbdt(
      { x: feats.x, featureNames: feats.names, y: yAll, trainRows: inner ? inner.train : f.train, validationRows: inner?.validation },
      task.kind,
      classes,
      spec.model,
      { shouldStop: hooks.shouldStop, onRound: (r) => hooks.onRoundOf?.(i, r) },
    );
    if (fit.reason === 'stopped') {
      reason = 'stopped';
      break;
    }
    const model: GbdtModel = { ...fit.model, labels: target.labels };
    const rep = heldOutReport(model, feats.x, f.test, yAll, target.labels);
    const xs = gather(feats.x, feats.names.length, f.test);
    if (f.repeat === 0) {
      const out = task.kind === 'regression' ? predict(model, xs, f.test.length) : predictProbaMatrix(model, xs, f.test.length);
      f.test.forEach((r, j) => {
        oof.set(out.subarray(j * width, (j + 1) * width), r * width);
        oofRows.push(r);
      });
    }
    for (const imp of featureImportance(model)) {
      const cur = importanceSum.get(imp.feature) ?? { feature: imp.feature, gain: 0, splits: 0 };
      cur.gain += imp.gain / folds.length;
      cur.splits += imp.splits;
      importanceSum.set(imp.feature, cur);
    }
    const fr: FoldResult = { repeat: f.repeat, fold: f.fold, train: f.train.length, test: f.test.length, rounds: fit.bestRound, reason: fit.reason, metrics: rep.metrics, history: fit.history, durationMs: fit.durationMs };
    results.push(fr);
    hooks.onFold?.(fr, i, folds.length);
  }
  if (results.length === 0) throw new Error('cross-validation was stopped before the first fold finished');
  const rows = Int32Array.from(oofRows).sort();
  const yPooled = Float64Array.from(rows, (r) => yAll[r]);
  const pooledOut = new Float64Array(rows.length * width);
  rows.forEach((r, j) => pooledOut.set(oof.subarray(r * width, (r + 1) * width), j * width));
  const pooled = task.kind === 'regression' ? regressionReport(yPooled, pooledOut) : classReport(task.kind, yPooled, pooledOut, target.labels ?? []);
  return {
    result: {
      ...base,
      mode: 'cv',
      importance: [...importanceSum.values()].sort((a, b) => b.gain - a.gain),
      history: [],
      reason,
      bestRound: Math.round(median(results.map((r) => r.rounds))),
      cv: { folds: results, summary: summarizeFolds(results.map((r) => r.metrics)), pooled, config: cv },
      durationMs: Date.now() - t0,
    },
  };
}

function groupValues(frame: Frame, column: string): (string | null)[] {
  const col = getColumn(frame, column);
  return Array.from({ length: frame.rowCount }, (_, r) => cellText(col, r));
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
