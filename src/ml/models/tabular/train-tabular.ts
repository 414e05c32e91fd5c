import { engineStartWeights, putEngineWeights } from '../loop-utils';
import * as tf from '@tensorflow/tfjs';
import { evaluateTask, type MetricMap } from '../../metrics/evaluate';
import { buildTabularModel, tabularSpec, type TabularModelSpec } from './build-model';
import type { TabularConfig } from './config';
import { logitsToScores } from './losses';
import { reliabilityBins } from '../../calibration/reliability';
import { reliabilityInputs } from '../../evaluation/held-out';
import type { PreparedTabular } from './prepare';
import { fitTabular, predictLogits, type EpochReport, type FitHooks, type FitResult } from './train-loop';
import type { NetCheckpoint } from '../checkpoint';
import { fitDense } from '../../engine/fit-dense';
import { ACTIVATIONS, type ActivationName } from '../../engine/kernels';
import type { DenseNetSpec } from '../../engine/dense-net';
import { fitDenseGpu } from '../../engine/webgpu/fit-dense-gpu';

import type { TrainEngine } from '../../engine/train-engine';
export type { CpuTrainEngine, TrainEngine } from '../../engine/train-engine';

export type { EpochSummary, HeldOutPredictions } from '../../evaluation/held-out-predictions';
import type { EpochSummary, HeldOutPredictions } from '../../evaluation/held-out-predictions';

export interface TrainedTabular {
  model: tf.Sequential;
  spec: TabularModelSpec;
  fit: FitResult;
  /** validation metrics of the weights kept (best epoch when restore-best is on) */
  finalMetrics: MetricMap;
  predictions: HeldOutPredictions;
}

async function logitsOf(model: tf.LayersModel, x: Float32Array, n: number, d: number): Promise<Float32Array> {
  if (n === 0) return new Float32Array(0);
  const xt = tf.tensor2d(x, [n, d]);
  const out = predictLogits(model, xt);
  const data = (await out.data()) as Float32Array;
  xt.dispose();
  out.dispose();
  return data;
}

/** The engine's description of a tabular model: the TF.js model's layers as one DenseNet. */
export function denseSpecOf(spec: TabularModelSpec, config: TabularConfig): DenseNetSpec {
  const activation = config.activation as ActivationName;
  if (!ACTIVATIONS.includes(activation)) throw new Error(`Kiln's engine has no activation "${config.activation}"`);
  const hidden = config.architecture === 'mlp' ? config.hiddenUnits : [];
  return { inputDim: spec.inputDim, hidden, activation, outputDim: spec.outputDim, dropout: hidden.length ? config.dropout : 0, l2: config.l2, task: spec.task };
}

/** Kiln's engine (CPU or WebGPU) from the TF.js model's initial weights; the trained weights go back into the model, which every later step (evaluation, saving, export) reads. */
async function fitOnEngine(model: tf.Sequential, spec: TabularModelSpec, prepared: PreparedTabular, config: TabularConfig, hooks: FitHooks, engine: Exclude<TrainEngine, { kind: 'tfjs' }>, resume?: NetCheckpoint): Promise<FitResult> {
  const initial = await engineStartWeights(model);
  const dense = denseSpecOf(spec, config);
  const r =
    engine.kind === 'kiln'
      ? await fitDense(dense, initial, spec.task, prepared.arrays, config, engine.kernels, hooks, resume)
      : await fitDenseGpu(dense, initial, spec.task, prepared.arrays, config, engine.device, hooks, resume);
  putEngineWeights(model, r.weights);
  const { weights: _w, kernels: k, memoryBytes, ...fit } = r;
  return { ...fit, engine: { kernels: k, memoryBytes } };
}

export function valMetricsFromLogits(p: PreparedTabular, logits: Float32Array): MetricMap {
  return evaluateTask(p.task.kind, p.yValRaw, logitsToScores(p.task.kind, logits, p.classes, p.yMean, p.yStd), p.classes);
}

/** Builds, fits and evaluates a tabular model on prepared data; progress goes through hooks. A `resume` checkpoint continues an earlier fit after its epoch. */
export async function trainTabular(
  prepared: PreparedTabular,
  config: TabularConfig,
  hooks: Omit<FitHooks, 'onEpoch'> & { onEpoch?: (e: EpochSummary) => void | Promise<void> } = {},
  resume?: NetCheckpoint,
  engine: TrainEngine = { kind: 'tfjs' },
): Promise<TrainedTabular> {
  const spec = tabularSpec(prepared.arrays.inputDim, prepared.task.kind, prepared.classes, config);
  const model = buildTabularModel(spec);
  const fitHooks: FitHooks = {
    ...hooks,
    onEpoch: (e: EpochReport) => {
      const { valLogits, ...rest } = e;
      const scores = logitsToScores(prepared.task.kind, valLogits, prepared.classes, prepared.yMean, prepared.yStd);
      const rel = reliabilityInputs(prepared.task.kind, prepared.yValRaw, scores, prepared.classes);
      return hooks.onEpoch?.({
        ...rest,
        valMetrics: evaluateTask(prepared.task.kind, prepared.yValRaw, scores, prepared.classes),
        ...(rel ? { reliability: reliabilityBins(rel.outcome, rel.prob, 10) } : {}),
      });
    },
  };
  const fitting = engine.kind !== 'tfjs' ? fitOnEngine(model, spec, prepared, config, fitHooks, engine, resume) : fitTabular(model, prepared.task.kind, prepared.arrays, config, fitHooks, resume);
  // a refused checkpoint (or any other throw) must not leave the fresh model's variables behind
  const fit = await fitting.catch((e: unknown) => {
    model.dispose();
    throw e;
  });
  const a = prepared.arrays;
  hooks.onStage?.('evaluate', `on ${(a.nVal + prepared.yTestRaw.length).toLocaleString('en-US')} validation and test rows`);
  const predictions = await tabularHeldOut(model, spec.outputDim, prepared);
  return { model, spec, fit, finalMetrics: valMetricsFromLogits(prepared, predictions.validation.logits), predictions };
}

/** The validation and test rows' logits of a trained network, as a run stores them (what a calibrator is fitted on). */
export async function tabularHeldOut(model: tf.LayersModel, outputDim: number, prepared: PreparedTabular): Promise<HeldOutPredictions> {
  const a = prepared.arrays;
  const logits = await logitsOf(model, a.xVal, a.nVal, a.inputDim);
  const testLogits = await logitsOf(model, prepared.xTest, prepared.yTestRaw.length, a.inputDim);
  return {
    kind: prepared.task.kind,
    classes: prepared.classes,
    labels: prepared.labels,
    validation: { rows: prepared.split.validation, y: prepared.yValRaw, logits },
    test: { rows: prepared.split.test, y: prepared.yTestRaw, logits: testLogits },
    width: outputDim,
    yMean: prepared.yMean,
    yStd: prepared.yStd,
    dummy: prepared.dummy,
  };
}
