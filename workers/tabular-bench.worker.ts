/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { adapterLabel, selectBackend } from '../src/ml/backends/tf-backend';
import { configureWorkerWasm } from './wasm-binaries';
import { parseFile } from '../src/ml/data/parse-file';
import { DEFAULT_PREPROCESS } from '../src/ml/data/preprocess';
import { buildTabularModel, tabularSpec } from '../src/ml/models/tabular/build-model';
import { defaultTabularConfig, type TabularConfig } from '../src/ml/models/tabular/config';
import { prepareTabular, type PreparedTabular } from '../src/ml/models/tabular/prepare';
import { taskLoss } from '../src/ml/models/tabular/losses';
import { fitDense, type KernelFactory } from '../src/ml/engine/fit-dense';
import type { DenseNetSpec } from '../src/ml/engine/dense-net';
import { createBrowserWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-browser';
import { wasmKernelsHere } from './engine-setup';
import { kilnGpu } from './gpu-device';
import { fitDenseGpu } from '../src/ml/engine/webgpu/fit-dense-gpu';
import { denseSpecOf } from '../src/ml/models/tabular/train-tabular';
import type { BenchEvent, BenchRequest } from './bench.protocol';
import { interleavedReps } from './bench-reps';

declare const self: DedicatedWorkerGlobalScope;
configureWorkerWasm();

const post = (ev: BenchEvent) => self.postMessage(ev);


/** samples/s of one of Kiln's engines training the workload's model from the TF.js model's initial weights, per-epoch validation included. */
async function engineLoop(p: PreparedTabular, cfg: TabularConfig, fit: (spec: DenseNetSpec, initial: Float32Array[]) => Promise<unknown>): Promise<number> {
  const spec = tabularSpec(p.arrays.inputDim, p.task.kind, p.classes, cfg);
  const model = buildTabularModel(spec);
  const initial = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  const t0 = performance.now();
  await fit(denseSpecOf(spec, cfg), initial);
  const dt = performance.now() - t0;
  return (p.arrays.nTrain * cfg.epochs * 1000) / dt;
}

/** Kiln's CPU engine: WASM SIMD kernels on one thread, or `kernels`' threads. */
const kilnLoop = (p: PreparedTabular, cfg: TabularConfig, kernels: KernelFactory = createBrowserWasmKernels) => engineLoop(p, cfg, (spec, initial) => fitDense(spec, initial, p.task.kind, p.arrays, cfg, kernels));

/** Kiln's WebGPU engine. */
const kilnGpuLoop = (p: PreparedTabular, cfg: TabularConfig, device: GPUDevice) => engineLoop(p, cfg, (spec, initial) => fitDenseGpu(spec, initial, p.task.kind, p.arrays, cfg, device));

/** The same model, data, batch size, optimizer and per-epoch validation, through Keras-style fit. */
async function fitLoop(p: PreparedTabular, cfg: TabularConfig): Promise<number> {
  const model = buildTabularModel(tabularSpec(p.arrays.inputDim, p.task.kind, p.classes, cfg));
  model.compile({ optimizer: tf.train.adam(cfg.learningRate), loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => taskLoss(p.task.kind, yPred as tf.Tensor2D, yTrue as tf.Tensor2D) });
  const a = p.arrays;
  const x = tf.tensor2d(a.xTrain, [a.nTrain, a.inputDim]);
  const y = tf.tensor2d(a.yTrain, [a.nTrain, a.targetWidth]);
  const xv = tf.tensor2d(a.xVal, [a.nVal, a.inputDim]);
  const yv = tf.tensor2d(a.yVal, [a.nVal, a.targetWidth]);
  const t0 = performance.now();
  await model.fit(x, y, { epochs: cfg.epochs, batchSize: cfg.batchSize, shuffle: true, validationData: [xv, yv], verbose: 0 });
  const dt = performance.now() - t0;
  tf.dispose([x, y, xv, yv]);
  model.dispose();
  return (a.nTrain * cfg.epochs * 1000) / dt;
}

async function run(req: BenchRequest): Promise<void> {
  const choice = await selectBackend(req.backend);
  if (choice.backend !== req.backend) throw new Error(`${req.backend} unavailable: ${choice.skipped.map((s) => s.reason).join('; ')}`);
  const bytes = await (await fetch(req.csvUrl)).arrayBuffer();
  const frame = await parseFile(req.csvUrl.split('/').pop()!, bytes);
  const features = frame.columns.map((c) => c.name).filter((n) => n !== req.target);
  const p = prepareTabular(frame, { target: req.target, kind: req.kind, features }, { strategy: 'stratified', seed: 1, validationFraction: 0.2, testFraction: 0 }, DEFAULT_PREPROCESS);
  post({ status: 'init', id: req.id, backend: choice.backend, adapter: adapterLabel(choice.environment), nTrain: p.arrays.nTrain });
  // no early stopping and no L2 term, so both loops do the same arithmetic per step
  const cfg: TabularConfig = { ...defaultTabularConfig(), hiddenUnits: req.hiddenUnits, batchSize: req.batchSize, epochs: req.epochs, l2: 0, dropout: 0, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
  // the studio's choice of threads on this page (all cores up to MAX_THREADS when isolated), as a run gets it
  const threaded = await wasmKernelsHere();
  const threadsLoop = threaded.threads > 1 ? () => kilnLoop(p, cfg, threaded.kernels) : undefined;
  // Kiln's WebGPU engine is timed in the webgpu backend's worker, on the adapter that backend uses
  const gpu = req.backend === 'webgpu' ? await kilnGpu() : null;
  const gpuLoop = gpu ? () => kilnGpuLoop(p, cfg, gpu.device) : undefined;
  // warm-up: compiles shaders / kernels for every path (and binds the helpers once) before anything is timed
  await kilnLoop(p, { ...cfg, epochs: 1 });
  if (threaded.threads > 1) await kilnLoop(p, { ...cfg, epochs: 1 }, threaded.kernels);
  if (gpu) await kilnGpuLoop(p, { ...cfg, epochs: 1 }, gpu.device);
  await fitLoop(p, { ...cfg, epochs: 1 });
  const { threaded: kilnThreads, gpu: kilnGpuRuns, ...r } = await interleavedReps(req.reps, () => kilnLoop(p, cfg), () => fitLoop(p, cfg), (loop, rep, samplesPerSec) => post({ status: 'batch', id: req.id, loop, rep, samplesPerSec }), threadsLoop, gpuLoop);
  post({
    status: 'done',
    id: req.id,
    backend: choice.backend,
    ...r,
    ...(kilnThreads ? { kilnThreads: { ...kilnThreads, threads: threaded.threads, why: threaded.why } } : { oneThreadWhy: threaded.why }),
    ...(kilnGpuRuns && gpu ? { kilnWebgpu: { ...kilnGpuRuns, adapter: gpu.adapter, software: gpu.software !== undefined } } : {}),
  });
}

self.onmessage = (e: MessageEvent<BenchRequest>) => {
  run(e.data).catch((err: unknown) => post({ status: 'error', id: e.data.id, backend: e.data.backend, message: err instanceof Error ? err.message : String(err) }));
};
