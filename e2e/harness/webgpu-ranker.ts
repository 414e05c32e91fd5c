/**
 * The WebGPU ranker fit's test page (e2e/webgpu-ranker.spec.ts): fitRankerGpu on the browser's
 * adapter (SwiftShader in the suite) against fitRankerOnEngine on the reference JS kernels in the
 * same page, from the same initial weights and pairs; plain numbers go back to the spec.
 */
import * as tf from '@tensorflow/tfjs';
import { DEFAULT_RANKER, type RankerConfig } from '../../src/ml/models/ranker/config';
import { pairMetrics } from '../../src/ml/models/ranker/pair-metrics';
import { syntheticPairs, syntheticPool } from '../../src/ml/models/ranker/synthetic';
import { trainRanker } from '../../src/ml/models/ranker/train-ranker';
import { fitRankerOnEngine } from '../../src/ml/engine/fit-ranker-engine';
import { jsKernels } from '../../src/ml/engine/js-kernels';
import { maxRelativeError, mixedPairs, randomArray } from '../../src/ml/engine/test-helpers';
import { scorerNetSpec } from '../../src/ml/models/ranker/train-ranker';
import { fitRankerGpu } from '../../src/ml/engine/webgpu/fit-ranker-gpu';
import { flat } from '../../src/ml/engine/engine-checkpoint';
import { GpuLoop } from '../../src/ml/engine/webgpu/gpu-loop';
import { countCalls } from './count-calls';
import { cpuForward, initialWeights } from './harness-data';

async function device(): Promise<GPUDevice> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  return adapter.requestDevice();
}


const DIM = 7;
const POOL = 60;
const BATCH = 8;
const STEPS = 20;
const VAL = 40;

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-6);

/**
 * 20 Adam steps (one epoch of batch 8, weight decay on) of both fits: every step's loss, the
 * kernels, the epoch's validation loss and pair accuracy; then the pool scored on the GPU in
 * chunks (GpuLoop.forwardChunks, as the fit scores it) against the CPU forward of the same weights.
 */
async function adamCase(hiddenLayers: 1 | 2, dropout: number) {
  const config: RankerConfig = { ...DEFAULT_RANKER, hiddenUnits: 16, hiddenLayers, dropout, weightDecay: 1e-3, learningRate: 0.01, batchSize: BATCH, epochs: 1, readsPerEpoch: STEPS, earlyStopping: { ...DEFAULT_RANKER.earlyStopping, enabled: false, restoreBestWeights: false } };
  const x = randomArray(POOL * DIM, 3);
  const p = mixedPairs(BATCH * STEPS + VAL, POOL, 5);
  const rows = { train: Int32Array.from({ length: BATCH * STEPS }, (_, i) => i), validation: Int32Array.from({ length: VAL }, (_, i) => BATCH * STEPS + i) };
  const spec = scorerNetSpec(DIM, config);
  const initial = initialWeights(spec, 9);
  const run = async (fit: (hooks: Parameters<typeof fitRankerGpu>[8]) => ReturnType<typeof fitRankerGpu>) => {
    const losses: number[] = [];
    let val = { loss: NaN, accuracy: NaN };
    const r = await fit({ onBatch: (b) => losses.push(b.loss), onEpoch: (e) => void (val = e.validation) });
    return { losses, val, r };
  };
  const cpu = await run((hooks) => fitRankerOnEngine(spec, initial, x, DIM, p, rows, config, () => jsKernels, hooks));
  const dev = await device();
  const gpu = await run((hooks) => fitRankerGpu(spec, initial, x, DIM, p, rows, config, dev, hooks));
  // the pool scored on the GPU in chunks of 25 (three chunks, the last partial) with the GPU's weights
  const gpuScores = new Float32Array(POOL);
  await GpuLoop.run(dev, spec, { batchRows: 2, evalRows: 25, slots: 1, lossEntries: 1, learningRate: 0.01, pairMargin: config.margin }, { restoreBest: false }, async (loop) => {
    loop.net.writeParams(flat(gpu.r.weights));
    await loop.forwardChunks(x, POOL, 25, 1, (out, s) => gpuScores.set(out, s));
  });
  dev.destroy();
  const cpuScoresOfGpuWeights = cpuForward(spec, gpu.r.weights, x, POOL);
  const cpuScores = cpuForward(spec, cpu.r.weights, x, POOL);
  const kernels = gpu.r.weights.map((w, i) => maxRelativeError(w, cpu.r.weights[i])).filter((_, i) => i % 2 === 0);
  return {
    steps: [cpu.losses.length, gpu.losses.length],
    kernels: gpu.r.kernels,
    reason: gpu.r.reason,
    lossErr: Math.max(...cpu.losses.map((l, i) => relErr(gpu.losses[i], l))),
    kernelErr: Math.max(...kernels),
    biasErr: Math.max(...gpu.r.weights.map((w, i) => maxRelativeError(w, cpu.r.weights[i])).filter((_, i) => i % 2 === 1)),
    valLossErr: relErr(gpu.val.loss, cpu.val.loss),
    valAcc: [cpu.val.accuracy, gpu.val.accuracy],
    gpuScoringErr: maxRelativeError(gpuScores, cpuScoresOfGpuWeights),
    poolScoresErr: maxRelativeError(cpuScoresOfGpuWeights, cpuScores),
    moved: maxRelativeError(gpu.r.weights[0], initial[0]),
  };
}

const fullConfig: RankerConfig = { ...DEFAULT_RANKER, hiddenUnits: 32, hiddenLayers: 1, dropout: 0.1, learningRate: 0.005, batchSize: 32, epochs: 40, readsPerEpoch: 2, earlyStopping: { enabled: true, patience: 5, restoreBestWeights: true, monitor: 'pairwise_accuracy' } };

/** A synthetic pool (synthetic.ts: a hidden linear utility, 10% flipped labels): a whole run on both engines, early stopping restoring the best epoch. */
function syntheticProblem() {
  const pool = syntheticPool(300, 8, 1);
  const p = syntheticPairs(pool, 1000, 0.1, 2);
  const nTrain = 800;
  const rows = { train: Int32Array.from({ length: nTrain }, (_, i) => i), validation: Int32Array.from({ length: 200 }, (_, i) => nTrain + i) };
  return { x: pool.features, dim: pool.dim, size: pool.size, p, rows, spec: scorerNetSpec(pool.dim, fullConfig), initial: initialWeights(scorerNetSpec(pool.dim, fullConfig), 4) };
}

async function fullRun() {
  const { x, dim, size, p, rows, spec, initial } = syntheticProblem();
  const accOf = (weights: Float32Array[]) => pairMetrics(cpuForward(spec, weights, x, size), p.a, p.b, p.y, rows.validation, fullConfig.margin).accuracy;
  const cpu = await fitRankerOnEngine(spec, initial, x, dim, p, rows, fullConfig, () => jsKernels);
  const dev = await device();
  const epochs: { epoch: number; acc: number }[] = [];
  const gpu = await fitRankerGpu(spec, initial, x, dim, p, rows, fullConfig, dev, { onEpoch: (e) => void epochs.push({ epoch: e.epoch, acc: e.validation.accuracy }) });
  dev.destroy();
  const gpuAcc = accOf(gpu.weights);
  return {
    cpu: { reason: cpu.reason, epochsRun: cpu.epochsRun, bestEpoch: cpu.bestEpoch, acc: accOf(cpu.weights) },
    gpu: { reason: gpu.reason, epochsRun: gpu.epochsRun, bestEpoch: gpu.bestEpoch, acc: gpuAcc, kernels: gpu.kernels },
    // the weights returned are the best epoch's: their accuracy is the one reported for it
    bestEpochAcc: epochs.find((e) => e.epoch === gpu.bestEpoch)?.acc ?? -1,
    epochsReported: epochs.length,
  };
}

/** Nothing made after the first step (one run of 1 epoch, one of 5), several steps per submission; and a stop between steps. */
async function memoryRun() {
  const { x, dim, p, rows, spec, initial } = syntheticProblem();
  const dev = await device();
  const counts = countCalls(dev);
  let atFirstStep: Record<string, number> | null = null;
  const config = (epochs: number): RankerConfig => ({ ...fullConfig, epochs, readsPerEpoch: 1, earlyStopping: { ...fullConfig.earlyStopping, enabled: false } });
  await fitRankerGpu(spec, initial, x, dim, p, rows, config(1), dev, { onBatch: () => void (atFirstStep ??= { ...counts }) });
  atFirstStep = null;
  const before = { ...counts };
  let submits = 0;
  const submit = dev.queue.submit.bind(dev.queue);
  dev.queue.submit = (buffers: Iterable<GPUCommandBuffer>) => {
    submits++;
    return submit(buffers);
  };
  // a long pacer interval: its pauses flush too, as often as the shared machine is slow
  const long = await fitRankerGpu(spec, initial, x, dim, p, rows, config(5), dev, { onBatch: () => void (atFirstStep ??= { ...counts }), pauseEveryMs: 600_000 });
  dev.queue.submit = submit;
  const after = { ...counts };
  let batches = 0;
  const stopped = await fitRankerGpu(spec, initial, x, dim, p, rows, { ...config(5), readsPerEpoch: 25 }, dev, { onBatch: () => void batches++, shouldStop: () => batches >= 30 });
  dev.destroy();
  return { epochsRun: long.epochsRun, steps: 5 * Math.ceil(rows.train.length / fullConfig.batchSize), submits, madeInLongRun: diff(after, before), madeAfterFirstStep: diff(after, atFirstStep ?? {}), stopped: { reason: stopped.reason, epochsRun: stopped.epochsRun, finite: stopped.weights.every((w) => w.every(Number.isFinite)) } };
}

/** fit-ranker-engine's NaN guard on both fits: an item turned NaN after epoch 2 stops the run in epoch 3 with finite weights. */
async function nanRun() {
  const { x, dim, p, rows, spec, initial } = syntheticProblem();
  const config: RankerConfig = { ...fullConfig, epochs: 6, dropout: 0, earlyStopping: { ...fullConfig.earlyStopping, enabled: false, restoreBestWeights: false } };
  const nanSpec = { ...spec, dropout: 0 };
  const poisoned = () => {
    // both loops read the pool each step: from epoch 3 on, one training item is NaN
    const xs = Float32Array.from(x);
    let epochs = 0;
    return { xs, onEpoch: () => void (++epochs === 2 && xs.fill(NaN, p.a[rows.train[0]] * dim, p.a[rows.train[0]] * dim + dim)) };
  };
  const c = poisoned();
  const cpu = await fitRankerOnEngine(nanSpec, initial, c.xs, dim, p, rows, config, () => jsKernels, { onEpoch: c.onEpoch });
  const g = poisoned();
  const dev = await device();
  const gpu = await fitRankerGpu(nanSpec, initial, g.xs, dim, p, rows, config, dev, { onEpoch: g.onEpoch });
  dev.destroy();
  return { reason: [cpu.reason, gpu.reason], epochsRun: [cpu.epochsRun, gpu.epochsRun], message: gpu.message ?? '', finite: gpu.weights.every((w) => w.every(Number.isFinite)) };
}

/** trainRanker (the worker's whole run) with engine kiln-webgpu against engine kiln on the JS kernels: the wiring. */
async function trainRankerRun() {
  await tf.setBackend('cpu');
  const s = syntheticPool(200, 6, 11);
  const pool = { size: s.size, dim: s.dim, features: s.features, featureNames: [], metricCount: 0, relevance: Float64Array.from(s.utility) };
  const pairs = syntheticPairs(s, 600, 0.1, 12);
  const config: RankerConfig = { ...fullConfig, hiddenUnits: 16, epochs: 4, earlyStopping: { ...fullConfig.earlyStopping, enabled: false } };
  const cpu = await trainRanker(pool, pairs, config, {}, { kind: 'kiln', kernels: () => jsKernels });
  const dev = await device();
  const gpu = await trainRanker(pool, pairs, config, {}, { kind: 'kiln-webgpu', device: dev });
  dev.destroy();
  const out = { scoresErr: maxRelativeError(gpu.scores, cpu.scores), acc: [cpu.report.validation.accuracy, gpu.report.validation.accuracy], epochsRun: [cpu.fit.epochsRun, gpu.fit.epochsRun] };
  cpu.model.dispose();
  gpu.model.dispose();
  return out;
}

const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - (b[k] ?? 0)]));

const harness = { adamCase, fullRun, memoryRun, nanRun, trainRankerRun };
export type GpuRankerHarness = typeof harness;
(window as unknown as { __gpuRankerHarness: GpuRankerHarness }).__gpuRankerHarness = harness;
document.body.dataset.ready = 'true';
