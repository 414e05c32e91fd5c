/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { careerPaths } from '../proxy/src/demo/careers';
import { adapterLabel, selectBackend } from '../src/ml/backends/tf-backend';
import { configureWorkerWasm } from './wasm-binaries';
import { buildSequenceModel, type SequenceModelSpec } from '../src/ml/models/sequence/build-model';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceModelConfig } from '../src/ml/models/sequence/config';
import { headLossesOf } from '../src/ml/models/sequence/evaluate';
import { fitSequence } from '../src/ml/models/sequence/fit-sequence';
import { fitSequenceOnEngine } from '../src/ml/engine/fit-sequence-engine';
import { createBrowserWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-browser';
import { historyFrame } from '../src/ml/models/sequence/test-data';
import { prepareSequence, type PreparedSequence } from '../src/ml/models/sequence/train-sequence';
import { softmaxRows } from '../src/ml/calibration/softmax';
import { interleavedReps } from './bench-reps';
import type { SequenceBenchEvent, SequenceBenchRequest } from './sequence-bench.protocol';

declare const self: DedicatedWorkerGlobalScope;
configureWorkerWasm();

const post = (ev: SequenceBenchEvent) => self.postMessage(ev);

function specOf(p: PreparedSequence, cfg: SequenceModelConfig): SequenceModelSpec {
  return { vocabSize: p.dataset.vocab.tokens.length, config: cfg, tenureMean: p.dataset.tenure.mean, tenureStd: p.dataset.tenure.std };
}

/** Kiln's engine as a run uses it (the default): bucketed batches, the WASM SIMD kernels, validation on the engine each epoch. */
async function engineLoop(p: PreparedSequence, cfg: SequenceModelConfig): Promise<number> {
  const spec = specOf(p, cfg);
  const model = buildSequenceModel(spec);
  const initial = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  const ex = p.dataset.examples;
  const net = { vocabSize: spec.vocabSize, embeddingDim: cfg.embeddingDim, hiddenUnits: cfg.hiddenUnits, layers: cfg.layers, bidirectional: cfg.bidirectional, dropout: cfg.dropout };
  const t0 = performance.now();
  await fitSequenceOnEngine(net, initial, ex, p.rows.train, spec, cfg, createBrowserWasmKernels, {
    validate: async (_e, predict) => {
      const o = await predict(p.rows.validation);
      return headLossesOf(ex, o, softmaxRows(o.logits, spec.vocabSize), cfg.lossWeights, spec.tenureStd).total;
    },
  });
  return (p.rows.train.length * cfg.epochs * 1000) / (performance.now() - t0);
}

/** Kiln's TF.js loop (the engine's reference): bucketed batches, device-side loss sums, host-side validation each epoch. */
async function tfjsLoop(p: PreparedSequence, cfg: SequenceModelConfig): Promise<number> {
  const spec = specOf(p, cfg);
  const model = buildSequenceModel(spec);
  const ex = p.dataset.examples;
  const t0 = performance.now();
  await fitSequence(model, ex, p.rows.train, spec, cfg, {
    validate: async (_e, predict) => {
      const o = await predict(p.rows.validation);
      return headLossesOf(ex, o, softmaxRows(o.logits, spec.vocabSize), cfg.lossWeights, spec.tenureStd).total;
    },
  });
  const dt = performance.now() - t0;
  model.dispose();
  return (p.rows.train.length * cfg.epochs * 1000) / dt;
}

function padded(p: PreparedSequence, rows: Int32Array, spec: SequenceModelSpec) {
  const ex = p.dataset.examples;
  const n = rows.length;
  const ids = new Int32Array(n * ex.maxLen);
  const tenure = new Float32Array(n);
  const hire = new Float32Array(n);
  rows.forEach((r, i) => {
    ids.set(ex.ids.subarray(r * ex.maxLen, (r + 1) * ex.maxLen), i * ex.maxLen);
    const m = ex.tenureMonths[r];
    tenure[i] = Number.isNaN(m) ? 0 : (m - spec.tenureMean) / spec.tenureStd;
    hire[i] = ex.hire[r];
  });
  return {
    x: tf.tensor2d(ids, [n, ex.maxLen], 'int32'),
    y: [tf.oneHot(tf.tensor1d(Array.from(rows, (r) => ex.nextTitle[r]), 'int32'), spec.vocabSize).toFloat(), tf.tensor2d(tenure, [n, 1]), tf.tensor2d(hire, [n, 1])],
  };
}

/**
 * The same model, optimizer, batch size, loss weights and per-epoch validation through
 * tf.LayersModel.fit. fit has no per-row masks for a loss, so censored tenures train towards 0
 * here (the arithmetic per step is the same); it pads every batch to the longest prefix.
 */
async function fitLoop(p: PreparedSequence, cfg: SequenceModelConfig): Promise<number> {
  const spec = specOf(p, cfg);
  const model = buildSequenceModel(spec);
  model.compile({
    optimizer: tf.train.adam(cfg.learningRate),
    // TF.js's compile has no lossWeights: the weights go into the head losses themselves
    loss: [
      (t: tf.Tensor, y: tf.Tensor) => tf.losses.softmaxCrossEntropy(t, y),
      (t: tf.Tensor, y: tf.Tensor) => tf.mul(tf.losses.meanSquaredError(t, y), cfg.lossWeights.tenure),
      (t: tf.Tensor, y: tf.Tensor) => tf.mul(tf.losses.sigmoidCrossEntropy(t, y), cfg.lossWeights.hire),
    ],
  });
  const train = padded(p, p.rows.train, spec);
  const val = padded(p, p.rows.validation, spec);
  const t0 = performance.now();
  await model.fit(train.x, train.y, { epochs: cfg.epochs, batchSize: cfg.batchSize, shuffle: true, validationData: [val.x, val.y], verbose: 0 });
  const dt = performance.now() - t0;
  tf.dispose([train.x, ...train.y, val.x, ...val.y]);
  model.dispose();
  return (p.rows.train.length * cfg.epochs * 1000) / dt;
}

async function run(req: SequenceBenchRequest): Promise<void> {
  const choice = await selectBackend(req.backend);
  if (choice.backend !== req.backend) throw new Error(`${req.backend} unavailable: ${choice.skipped.map((s) => s.reason).join('; ')}`);
  const p = prepareSequence(historyFrame(careerPaths(req.candidates)), defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), 'candidates');
  const lens = Array.from(p.rows.train, (r) => p.dataset.examples.lengths[r]);
  post({ status: 'init', id: req.id, backend: choice.backend, adapter: adapterLabel(choice.environment), nTrain: p.rows.train.length, meanLength: lens.reduce((a, b) => a + b, 0) / lens.length, maxLength: p.dataset.examples.maxLen });
  const cfg: SequenceModelConfig = { ...DEFAULT_SEQUENCE_MODEL, hiddenUnits: req.hiddenUnits, batchSize: req.batchSize, epochs: req.epochs, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
  // warm-up compiles kernels (and, on WebGPU, a pipeline per batch shape) for both paths
  await engineLoop(p, { ...cfg, epochs: 1 });
  await tfjsLoop(p, { ...cfg, epochs: 1 });
  await fitLoop(p, { ...cfg, epochs: 1 });
  const r = await interleavedReps(req.reps, () => engineLoop(p, cfg), () => fitLoop(p, cfg), (loop, rep, samplesPerSec) => post({ status: 'batch', id: req.id, loop, rep, samplesPerSec }));
  // Kiln's TF.js loop, for the record (what the engine replaced); fewer reps, it is the slowest
  const tfjs: number[] = [];
  for (let i = 0; i < Math.min(2, req.reps); i++) tfjs.push(await tfjsLoop(p, cfg));
  post({ status: 'done', id: req.id, backend: choice.backend, ...r, tfjsLoop: tfjs });
}

self.onmessage = (e: MessageEvent<SequenceBenchRequest>) => {
  run(e.data).catch((err: unknown) => post({ status: 'error', id: e.data.id, backend: e.data.backend, message: err instanceof Error ? err.message : String(err) }));
};
