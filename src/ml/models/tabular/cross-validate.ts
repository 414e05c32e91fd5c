import { encodeTarget, type PreprocessOptions } from '../../data/preprocess';
import type { CvConfig } from '../../eval/cross-validation';
import { frameFolds, innerValidation } from '../../eval/cv-folds';
import { cvRunResult, heldOutReportOf, OutOfFold, outputWidth, type CvRunResult, type FoldOutcome } from '../../eval/cv-result';
import { dummyFoldOutputs, heldOutBaseline, pooledReportWithExtras } from '../../eval/report-extras';
import { dummyNameFor } from '../../metrics/baseline';
import type { Frame } from '../../data/frame';
import type { TaskKind, TaskSpec } from '../../task';
import type { StopReason } from '../loop-utils';
import type { TabularConfig } from './config';
import { logitsToScores } from './losses';
import { prepareTabular } from './prepare';
import { trainTabular, type EpochSummary, type TrainEngine } from './train-tabular';

export interface TabularCvHooks {
  shouldStop?: () => boolean;
  onInit?(info: { folds: number; featureNames: string[]; labels?: string[]; droppedRows: number }): void;
  onEpoch?(fold: number, e: EpochSummary): void | Promise<void>;
  onFold?(f: FoldOutcome, index: number, total: number): void;
}

/** Class probabilities n × K (binary as [1 − p, p]) or values, from a split's logits. */
function outputs(kind: TaskKind, scores: Float64Array): Float64Array {
  if (kind !== 'binary') return scores;
  const out = new Float64Array(scores.length * 2);
  scores.forEach((p, i) => {
    out[2 * i] = 1 - p;
    out[2 * i + 1] = p;
  });
  return out;
}

/**
 * k-fold cross-validation of a tabular network: per fold, preprocessing is fitted on the fold's
 * training rows, 15% of them stop training early, and the held-out fold is scored once. Every
 * fold trains on `engine`, the one a single run of this setup would train on (the worker picks
 * it), so the folds estimate what that run gives.
 */
export async function crossValidateTabular(
  frame: Frame,
  task: TaskSpec,
  cv: CvConfig,
  preprocess: PreprocessOptions,
  model: TabularConfig,
  hooks: TabularCvHooks = {},
  engine: TrainEngine = { kind: 'tfjs' },
): Promise<{ cv: CvRunResult; reason: StopReason; labels?: string[] }> {
  const target = encodeTarget(frame, task);
  if (target.rows.length < 10) throw new Error(`only ${target.rows.length} rows have a usable target; at least 10 are needed`);
  const classes = target.labels?.length ?? 1;
  const folds = frameFolds(frame, target.rows, target.values, task.kind, cv);
  const oof = new OutOfFold(frame.rowCount, outputWidth(task.kind, classes));
  const oofDummy = new OutOfFold(frame.rowCount, outputWidth(task.kind, classes));
  const results: FoldOutcome[] = [];
  let reason: StopReason = 'completed';
  for (let i = 0; i < folds.length; i++) {
    const f = folds[i];
    const inner = innerValidation(f.train, target.values, task.kind, model.seed + i);
    const prepared = prepareTabular(frame, task, { strategy: 'random', seed: model.seed, validationFraction: 0, testFraction: 0 }, preprocess, { train: inner.train, validation: inner.validation, test: f.test });
    if (i === 0) hooks.onInit?.({ folds: folds.length, featureNames: prepared.preprocess.featureNames, labels: prepared.labels, droppedRows: prepared.droppedRows });
    const t0 = Date.now();
    const trained = await trainTabular(prepared, model, { shouldStop: hooks.shouldStop, onEpoch: (e) => hooks.onEpoch?.(i, e) }, undefined, engine);
    trained.model.dispose();
    if (trained.fit.reason === 'user-stopped' || trained.fit.reason === 'non-finite-loss') {
      reason = trained.fit.reason;
      break;
    }
    const t = trained.predictions.test;
    const out = outputs(task.kind, logitsToScores(task.kind, t.logits, classes, prepared.yMean, prepared.yStd));
    if (f.repeat === 0) {
      oof.add(f.test, out);
      oofDummy.add(f.test, dummyFoldOutputs(task.kind, prepared.dummy, f.test.length, classes));
    }
    const labels = target.labels ?? [];
    const fold: FoldOutcome = {
      repeat: f.repeat,
      fold: f.fold,
      train: f.train.length,
      test: f.test.length,
      rounds: trained.fit.bestEpoch,
      metrics: heldOutReportOf(task.kind, t.y, out, labels).metrics,
      baseline: heldOutBaseline(task.kind, prepared.dummy, t.y, labels).metrics,
      durationMs: Date.now() - t0,
    };
    results.push(fold);
    hooks.onFold?.(fold, i, folds.length);
  }
  if (results.length === 0) throw new Error(reason === 'non-finite-loss' ? 'the loss became NaN in the first fold; lower the learning rate' : 'cross-validation was stopped before the first fold finished');
  const pooled = pooledReportWithExtras(task.kind, oof.collect(target.values), oofDummy.collect(target.values), target.labels ?? [], dummyNameFor(task.kind));
  return { cv: cvRunResult(cv, results, pooled), reason, labels: target.labels };
}
