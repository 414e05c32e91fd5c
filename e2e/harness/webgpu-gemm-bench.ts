/**
 * The WebGPU GEMM micro-bench (bench/webgpu-gemm-bench.mjs): on the browser's adapter, (a) the
 * engine's training step rate (gpuDenseStepRate) for two MLPs and (b) GFLOP/s of each GEMM of
 * those steps (forward NN, dW = Xᵀ·dZ TN, dX = dZ·Wᵀ NT) for the engine's kernel, the pre-blocking
 * 16×16 kernel (gemm-baseline-wgsl.ts) and TF.js webgpu's tf.matMul, interleaved rep by rep so a
 * busy machine slows all three alike. Medians of `reps`; each timing is ≥ ~40 ms of dispatches.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { randomArray } from '../../src/ml/engine/test-helpers';
import type { DenseNetSpec } from '../../src/ml/engine/dense-net';
import { gpuDenseStepRate } from '../../src/ml/engine/webgpu';
import { GEMM_WGSL, gemmGrid, gemmWgsl } from '../../src/ml/engine/webgpu/wgsl-gemm';
import { BASELINE_GEMM_WGSL, BASELINE_TILE } from './gemm-baseline-wgsl';
import { gemmRunner, type GemmLayout } from './gemm-driver';
import { initialWeights, randomArrays } from './harness-data';

const params = new URLSearchParams(location.search);
const REPS = Number(params.get('reps') ?? 5);
const MIN_MS = 40;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const MLPS = [
  { name: '64→256→256→10 @256', dims: [64, 256, 256, 10], batch: 256 },
  { name: '30→64→32→1 @32', dims: [30, 64, 32, 1], batch: 32 },
];

/** The GEMMs of one training step of an MLP: m, n, k and layout, as dispatches.ts launches them. */
function stepGemms(dims: number[], rows: number) {
  const out: { what: string; m: number; n: number; k: number; layout: GemmLayout }[] = [];
  for (let l = 0; l + 1 < dims.length; l++) {
    const [i, o] = [dims[l], dims[l + 1]];
    out.push({ what: `fwd L${l}`, m: rows, n: o, k: i, layout: 'NN' });
    out.push({ what: `dW L${l}`, m: i, n: o, k: rows, layout: 'TN' });
    if (l > 0) out.push({ what: `dX L${l}`, m: rows, n: i, k: o, layout: 'NT' });
  }
  return out;
}

async function device(): Promise<GPUDevice> {
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) throw new Error('no WebGPU adapter');
  return adapter.requestDevice();
}

/** ms per call of `go(reps)` (which must finish its work), with reps grown until a timing is ≥ MIN_MS. */
async function timer(go: (reps: number) => Promise<void>) {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    await go(reps);
    const ms = performance.now() - t0;
    if (ms >= MIN_MS || reps >= 4096) return { reps, once: async () => ((await timed(go, reps)) / reps) };
    reps = Math.min(4096, Math.ceil((reps * MIN_MS * 1.5) / Math.max(ms, 0.05)));
  }
}
async function timed(go: (reps: number) => Promise<void>, reps: number) {
  const t0 = performance.now();
  await go(reps);
  return performance.now() - t0;
}

async function gemms(dev: GPUDevice) {
  const kiln = gemmRunner(dev, { code: GEMM_WGSL, grid: gemmGrid });
  const base = gemmRunner(dev, { code: BASELINE_GEMM_WGSL, grid: (m, n) => [Math.ceil(n / BASELINE_TILE), Math.ceil(m / BASELINE_TILE)] });
  // a candidate tile measured beside the engine's: 16×16 threads × 4×4 = 64×64, K slices of 16
  const wide = gemmRunner(dev, { code: gemmWgsl(16, 16), grid: (m, n) => [Math.ceil(n / 64), Math.ceil(m / 64)] });
  const rows = [];
  for (const mlp of MLPS) {
    for (const s of stepGemms(mlp.dims, mlp.batch)) {
      const a = randomArray(s.m * s.k, 1);
      const b = randomArray(s.k * s.n, 2);
      const runners = [kiln, base, wide].map((r) => r(s.m, s.n, s.k, s.layout, a, b));
      const gpuGo = (p: (typeof runners)[number]) => async (reps: number) => {
        p.run(reps);
        await dev.queue.onSubmittedWorkDone();
      };
      const ta = s.layout === 'TN' ? tf.tensor2d(a, [s.k, s.m]) : tf.tensor2d(a, [s.m, s.k]);
      const tb = s.layout === 'NT' ? tf.tensor2d(b, [s.n, s.k]) : tf.tensor2d(b, [s.k, s.n]);
      const tfGo = async (reps: number) => {
        let c: tf.Tensor | null = null;
        for (let r = 0; r < reps; r++) {
          c?.dispose();
          c = tf.matMul(ta, tb, s.layout === 'TN', s.layout === 'NT');
        }
        await c!.data();
        c!.dispose();
      };
      const timers = [await timer(gpuGo(runners[0])), await timer(gpuGo(runners[1])), await timer(tfGo), await timer(gpuGo(runners[2]))];
      const ms: number[][] = [[], [], [], []];
      for (let r = 0; r < REPS; r++) for (let t = 0; t < 4; t++) ms[t].push(await timers[t].once());
      runners.forEach((p) => p.destroy());
      ta.dispose();
      tb.dispose();
      const gflops = (x: number) => +((2 * s.m * s.n * s.k) / (x * 1e6)).toFixed(3);
      const [kMs, bMs, tMs, wMs] = ms.map(median);
      rows.push({ mlp: mlp.name, ...s, kilnMs: +kMs.toFixed(4), baselineMs: +bMs.toFixed(4), tfjsMs: +tMs.toFixed(4), kilnGflops: gflops(kMs), baselineGflops: gflops(bMs), tfjsGflops: gflops(tMs), tile64Ms: +wMs.toFixed(4), tile64Gflops: gflops(wMs), spreadKiln: +((Math.max(...ms[0]) - Math.min(...ms[0])) / kMs).toFixed(2) });
    }
  }
  return rows;
}

async function stepRates(dev: GPUDevice) {
  const out = [];
  for (const mlp of MLPS) {
    const [d, ...rest] = mlp.dims;
    const spec: DenseNetSpec = { inputDim: d, hidden: rest.slice(0, -1), activation: 'relu', outputDim: rest[rest.length - 1], dropout: 0.1, l2: 1e-4, task: rest[rest.length - 1] === 1 ? 'binary' : 'multiclass' };
    const data = randomArrays(spec.task, spec.outputDim, d, mlp.batch * 8, 16, 3);
    const initial = initialWeights(spec, 4);
    const steps = mlp.batch >= 256 ? 20 : 100;
    await gpuDenseStepRate(spec, initial, data, mlp.batch, dev, 4);
    const rates: number[] = [];
    for (let r = 0; r < REPS; r++) rates.push(await gpuDenseStepRate(spec, initial, data, mlp.batch, dev, steps));
    out.push({ mlp: mlp.name, samplesPerSec: Math.round(median(rates)), stepsPerSec: +(median(rates) / mlp.batch).toFixed(1), runs: rates.map(Math.round) });
  }
  return out;
}

const state: { done: boolean; error?: string; result?: unknown } = { done: false };
(window as unknown as { __gemmBench: typeof state }).__gemmBench = state;
(async () => {
  await tf.setBackend('webgpu');
  await tf.ready();
  const dev = await device();
  const info = (dev as GPUDevice & { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const steps = await stepRates(dev);
  const gemm = await gemms(dev);
  state.result = { adapter: info ? `${info.vendor} ${info.architecture} ${info.description}`.trim() : 'unknown', reps: REPS, steps, gemm };
  dev.destroy();
})()
  .catch((e) => (state.error = String(e)))
  .finally(() => (state.done = true));
