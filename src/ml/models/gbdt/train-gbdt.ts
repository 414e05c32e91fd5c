import { encodeTarget } from '../../data/preprocess';
import type { Frame } from '../../data/frame';
import { splitRows, splitSizes, type Split } from '../../data/splits';
import type { CvConfig } from '../../eval/cross-validation';
import { frameFolds, innerValidation } from '../../eval/cv-folds';
import { cvRunResult, heldOutReportOf, OutOfFold, outputWidth, type CvRunResult, type FoldOutcome, type HeldOutReport } from '../../eval/cv-result';
import { dummyFoldOutputs, heldOutBaseline, heldOutReportWithExtras, pooledReportWithExtras } from '../../eval/report-extras';
import { dummyNameFor, fitDummy, type DummyFit } from '../../metrics/baseline';
import type { SplitConfig, SplitSizes, TaskKind, TaskSpec } from '../../task';
import { orderCategories, type GbdtCategorical } from './category-codes';
import { validateGbdtConfig, type GbdtConfig } from './config';
import type { GbdtCheckpoint } from './checkpoint';
import { buildTreeFeatures, type GbdtFeatures } from './features';
import type { ThreadsMeet } from './hist-engine';
import { fitGbdt, type GbdtFitHooks, type GbdtThreads, type GbdtRoundReport, type GbdtStopReason } from './fit-gbdt';
import { featureImportance, outputsFromRaw, predictRaw, type FeatureImportance, type GbdtModel } from './model';
import type { HeldOutPredictions } from '../../evaluation/held-out-predictions';

export type GbdtEvaluation = { mode: 'holdout'; split: SplitConfig } | { mode: 'cv'; cv: CvConfig };

export interface GbdtRunSpec {
  /** the dataset's name, for messages that point at a row */
  source: string;
  /** task.features are source columns: numeric ones and embedding (JSON array) columns */
  task: TaskSpec;
  model: GbdtConfig;
  evaluation: GbdtEvaluation;
}

export type { HeldOutReport };

/** A GBDT fold also keeps its round-by-round curve. */
export interface FoldResult extends FoldOutcome {
  reason: GbdtStopReason;
  history: GbdtRoundReport[];
}

export interface GbdtRunResult {
  mode: GbdtEvaluation['mode'];
  kind: TaskSpec['kind'];
  labels?: string[];
  featureNames: string[];
  widths: GbdtFeatures['widths'];
  /** holdout: the categorical features' codes (code k = categories[k]) */
  categorical?: GbdtCategorical[];
  droppedRows: number;
  /** threads that built the histograms (absent on runs from before the thread pool) */
  threads?: number;
  /** with more than one thread: how they met (absent on runs from before the message pool) */
  threadsMeet?: ThreadsMeet;
  importance: FeatureImportance[];
  /** holdout: the curve of the final model; cv: one per fold in `folds` */
  history: GbdtRoundReport[];
  reason: GbdtStopReason;
  bestRound: number;
  sizes?: SplitSizes;
  validation?: HeldOutReport;
  test?: HeldOutReport;
  cv?: CvRunResult<FoldResult>;
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

/** One held-out split scored once: its features, raw scores, and the outputs the graph gives. */
interface Scored {
  rows: Int32Array;
  x: Float32Array;
  raw: Float64Array;
  outputs: Float64Array;
}

function score(model: GbdtModel, x: Float32Array, rows: Int32Array): Scored {
  const xs = gather(x, model.featureNames.length, rows);
  const raw = predictRaw(model, xs, rows.length);
  return { rows, x: xs, raw, outputs: outputsFromRaw(model, raw) };
}

function reportOf(model: GbdtModel, s: Scored, y: Float64Array): HeldOutReport {
  return heldOutReportOf(model.kind, Float64Array.from(s.rows, (r) => y[r]), s.outputs, model.labels ?? []);
}

/** A holdout split's report with the training rows' dummy baseline and, on small splits, bootstrap intervals. */
function reportWithExtras(model: GbdtModel, s: Scored, y: Float64Array, dummy: DummyFit): HeldOutReport {
  return heldOutReportWithExtras(model.kind, Float64Array.from(s.rows, (r) => y[r]), s.outputs, model.labels ?? [], dummy);
}

/** The dummy baseline of a set of training rows. */
function dummyOf(kind: TaskKind, y: Float64Array, rows: Int32Array, classes: number): DummyFit {
  return fitDummy(kind, Float64Array.from(rows, (r) => y[r]), classes);
}

/**
 * Raw scores on the held-out splits in the shape every family stores (logits per row), so the
 * studio's calibration panel and evaluation views work on trees too. Ordinal scores become the
 * K−1 cumulative logits s − θ_k, i.e. P(grade > k) = σ(s − θ_k), the layout every family stores for ordinal targets.
 */
function heldOutPredictions(model: GbdtModel, y: Float64Array, validation: Scored, test: Scored, dummy: DummyFit): HeldOutPredictions {
  const theta = model.thresholds ?? [];
  const width = model.kind === 'ordinal' ? theta.length : model.outputs;
  const part = (s: Scored) => {
    const logits = model.kind === 'ordinal' ? Float32Array.from({ length: s.rows.length * width }, (_, k) => s.raw[Math.floor(k / width)] - theta[k % width]) : Float32Array.from(s.raw);
    return { rows: Int32Array.from(s.rows), y: Float64Array.from(s.rows, (r) => y[r]), logits };
  };
  return { kind: model.kind, classes: model.classes, labels: model.labels, validation: part(validation), test: part(test), width, yMean: 0, yStd: 1, dummy };
}

/** A holdout run's features, target and split: built once, so every trial of a search sees the same rows. */
/** The held-out splits' raw scores of a model on its holdout data (what a calibrator is fitted on), as a holdout run stores them. */
export function gbdtHeldOut(model: GbdtModel, d: GbdtHoldoutData, kind: TaskKind): HeldOutPredictions {
  return heldOutPredictions(model, d.y, score(model, d.x, d.split.validation), score(model, d.x, d.split.test), dummyOf(kind, d.y, d.split.train, d.classes));
}

export interface GbdtHoldoutData {
  x: Float32Array;
  featureNames: string[];
  widths: GbdtFeatures['widths'];
  /** codes of the categorical features, ranked on the training rows */
  categorical: GbdtCategorical[];
  /** their indices in featureNames */
  categoricalFeatures: number[];
  y: Float64Array;
  classes: number;
  labels?: string[];
  droppedRows: number;
  split: Split;
  sizes: SplitSizes;
}

function taskChecks(task: TaskSpec): void {
  if (task.features.includes(task.target)) throw new Error(`the target "${task.target}" cannot also be a feature`);
}

export function prepareGbdtHoldout(frame: Frame, source: string, task: TaskSpec, splitConfig: SplitConfig): GbdtHoldoutData {
  taskChecks(task);
  const target = encodeTarget(frame, task);
  if (target.rows.length < 10) throw new Error(`only ${target.rows.length} rows have a usable target; at least 10 are needed`);
  const feats = buildTreeFeatures(frame, { columns: task.features }, source);
  const split = splitRows(frame, target.rows, splitConfig, task.kind === 'regression' ? undefined : target.values);
  const coded = orderCategories(feats, target.values, split.train, task.kind);
  return { x: coded.x, featureNames: feats.names, widths: feats.widths, categorical: coded.categorical, categoricalFeatures: feats.categorical.map((c) => c.feature), y: target.values, classes: target.labels?.length ?? 1, labels: target.labels, droppedRows: target.dropped, split, sizes: splitSizes(split) };
}

/** The validation report a holdout run stores for `model`: a search scores its trials with this, so a retrained best trial reports the same figures. */
export function gbdtValidationReport(model: GbdtModel, data: GbdtHoldoutData): HeldOutReport {
  return reportOf(model, score(model, data.x, data.split.validation), data.y);
}

/**
 * One GBDT run: features and target from the frame, then either a train / validation / test
 * split (early stopping on validation, reports on validation and test) or k-fold
 * cross-validation (per-fold metrics, mean ± std, and the pooled out-of-fold report).
 * A holdout run offers checkpoints (hooks.onCheckpoint) and continues from one (`resume`); a
 * cross-validation run does neither: its folds are short fits, each begun afresh.
 */
export async function trainGbdtRun(frame: Frame, spec: GbdtRunSpec, hooks: GbdtRunHooks = {}, resume?: GbdtCheckpoint, threads?: GbdtThreads): Promise<{ result: GbdtRunResult; model?: GbdtModel; parity?: GbdtParityRows; predictions?: HeldOutPredictions }> {
  const t0 = Date.now();
  const errs = validateGbdtConfig(spec.model);
  if (errs.length) throw new Error(errs.join('; '));
  const { task } = spec;

  if (spec.evaluation.mode === 'holdout') {
    const d = prepareGbdtHoldout(frame, spec.source, task, spec.evaluation.split);
    const { split, sizes } = d;
    hooks.onInit?.({ featureNames: d.featureNames, sizes, folds: 0, droppedRows: d.droppedRows, labels: d.labels });
    const fit = await fitGbdt(
      { x: d.x, featureNames: d.featureNames, y: d.y, trainRows: split.train, validationRows: split.validation, categorical: d.categoricalFeatures },
      task.kind,
      d.classes,
      spec.model,
      { shouldStop: hooks.shouldStop, onRound: (r) => hooks.onRoundOf?.(null, r), onCheckpoint: hooks.onCheckpoint },
      resume,
      threads,
    );
    const model: GbdtModel = { ...fit.model, labels: d.labels, ...(d.categorical.length ? { categorical: d.categorical } : {}) };
    const validation = score(model, d.x, split.validation);
    const test = score(model, d.x, split.test);
    const dummy = dummyOf(task.kind, d.y, split.train, d.classes);
    return {
      model,
      parity: { x: validation.x, rows: split.validation.length, outputs: validation.outputs },
      predictions: heldOutPredictions(model, d.y, validation, test, dummy),
      result: {
        kind: task.kind,
        labels: d.labels,
        featureNames: d.featureNames,
        widths: d.widths,
        ...(d.categorical.length ? { categorical: d.categorical } : {}),
        droppedRows: d.droppedRows,
        threads: fit.threads,
        ...(fit.threadsMeet ? { threadsMeet: fit.threadsMeet } : {}),
        mode: 'holdout',
        importance: featureImportance(model),
        history: fit.history,
        reason: fit.reason,
        bestRound: fit.bestRound,
        sizes,
        validation: split.validation.length ? reportWithExtras(model, validation, d.y, dummy) : undefined,
        test: split.test.length ? reportWithExtras(model, test, d.y, dummy) : undefined,
        durationMs: Date.now() - t0,
      },
    };
  }

  if (resume) throw new Error('a cross-validation run cannot be resumed from a checkpoint; train it again');
  taskChecks(task);
  const target = encodeTarget(frame, task);
  if (target.rows.length < 10) throw new Error(`only ${target.rows.length} rows have a usable target; at least 10 are needed`);
  const classes = target.labels?.length ?? 1;
  const feats = buildTreeFeatures(frame, { columns: task.features }, spec.source);
  const base = { kind: task.kind, labels: target.labels, featureNames: feats.names, widths: feats.widths, droppedRows: target.dropped };
  const yAll = target.values;
  const cv = spec.evaluation.cv;
  const folds = frameFolds(frame, target.rows, yAll, task.kind, cv);
  hooks.onInit?.({ featureNames: feats.names, folds: folds.length, droppedRows: target.dropped, labels: target.labels });
  const results: FoldResult[] = [];
  const importanceSum = new Map<string, FeatureImportance>();
  const oof = new OutOfFold(frame.rowCount, outputWidth(task.kind, classes));
  const oofDummy = new OutOfFold(frame.rowCount, outputWidth(task.kind, classes));
  let reason: GbdtStopReason = 'completed';
  let foldThreads = 0;
  let foldMeet: ThreadsMeet | undefined;
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i];
    const inner = spec.model.earlyStoppingRounds > 0 ? innerValidation(f.train, yAll, task.kind, spec.model.seed + i) : null;
    // each fold ranks categories on its own training rows: its test rows' targets must not order the codes
    const coded = orderCategories(feats, yAll, inner ? inner.train : f.train, task.kind);
    const fit = await fitGbdt(
      { x: coded.x, featureNames: feats.names, y: yAll, trainRows: inner ? inner.train : f.train, validationRows: inner?.validation, categorical: feats.categorical.map((c) => c.feature) },
      task.kind,
      classes,
      spec.model,
      { shouldStop: hooks.shouldStop, onRound: (r) => hooks.onRoundOf?.(i, r) },
      undefined,
      threads,
    );
    foldThreads = Math.max(foldThreads, fit.threads);
    foldMeet ??= fit.threadsMeet;
    if (fit.reason === 'user-stopped') {
      reason = 'user-stopped';
      break;
    }
    const model: GbdtModel = { ...fit.model, labels: target.labels, ...(coded.categorical.length ? { categorical: coded.categorical } : {}) };
    const scored = score(model, coded.x, f.test);
    const rep = reportOf(model, scored, yAll);
    const dummy = dummyOf(task.kind, yAll, f.train, classes);
    if (f.repeat === 0) {
      oof.add(f.test, scored.outputs);
      oofDummy.add(f.test, dummyFoldOutputs(task.kind, dummy, f.test.length, classes));
    }
    for (const imp of featureImportance(model)) {
      const cur = importanceSum.get(imp.feature) ?? { feature: imp.feature, gain: 0, splits: 0 };
      cur.gain += imp.gain / folds.length;
      cur.splits += imp.splits;
      importanceSum.set(imp.feature, cur);
    }
    const fr: FoldResult = { repeat: f.repeat, fold: f.fold, train: f.train.length, test: f.test.length, rounds: fit.bestRound, reason: fit.reason, metrics: rep.metrics, baseline: heldOutBaseline(task.kind, dummy, Float64Array.from(f.test, (r) => yAll[r]), target.labels ?? []).metrics, history: fit.history, durationMs: fit.durationMs };
    results.push(fr);
    hooks.onFold?.(fr, i, folds.length);
  }
  if (results.length === 0) throw new Error('cross-validation was stopped before the first fold finished');
  return {
    result: {
      ...base,
      mode: 'cv',
      importance: [...importanceSum.values()].sort((a, b) => b.gain - a.gain),
      history: [],
      reason,
      bestRound: Math.round(median(results.map((r) => r.rounds))),
      ...(foldThreads ? { threads: foldThreads } : {}),
      ...(foldMeet ? { threadsMeet: foldMeet } : {}),
      cv: cvRunResult(cv, results, pooledReportWithExtras(task.kind, oof.collect(yAll), oofDummy.collect(yAll), target.labels ?? [], dummyNameFor(task.kind))),
      durationMs: Date.now() - t0,
    },
  };
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
