/**
 * The WebGPU engine's test page (e2e/webgpu-engine.spec.ts): runs src/ml/engine/webgpu on the
 * browser's adapter (SwiftShader in the suite) and the CPU engine on its reference JS kernels in
 * the same page, and hands the spec plain numbers to assert on.
 */
import { mulberry32 } from '../../src/ml/data/rng';
import { defaultTabularConfig, outputWidth, type TabularConfig } from '../../src/ml/models/tabular/config';
import type { NetCheckpoint } from '../../src/ml/models/checkpoint';
import type { FitArrays } from '../../src/ml/models/tabular/train-loop';
import type { TaskKind } from '../../src/ml/task';
import type { DenseNetSpec } from '../../src/ml/engine/dense-net';
import { fitDense } from '../../src/ml/engine/fit-dense';
import { jsKernels } from '../../src/ml/engine/js-kernels';
import { pairMarginLossAndGrad, taskLoss } from '../../src/ml/engine/losses';
import { denseFixture, maxRelativeError, randomArray, randomTargets } from '../../src/ml/engine/test-helpers';
import { BiasCorrection, drawMasks, fitDenseGpu, GpuDenseNet, gpuDenseStepRate } from '../../src/ml/engine/webgpu';
import { checkedSetup } from '../../src/ml/engine/webgpu/gpu-resources';
import { accuracy, cpuForward, initialWeights, randomArrays, wineArrays } from './harness-data';
import { countCalls } from './count-calls';
import { gemmReference, gemmRunner, type GemmLayout } from './gemm-driver';
import { GEMM_WGSL, gemmGrid } from '../../src/ml/engine/webgpu/wgsl-gemm';

export interface ModelCase {
  kind: TaskKind;
  classes: number;
  hidden: number[];
  activation: TabularConfig['activation'] | 'linear';
  dropout: number;
  l2: number;
}

const specOf = (c: ModelCase, d: number): DenseNetSpec => ({ inputDim: d, hidden: c.hidden, activation: c.activation, outputDim: outputWidth(c.kind, c.classes), dropout: c.dropout, l2: c.l2, task: c.kind });

async function device(): Promise<GPUDevice> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  return adapter.requestDevice();
}

/** One step's gradient and loss, GPU against DenseNet.backward on the JS kernels, same masks. */
async function gradCase(c: ModelCase) {
  const d = 7;
  const rows = 37; // not a multiple of the GEMM's 32-row tile, so the edges are exercised
  const spec = specOf(c, d);
  const { net, params, grad } = denseFixture(spec, jsKernels, rows, 5);
  const x = randomArray(rows * d, 11);
  const t = randomTargets(c.kind, rows, spec.outputDim, 12);
  net.input.set(x);
  net.forward(params, rows, c.dropout > 0 ? mulberry32(99) : undefined);
  const targets = new Float32Array(t);
  const cpuLoss = net.backward(params, grad, targets, rows);

  const dev = await device();
  const gpu = new GpuDenseNet(dev, spec, { batchRows: rows, evalRows: rows, slots: 2, lossEntries: 1, learningRate: 0.01 });
  gpu.writeParams(params.slice());
  const masks = c.dropout > 0 ? spec.hidden.map((w) => new Float32Array(rows * w)) : [];
  if (masks.length) drawMasks(spec, rows, mulberry32(99), masks);
  const [c1, c2] = new BiasCorrection().next();
  gpu.queueStep(x, t, masks, rows, 0, c1, c2);
  const [g, loss] = await gpu.read([
    { src: gpu.b.grad, at: 0, floats: params.length },
    { src: gpu.b.losses, at: 0, floats: 1 },
  ]);
  gpu.destroy();
  dev.destroy();
  const masksEqual = masks.every((m, l) => m.every((v, i) => v === net.masks[l][i]));
  const dropped = masks.reduce((s, m) => s + m.filter((v) => v === 0).length, 0);
  return { gradErr: maxRelativeError(g, grad), lossErr: Math.abs(loss[0] - cpuLoss) / Math.abs(cpuLoss), masksEqual, dropped, gradNorm: Math.max(...Array.from(grad, Math.abs)) };
}

/** Stretch: the pair-margin loss kernel, one step against DenseNet.backwardWith(pairMarginLossAndGrad) over 2n rows. */
async function pairCase(activation: ModelCase['activation'], dropout: number) {
  const d = 7;
  const n = 23;
  const margin = 0.5;
  const spec: DenseNetSpec = { inputDim: d, hidden: [12, 6], activation, outputDim: 1, dropout, l2: 1e-3, task: 'regression' };
  const { net, params, grad } = denseFixture(spec, jsKernels, 2 * n, 8);
  const x = randomArray(2 * n * d, 31);
  const labelRng = mulberry32(32);
  // decisive pairs of either order and weight, and ties
  const y = Float32Array.from({ length: n }, () => [-1, -0.5, 0, 0.5, 1][Math.floor(labelRng() * 5)]);
  net.input.set(x);
  net.forward(params, 2 * n, dropout > 0 ? mulberry32(5) : undefined);
  const cpuLoss = net.backwardWith(params, grad, 2 * n, (z, dz) => pairMarginLossAndGrad(z, y, n, margin, dz));

  const dev = await device();
  const gpu = new GpuDenseNet(dev, spec, { batchRows: 2 * n, evalRows: 1, slots: 1, lossEntries: 1, learningRate: 0.01, pairMargin: margin });
  gpu.writeParams(params.slice());
  const masks = dropout > 0 ? spec.hidden.map((w) => new Float32Array(2 * n * w)) : [];
  if (masks.length) drawMasks(spec, 2 * n, mulberry32(5), masks);
  const targets = new Float32Array(2 * n);
  targets.set(y);
  const [c1, c2] = new BiasCorrection().next();
  gpu.queueStep(x, targets, masks, 2 * n, 0, c1, c2);
  const [g, loss] = await gpu.read([
    { src: gpu.b.grad, at: 0, floats: params.length },
    { src: gpu.b.losses, at: 0, floats: 1 },
  ]);
  gpu.destroy();
  dev.destroy();
  return { gradErr: maxRelativeError(g, grad), lossErr: Math.abs(loss[0] - cpuLoss) / Math.abs(cpuLoss), ties: y.filter((v) => v === 0).length };
}

const STEPS = 20;
const BATCH = 8;

/** 20 Adam steps of fitDenseGpu against fitDense on the JS kernels: every step's loss and the final weights. */
async function adamCase(c: ModelCase) {
  const d = 9;
  const data = randomArrays(c.kind, c.classes, d, BATCH * STEPS, 30, 17);
  const config: TabularConfig = { ...defaultTabularConfig(), hiddenUnits: c.hidden, dropout: c.dropout, l2: c.l2, learningRate: 0.01, batchSize: BATCH, epochs: 1, readsPerEpoch: STEPS, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
  const spec = specOf(c, d);
  const initial = initialWeights(spec, 3);
  const cpuLosses: number[] = [];
  const gpuLosses: number[] = [];
  const cpu = await fitDense(spec, initial, c.kind, data, config, () => jsKernels, { onBatch: (b) => cpuLosses.push(b.loss) });
  const dev = await device();
  const gpu = await fitDenseGpu(spec, initial, c.kind, data, config, dev, { onBatch: (b) => gpuLosses.push(b.loss) });
  dev.destroy();
  const lossErrs = cpuLosses.map((l, i) => Math.abs(gpuLosses[i] - l) / Math.abs(l));
  return { steps: [cpuLosses.length, gpuLosses.length], lossErr: Math.max(...lossErrs), weightErr: Math.max(...gpu.weights.map((w, i) => maxRelativeError(w, cpu.weights[i]))), weightErrs: gpu.weights.map((w, i) => maxRelativeError(w, cpu.weights[i])), biasValues: gpu.weights.filter((_, i) => i % 2 === 1).map((w) => Math.max(...Array.from(w, Math.abs))), moved: maxRelativeError(gpu.weights[0], initial[0]), valLossErr: Math.abs(gpu.bestValLoss - cpu.bestValLoss) / cpu.bestValLoss, kernels: gpu.kernels };
}

/** Validation logits of weights on the CPU reference. */
const logitsOf = (spec: DenseNetSpec, weights: Float32Array[], data: FitArrays) => cpuForward(spec, weights, data.xVal, data.nVal);

/** A whole run on wine, both engines, early stopping restoring the best epoch. */
async function wineRun() {
  const data = await wineArrays();
  const config: TabularConfig = { ...defaultTabularConfig(), hiddenUnits: [16], activation: 'relu', dropout: 0.1, l2: 1e-4, learningRate: 0.01, batchSize: 16, epochs: 300, readsPerEpoch: 2, earlyStopping: { enabled: true, patience: 6, restoreBestWeights: true } };
  const spec: DenseNetSpec = { inputDim: data.inputDim, hidden: [16], activation: 'relu', outputDim: 3, dropout: 0.1, l2: 1e-4, task: 'multiclass' };
  const initial = initialWeights(spec, 21);
  const cpu = await fitDense(spec, initial, 'multiclass', data, config, () => jsKernels);
  const dev = await device();
  const epochs: { epoch: number; valLoss: number; acc: number }[] = [];
  const gpu = await fitDenseGpu(spec, initial, 'multiclass', data, config, dev, { onEpoch: (e) => void epochs.push({ epoch: e.epoch, valLoss: e.valLoss, acc: accuracy(e.valLogits, data.valLabels, 3) }) });
  dev.destroy();
  const gpuLogits = logitsOf(spec, gpu.weights, data);
  const best = epochs.find((e) => e.epoch === gpu.bestEpoch);
  return {
    cpu: { reason: cpu.reason, epochsRun: cpu.epochsRun, bestEpoch: cpu.bestEpoch, acc: accuracy(logitsOf(spec, cpu.weights, data), data.valLabels, 3) },
    gpu: { reason: gpu.reason, epochsRun: gpu.epochsRun, bestEpoch: gpu.bestEpoch, bestValLoss: gpu.bestValLoss, acc: accuracy(gpuLogits, data.valLabels, 3) },
    // the returned weights are the best epoch's: their validation loss is the best one recorded
    restoredValLoss: taskLoss('multiclass', gpuLogits, data.yVal, data.nVal, 3),
    bestEpochAcc: best?.acc ?? -1,
    epochsReported: epochs.length,
  };
}

const resumeSpec: DenseNetSpec = { inputDim: 6, hidden: [12, 8], activation: 'relu', outputDim: 1, dropout: 0.2, l2: 1e-3, task: 'binary' };
const resumeConfig: TabularConfig = { ...defaultTabularConfig(), hiddenUnits: [12, 8], dropout: 0.2, batchSize: 16, epochs: 8, checkpointEvery: 3, earlyStopping: { enabled: true, patience: 50, restoreBestWeights: true } };

/** fit-dense.test.ts's resume test on the GPU: stopped at the epoch-3 checkpoint and resumed, bit for bit. */
async function resumeRun() {
  const data = randomArrays('binary', 2, 6, 200, 50, 1);
  const initial = initialWeights(resumeSpec, 10);
  const dev = await device();
  const whole = await fitDenseGpu(resumeSpec, initial, 'binary', data, resumeConfig, dev);
  let cp: NetCheckpoint | null = null;
  const first = await fitDenseGpu(resumeSpec, initial, 'binary', data, resumeConfig, dev, {
    onCheckpoint: (c) => {
      if (c.epoch === 3) cp = c;
    },
    shouldStop: () => cp !== null,
  });
  const resumed = await fitDenseGpu(resumeSpec, initial, 'binary', data, resumeConfig, dev, {}, cp!);
  dev.destroy();
  const sameBits = resumed.weights.every((w, i) => w.every((v, j) => Object.is(v, whole.weights[i][j])));
  const checkpoint = cp as NetCheckpoint | null;
  return { firstReason: first.reason, checkpointEpoch: checkpoint?.epoch ?? -1, hasDropoutState: checkpoint?.dropoutRngState !== undefined, epochsRun: [whole.epochsRun, resumed.epochsRun], bestEpoch: [whole.bestEpoch, resumed.bestEpoch], bestValLoss: [whole.bestValLoss, resumed.bestValLoss], sameBits, maxDiff: Math.max(...resumed.weights.map((w, i) => maxRelativeError(w, whole.weights[i]))) };
}

/** Nothing made after the first step; the same GPU memory for 1 and 6 epochs; the step rate. */
async function memoryRun() {
  const data = randomArrays('binary', 2, 6, 200, 50, 1);
  const initial = initialWeights(resumeSpec, 10);
  const dev = await device();
  const counts = countCalls(dev);
  let atFirstStep: Record<string, number> | null = null;
  const run = (epochs: number) => fitDenseGpu(resumeSpec, initial, 'binary', data, { ...resumeConfig, epochs, readsPerEpoch: 1 }, dev, { onBatch: () => void (atFirstStep ??= { ...counts }) });
  const short = await run(1);
  atFirstStep = null;
  const before = { ...counts };
  // submissions of the long run: K steps share a command buffer, so far fewer than its steps
  let submits = 0;
  const submit = dev.queue.submit.bind(dev.queue);
  dev.queue.submit = (buffers: Iterable<GPUCommandBuffer>) => {
    submits++;
    return submit(buffers);
  };
  const long = await run(6);
  dev.queue.submit = submit;
  const afterLong = { ...counts };
  const t0 = performance.now();
  const rate = await gpuDenseStepRate(resumeSpec, initial, data, 16, dev, 20);
  const rateMs = performance.now() - t0;
  dev.destroy();
  return { submits, steps: 6 * Math.ceil(data.nTrain / resumeConfig.batchSize), memory: [short.memoryBytes, long.memoryBytes], madeInLongRun: diff(afterLong, before), madeAfterFirstStep: diff(afterLong, atFirstStep ?? {}), epochsRun: long.epochsRun, rate, rateMs };
}

/** The GEMM alone on odd shapes (tile edges in m, n and k) in each layout, against a float64 product: the worst |error| / max |C|. */
async function gemmCase(m: number, n: number, k: number, layout: GemmLayout) {
  const dev = await device();
  const a = randomArray(m * k, 41);
  const b = randomArray(k * n, 42);
  const gemm = gemmRunner(dev, { code: GEMM_WGSL, grid: gemmGrid })(m, n, k, layout, a, b);
  gemm.run(1);
  const c = await gemm.read();
  gemm.destroy();
  dev.destroy();
  const want = gemmReference(m, n, k, layout, a, b);
  const scale = Math.max(...Array.from(want, Math.abs));
  return { err: Math.max(...Array.from(want, (w, i) => Math.abs(c[i] - w))) / scale };
}

/** fit-dense.test.ts's NaN guard on both engines: a NaN row from epoch 3 stops the run with epoch 2's weights. */
async function nanRun() {
  const data = randomArrays('binary', 2, 6, 200, 50, 1);
  const spec = { ...resumeSpec, dropout: 0 };
  const config: TabularConfig = { ...resumeConfig, dropout: 0, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
  const initial = initialWeights(spec, 10);
  const poisoned = () => {
    // epochs 1–2 train on finite rows; from epoch 3 one row is NaN (the loops read a fresh view each step)
    const x = Float32Array.from(data.xTrain);
    let epochs = 0;
    return { data: { ...data, xTrain: x }, onEpoch: () => void (++epochs === 2 && (x[7] = NaN)) };
  };
  const c = poisoned();
  const cpu = await fitDense(spec, initial, 'binary', c.data, config, () => jsKernels, { onEpoch: c.onEpoch });
  const g = poisoned();
  const dev = await device();
  const gpu = await fitDenseGpu(spec, initial, 'binary', g.data, config, dev, { onEpoch: g.onEpoch });
  dev.destroy();
  return { reason: [cpu.reason, gpu.reason], epochsRun: [cpu.epochsRun, gpu.epochsRun], message: gpu.message ?? '', finite: gpu.weights.every((w) => w.every(Number.isFinite)), weightErr: Math.max(...gpu.weights.map((w, i) => maxRelativeError(w, cpu.weights[i]))) };
}

/** A setup the device refuses (a batch buffer past maxBufferSize) throws, instead of training on garbage. */
async function refusedSetup() {
  const dev = await device();
  const spec: DenseNetSpec = { inputDim: 64, hidden: [8], activation: 'relu', outputDim: 1, dropout: 0, l2: 0, task: 'binary' };
  const rows = Math.ceil(dev.limits.maxBufferSize / (64 * 4)) + 1;
  let message = '';
  try {
    await checkedSetup(dev, () => new GpuDenseNet(dev, spec, { batchRows: rows, evalRows: 1, slots: 1, lossEntries: 1, learningRate: 0.01 }), (n) => n.destroy());
  } catch (e) {
    message = String(e);
  }
  // the device still works after it
  const data = randomArrays('binary', 2, 64, 32, 8, 1);
  const after = await fitDenseGpu(spec, initialWeights(spec, 1), 'binary', data, { ...defaultTabularConfig(), epochs: 1 }, dev);
  dev.destroy();
  return { message, after: after.reason };
}

const diff = (a: Record<string, number>, b: Record<string, number>) => Object.fromEntries(Object.keys(a).map((k) => [k, a[k] - (b[k] ?? 0)]));

const harness = { gemmCase, pairCase, gradCase, adamCase, wineRun, resumeRun, memoryRun, nanRun, refusedSetup };
export type GpuHarness = typeof harness;
(window as unknown as { __gpuHarness: GpuHarness }).__gpuHarness = harness;
document.body.dataset.ready = 'true';
