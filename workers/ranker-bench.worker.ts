/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { adapterLabel, selectBackend } from '../src/ml/backends/tf-backend';
import { createBrowserWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-browser';
import { DEFAULT_RANKER, type RankerConfig } from '../src/ml/models/ranker/config';
import { fitNormalization, normalizeFeatures } from '../src/ml/models/ranker/items';
import { splitPairs, type LabeledPairs } from '../src/ml/models/ranker/pair-split';
import { buildScorer } from '../src/ml/models/ranker/scorer';
import { syntheticPairs, syntheticPool } from '../src/ml/models/ranker/synthetic';
import { trainRanker, type RankerPool } from '../src/ml/models/ranker/train-ranker';
import type { CpuTrainEngine } from '../src/ml/engine/train-engine';
import { interleavedReps } from './bench-reps';
import type { RankerBenchEvent, RankerBenchRequest } from './ranker-bench.protocol';
import { configureWorkerWasm } from './wasm-binaries';

declare const self: DedicatedWorkerGlobalScope;
configureWorkerWasm();

const post = (ev: RankerBenchEvent) => self.postMessage(ev);

/** A whole ranker run (normalize, split, fit, score the pool every epoch, report) on the given engine: training pairs/s. */
async function rankerRun(pool: RankerPool, pairs: LabeledPairs, cfg: RankerConfig, nTrain: number, engine: CpuTrainEngine): Promise<number> {
  const t0 = performance.now();
  const r = await trainRanker(pool, pairs, cfg, {}, engine);
  const dt = performance.now() - t0;
  r.model.dispose();
  return (nTrain * cfg.epochs * 1000) / dt;
}

/**
 * The same scorer through tf.LayersModel.fit: both items through the shared scorer, their scores
 * side by side, the margin-ranking + tie loss as a custom loss on the score difference, with the
 * held-out pairs as validation data.
 */
async function fitLoop(x: Float32Array, dim: number, pairs: LabeledPairs, rows: { train: Int32Array; validation: Int32Array }, cfg: RankerConfig): Promise<number> {
  const scorer = buildScorer({ inputDim: dim, featureNames: [], normalization: { mean: [], scale: [] }, config: cfg });
  const a = tf.input({ shape: [dim] });
  const b = tf.input({ shape: [dim] });
  const both = tf.layers.concatenate().apply([scorer.apply(a) as tf.SymbolicTensor, scorer.apply(b) as tf.SymbolicTensor]) as tf.SymbolicTensor;
  const model = tf.model({ inputs: [a, b], outputs: both });
  const m = cfg.margin;
  model.compile({
    optimizer: tf.train.adam(cfg.learningRate),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) =>
      tf.tidy(() => {
        const [sa, sb] = tf.split(yPred, 2, 1);
        // fit wants a target shaped like the output: the label sits in both columns
        const y = tf.split(yTrue, 2, 1)[0];
        const d = tf.sub(sa, sb);
        const decisive = tf.abs(y);
        return tf.mean(tf.add(tf.mul(decisive, tf.relu(tf.sub(m, tf.mul(y, d)))), tf.mul(tf.sub(1, decisive), tf.relu(tf.sub(tf.abs(d), m)))));
      }),
  });
  const gather = (idx: Int32Array) => {
    const xa = new Float32Array(idx.length * dim);
    const xb = new Float32Array(idx.length * dim);
    idx.forEach((r, i) => {
      xa.set(x.subarray(pairs.a[r] * dim, (pairs.a[r] + 1) * dim), i * dim);
      xb.set(x.subarray(pairs.b[r] * dim, (pairs.b[r] + 1) * dim), i * dim);
    });
    return { x: [tf.tensor2d(xa, [idx.length, dim]), tf.tensor2d(xb, [idx.length, dim])], y: tf.tensor2d(Float32Array.from({ length: 2 * idx.length }, (_, i) => pairs.y[idx[i >> 1]]), [idx.length, 2]) };
  };
  const tr = gather(rows.train);
  const va = gather(rows.validation);
  const t0 = performance.now();
  await model.fit(tr.x, tr.y, { epochs: cfg.epochs, batchSize: cfg.batchSize, shuffle: true, validationData: [va.x, va.y], verbose: 0 });
  const dt = performance.now() - t0;
  tf.dispose([...tr.x, tr.y, ...va.x, va.y]);
  model.dispose();
  return (rows.train.length * cfg.epochs * 1000) / dt;
}

async function run(req: RankerBenchRequest): Promise<void> {
  const choice = await selectBackend(req.backend);
  if (choice.backend !== req.backend) throw new Error(`${req.backend} unavailable: ${choice.skipped.map((s) => s.reason).join('; ')}`);
  const synthetic = syntheticPool(req.poolSize, 64, 8);
  const pool: RankerPool = { size: synthetic.size, dim: synthetic.dim, features: synthetic.features, featureNames: [], metricCount: 0, relevance: null };
  const pairs = syntheticPairs(synthetic, req.pairs, 0.1, 12);
  const cfg: RankerConfig = { ...DEFAULT_RANKER, epochs: req.epochs, earlyStopping: { ...DEFAULT_RANKER.earlyStopping, enabled: false } };
  const rows = splitPairs(pairs, pool.size, cfg.split, cfg.seed);
  const x = normalizeFeatures(pool.features, pool.dim, fitNormalization(pool));
  post({ status: 'init', id: req.id, backend: choice.backend, adapter: adapterLabel(choice.environment), nTrain: rows.train.length });
  const engine: CpuTrainEngine = { kind: 'kiln', kernels: createBrowserWasmKernels };
  // warm-up: kernels compile (and, on WebGPU, pipelines) for every path
  await rankerRun(pool, pairs, { ...cfg, epochs: 1 }, rows.train.length, engine);
  await fitLoop(x, pool.dim, pairs, rows, { ...cfg, epochs: 1 });
  const r = await interleavedReps(req.reps, () => rankerRun(pool, pairs, cfg, rows.train.length, engine), () => fitLoop(x, pool.dim, pairs, rows, cfg), (loop, rep, samplesPerSec) => post({ status: 'batch', id: req.id, loop, rep, samplesPerSec }));
  const tfjs: number[] = [];
  for (let i = 0; i < Math.min(2, req.reps); i++) tfjs.push(await rankerRun(pool, pairs, cfg, rows.train.length, { kind: 'tfjs' }));
  post({ status: 'done', id: req.id, backend: choice.backend, ...r, tfjsLoop: tfjs });
}

self.onmessage = (e: MessageEvent<RankerBenchRequest>) => {
  run(e.data).catch((err: unknown) => post({ status: 'error', id: e.data.id, backend: e.data.backend, message: err instanceof Error ? err.message : String(err) }));
};
