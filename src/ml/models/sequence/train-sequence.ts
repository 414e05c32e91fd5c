import { engineStartWeights, putEngineWeights, type StageHook } from '../loop-utils';
import * as tf from '@tensorflow/tfjs';
import { fitSequenceOnEngine } from '../../engine/fit-sequence-engine';
import type { CpuTrainEngine } from '../../engine/train-engine';
import type { KernelFactory } from '../../engine/fit-dense';
import { fitCalibrator, applyCalibrator, type CalibratorJson } from '../../calibration/calibrator';
import { ece, reliabilityBins, topLabel, type ReliabilityBin } from '../../calibration/reliability';
import type { Frame } from '../../data/frame';
import type { MetricMap } from '../../metrics/evaluate';
import type { NetCheckpoint } from '../checkpoint';
import { baselineTop1 } from './baseline';
import { buildSequenceModel, type SequenceModelSpec } from './build-model';
import { checkSequenceModelConfig, type SequenceDataConfig, type SequenceModelConfig } from './config';
import { buildExamples, splitRows, type SequenceDataset } from './examples';
import { sequenceMetrics, type HeadLosses, type SequenceMetrics } from './evaluate';
import { fitSequence, type SequenceBatchReport, type SequenceFitHooks, type SequenceFitResult } from './fit-sequence';
import { buildHistories } from './histories';
import { predictSequences, type SequenceOutputs } from './predict';

export interface SequenceEpochSummary {
  epoch: number;
  train: HeadLosses;
  val: HeadLosses;
  /** flat figures for the run's metric series (top1, top5, tenure_mae, hire_auc, top1_ece) */
  valMetrics: MetricMap;
  reliability: ReliabilityBin[];
  changerSameRate: number;
  numTensors: number;
  elapsedMs: number;
  samplesPerSec: number;
  isBest: boolean;
}

/** What a finished run keeps besides its weights: enough to redraw every chart and table. */
export interface SequenceReport {
  validation: SequenceMetrics;
  test: SequenceMetrics;
  baseline: { validation: ReturnType<typeof baselineTop1>; test: ReturnType<typeof baselineTop1> };
  /** isotonic calibration of the top-1 confidence, fitted on validation, measured on test */
  calibration: { calibrator: CalibratorJson; testEceBefore: number; testEceAfter: number; reliabilityBefore: ReliabilityBin[]; reliabilityAfter: ReliabilityBin[] } | null;
}

export interface PreparedSequence {
  dataset: SequenceDataset;
  rows: { train: Int32Array; validation: Int32Array; test: Int32Array };
  skippedRoles: number;
  problems: string[];
  entities: number;
}

export function prepareSequence(frame: Frame, data: SequenceDataConfig, sourceName = 'dataset'): PreparedSequence {
  const built = buildHistories(frame, data.source, data.abbreviations, sourceName);
  const dataset = buildExamples(built.entities, data);
  const ex = dataset.examples;
  const rows = { train: splitRows(ex, 'train'), validation: splitRows(ex, 'validation'), test: splitRows(ex, 'test') };
  if (!rows.validation.length) throw new Error('no validation examples: move the validation cut earlier, or lower the minimum prefix length');
  return { dataset, rows, skippedRoles: built.skippedRoles, problems: built.problems, entities: built.entities.length };
}

export function flatMetrics(m: SequenceMetrics, prefix = ''): MetricMap {
  return {
    [`${prefix}top1`]: m.top1,
    [`${prefix}top5`]: m.top5,
    [`${prefix}tenure_mae`]: m.tenureMae,
    [`${prefix}hire_auc`]: m.hireAuc,
    [`${prefix}top1_ece`]: m.top1Ece,
    [`${prefix}changer_top1`]: m.changers.top1,
    [`${prefix}changer_same_rate`]: m.changers.samePredictionRate,
  };
}

function calibrateTop1(val: { m: SequenceMetrics; probs: Float64Array; o: SequenceOutputs }, test: { probs: Float64Array; o: SequenceOutputs }, ex: SequenceDataset['examples'], labels: string[]): SequenceReport['calibration'] {
  const k = val.o.vocabSize;
  const yOf = (o: SequenceOutputs) => Array.from(o.rows, (r) => ex.nextTitle[r]);
  const v = topLabel(yOf(val.o), val.probs, k);
  const t = topLabel(yOf(test.o), test.probs, k);
  if (v.correct.length < 10 || t.correct.length === 0 || v.correct.every((c) => c === v.correct[0])) return null;
  const calibrator = fitCalibrator('isotonic', { y: v.correct, scores: v.confidence }, { rows: v.correct.length, split: 'validation', created_at: new Date().toISOString(), positives: v.correct.reduce((a, b) => a + b, 0), classes: labels, source: 'top-1 confidence of next_title' });
  const after = applyCalibrator(calibrator, t.confidence);
  return {
    calibrator,
    testEceBefore: ece(t.correct, t.confidence, 15),
    testEceAfter: ece(t.correct, after, 15),
    reliabilityBefore: reliabilityBins(t.correct, t.confidence, 10),
    reliabilityAfter: reliabilityBins(t.correct, after, 10),
  };
}

export interface TrainedSequence {
  model: tf.LayersModel;
  spec: SequenceModelSpec;
  fit: SequenceFitResult;
  report: SequenceReport;
  outputs: { validation: SequenceOutputs; test: SequenceOutputs };
}

/** Kiln's engine from the TF.js model's initial weights; the trained weights go back into the model, which evaluation, saving and export read. */
async function fitOnEngine(model: tf.LayersModel, spec: SequenceModelSpec, p: PreparedSequence, config: SequenceModelConfig, hooks: SequenceFitHooks, kernels: KernelFactory, resume?: NetCheckpoint): Promise<SequenceFitResult> {
  const initial = await engineStartWeights(model);
  const c = spec.config;
  const net = { vocabSize: spec.vocabSize, embeddingDim: c.embeddingDim, hiddenUnits: c.hiddenUnits, layers: c.layers, bidirectional: c.bidirectional, dropout: c.dropout };
  const r = await fitSequenceOnEngine(net, initial, p.dataset.examples, p.rows.train, spec, config, kernels, hooks, resume);
  putEngineWeights(model, r.weights);
  const { weights: _w, kernels: k, memoryBytes, ...fit } = r;
  return { ...fit, engine: { kernels: k, memoryBytes } };
}

/** Builds, fits and evaluates the sequence model; a `resume` checkpoint continues an earlier fit after its epoch, on the engine it was taken on. */
export async function trainSequence(
  p: PreparedSequence,
  config: SequenceModelConfig,
  hooks: { onBatch?: (b: SequenceBatchReport) => void; onEpoch?: (e: SequenceEpochSummary) => void | Promise<void>; shouldStop?: () => boolean; onStage?: StageHook; onCheckpoint?: SequenceFitHooks['onCheckpoint'] } = {},
  engine: CpuTrainEngine = { kind: 'tfjs' },
  resume?: NetCheckpoint,
): Promise<TrainedSequence> {
  checkSequenceModelConfig(config);
  const ex = p.dataset.examples;
  const { mean, std } = p.dataset.tenure;
  const spec: SequenceModelSpec = { vocabSize: p.dataset.vocab.tokens.length, config, tenureMean: mean, tenureStd: std };
  const model = buildSequenceModel(spec);
  type Scored = { o: SequenceOutputs; m: ReturnType<typeof sequenceMetrics> };
  let lastVal: Scored | null = null;
  // the best and the latest epoch's validation outputs: the model keeps one of them, and a stop
  // then needs no second pass over the validation rows before the run is saved
  const scored = new Map<number, Scored>();
  let bestEpoch = 0;
  const fitHooks: SequenceFitHooks = {
    onBatch: hooks.onBatch,
    shouldStop: hooks.shouldStop,
    onStage: hooks.onStage,
    onCheckpoint: hooks.onCheckpoint,
    validate: async (_epoch, predict) => {
      const o = await predict(p.rows.validation);
      lastVal = { o, m: sequenceMetrics(ex, o, config.lossWeights, std) };
      return lastVal.m.losses.total;
    },
    onEpoch: (e) => {
      for (const k of scored.keys()) if (k !== bestEpoch) scored.delete(k);
      scored.set(e.epoch, lastVal!);
      if (e.isBest) {
        scored.delete(bestEpoch);
        bestEpoch = e.epoch;
      }
      const v = lastVal!.m;
      return hooks.onEpoch?.({
        epoch: e.epoch,
        train: e.train,
        val: v.losses,
        valMetrics: flatMetrics(v),
        reliability: v.reliability,
        changerSameRate: v.changers.samePredictionRate,
        numTensors: e.numTensors,
        elapsedMs: e.elapsedMs,
        samplesPerSec: e.samplesPerSec,
        isBest: e.isBest,
      });
    },
  };
  let fit: SequenceFitResult;
  try {
    fit = engine.kind === 'kiln' ? await fitOnEngine(model, spec, p, config, fitHooks, engine.kernels, resume) : await fitSequence(model, ex, p.rows.train, spec, config, fitHooks, resume);
  } catch (e) {
    // a refused checkpoint (or any other throw) must not leave the fresh model's variables behind
    model.dispose();
    throw e;
  }
  const kept = fit.keptEpoch === null ? undefined : scored.get(fit.keptEpoch);
  hooks.onStage?.('evaluate', kept ? `on ${p.rows.test.length.toLocaleString('en-US')} test examples` : `on ${(p.rows.validation.length + p.rows.test.length).toLocaleString('en-US')} validation and test examples`);
  const vo = kept?.o ?? (await predictSequences(model, ex, p.rows.validation, spec.vocabSize, mean, std));
  const to = await predictSequences(model, ex, p.rows.test, spec.vocabSize, mean, std);
  const vm = kept?.m ?? sequenceMetrics(ex, vo, config.lossWeights, std);
  const tm = sequenceMetrics(ex, to, config.lossWeights, std);
  const strip = ({ reliability: _r, probs: _p, ...m }: typeof vm): SequenceMetrics => m;
  const report: SequenceReport = {
    validation: strip(vm),
    test: strip(tm),
    baseline: { validation: baselineTop1(ex, p.rows.validation), test: baselineTop1(ex, p.rows.test) },
    calibration: calibrateTop1({ m: vm, probs: vm.probs, o: vo }, { probs: tm.probs, o: to }, ex, p.dataset.vocab.tokens),
  };
  return { model, spec, fit, report, outputs: { validation: vo, test: to } };
}
