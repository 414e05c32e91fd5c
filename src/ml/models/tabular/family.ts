import * as tf from '@tensorflow/tfjs';
import type { Frame } from '../../data/frame';
import { rawFeeds } from '../../onnx/raw-feeds';
import { rawInputs } from '../../onnx/preprocess-graph';
import { tabularToOnnx } from '../../onnx/tabular-onnx';
import type { ModelFamily, Outputs } from '../family';
import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../checkpoint';
import { validateTabularConfig } from './config';
import { defaultSetup, type Setup } from './defaults';
import type { TabularModelSpec } from './build-model';
import { logitsToScores } from './losses';
import { prepareTabular, type PreparedTabular } from './prepare';
import { loadTabularModel, saveTabularModel, type SavedTabularModel } from './saved-model';
import { predictLogits } from './train-loop';
import { trainTabular, valMetricsFromLogits } from './train-tabular';
import { tabularSearch } from './search';
import { oneTable, requireColumns } from '../../recipe/table-inputs';
import { tabularHeldOut } from './train-tabular';

export interface TabularInput {
  frame: Frame;
  /** the dataset's name, for messages that point at a row */
  source: string;
}

export interface TabularPrepared {
  frame: Frame;
  data: PreparedTabular;
}

export interface TabularModel {
  net: tf.Sequential;
  spec: TabularModelSpec;
}

async function validationLogits(m: TabularModel, p: PreparedTabular): Promise<Float32Array> {
  const a = p.arrays;
  if (a.nVal === 0) return new Float32Array(0);
  const x = tf.tensor2d(a.xVal, [a.nVal, a.inputDim]);
  const out = predictLogits(m.net, x);
  const logits = Float32Array.from((await out.data()) as Float32Array);
  tf.dispose([x, out]);
  return logits;
}

/** The graph's outputs from the network's logits: `prediction` in target units, or `probabilities` (binary as [1 − p, p]). */
function graphOutputs(p: PreparedTabular, logits: Float32Array): Outputs {
  const scores = logitsToScores(p.task.kind, logits, p.classes, p.yMean, p.yStd);
  if (p.task.kind === 'regression') return { prediction: Float32Array.from(scores) };
  if (p.task.kind === 'binary') return { probabilities: Float32Array.from({ length: 2 * scores.length }, (_, i) => (i % 2 ? scores[i >> 1] : 1 - scores[i >> 1])) };
  return { probabilities: Float32Array.from(scores) };
}

/** One row → one target: logistic/linear models, MLPs and the ordinal head, on Kiln's engine or TF.js. */
export const tabularFamily: ModelFamily<TabularInput, Setup, TabularPrepared, TabularModel, SavedTabularModel, NetCheckpoint> = {
  id: 'tabular',
  title: 'Tabular model',
  detail: 'one row → one target',
  unit: 'epoch',
  fits: (data) => (data.columns.length >= 2 ? { ok: true } : { ok: false, reason: 'needs a target column and at least one feature column' }),
  defaults: (data) => defaultSetup(data.columns),
  validate: (c) => validateTabularConfig(c.model),
  prepare: (input, c) => ({ frame: input.frame, data: prepareTabular(input.frame, c.task, c.split, c.preprocess) }),
  async fit(p, c, hooks, options = {}) {
    const trained = await trainTabular(
      p.data,
      c.model,
      {
        onStage: hooks.onStage,
        onBatch: hooks.onBatch,
        shouldStop: hooks.shouldStop,
        onCheckpoint: hooks.onCheckpoint,
        onEpoch: (e) => hooks.onEpoch?.({ epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, metrics: e.valMetrics, isBest: e.isBest, elapsedMs: e.elapsedMs }),
      },
      options.resume,
      options.engine,
    );
    const { reason, epochsRun, bestEpoch, message } = trained.fit;
    return { model: { net: trained.model, spec: trained.spec }, reason, epochsRun, bestEpoch, message };
  },
  predict: async (m, p) => graphOutputs(p.data, await validationLogits(m, p.data)),
  evaluate: async (m, p) => valMetricsFromLogits(p.data, await validationLogits(m, p.data)),
  save: (m) => saveTabularModel(m.net, m.spec),
  load: (saved) => ({ net: loadTabularModel(saved), spec: saved.spec }),
  dispose: (m) => m.net.dispose(),
  async toOnnx(m, p, meta) {
    const d = p.data;
    const model = await saveTabularModel(m.net, m.spec);
    return { model: tabularToOnnx({ model, preprocess: d.preprocess, labels: d.labels, classes: d.classes, yMean: d.yMean, yStd: d.yStd, ...meta }), files: {} };
  },
  onnxFeeds(_m, p) {
    const rows = p.data.split.validation;
    const { numeric, categorical } = rawFeeds(p.frame, p.data.preprocess, rows);
    const names = rawInputs(p.data.preprocess);
    const [nNum, nCat] = [names.numeric.length, names.categorical.length];
    return {
      ...(nNum ? { numeric: { type: 'float32' as const, data: numeric, dims: [rows.length, nNum] } } : {}),
      ...(nCat ? { categorical: { type: 'string' as const, data: categorical, dims: [rows.length, nCat] } } : {}),
    };
  },
  engines: { supported: true, webgpu: true },
  calibration: { supported: true, heldOut: (m, p) => tabularHeldOut(m.net, m.spec.outputDim, p.data) },
  studyOf: {
    base: (c) => c.model,
    input: (i, c) => ({ frame: i.frame, task: c.task, split: c.split, preprocess: c.preprocess }),
    join: (c, base) => ({ ...c, model: base as Setup['model'] }),
  },
  tables: {
    ...oneTable<TabularInput>((t) => ({ frame: t.frame, source: t.name }), 'the table with the target and feature columns'),
    input(tables, config) {
      const c = config as Setup;
      requireColumns(tables.data, [c.task.target], 'config.task.target');
      requireColumns(tables.data, c.task.features, 'config.task.features');
      return { frame: tables.data.frame, source: tables.data.name };
    },
  },
  search: tabularSearch,
  checkpoints: { supported: true, epochOf: (cp) => cp.epoch, bytes: checkpointBytes, transferables: checkpointTransferables },
  cv: { supported: true, schemes: ['kfold', 'stratified', 'group'] },
  modelArtifacts: ['tabular-model', 'preprocess', 'predictions'],
  report: [
    { id: 'curves', title: 'Training curves' },
    { id: 'metrics', title: 'Validation metrics' },
    { id: 'evaluation', title: 'Evaluation, calibration and threshold' },
  ],
};
