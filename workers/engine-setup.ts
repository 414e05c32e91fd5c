import type { BackendName, BackendPreference } from '../src/ml/backends/tf-backend';
import { calibrate, calibrationWeights, cpuDenseStepRate } from '../src/ml/engine/calibration';
import { denseLayout, type DenseNetSpec } from '../src/ml/engine/dense-net';
import { engineCandidates, threadPlan, type EngineReport, type EnginePreference } from '../src/ml/engine/engine-choice';
import { gpuDenseStepRate } from '../src/ml/engine/webgpu/step-rate';
import type { FitArrays } from '../src/ml/models/dense-fit';
import { kilnGpu } from './gpu-device';
import { detectEnvironment } from '../src/ml/backends/environment';
import type { KernelFactory } from '../src/ml/engine/fit-dense';
import { browserThreadedKernels, browserThreadPool } from '../src/ml/engine/threads/pool-browser';
import { createBrowserWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-browser';
import type { CpuTrainEngine, TrainEngine } from '../src/ml/engine/train-engine';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The WASM kernels a run gets here: split across a pool of helper workers when the page is
 * cross-origin isolated (threadPlan), else on this worker alone, with the reason either way. The
 * pool is started (or found started) before the run reports its engine, so the thread count the
 * run shows is the one it trains on; a pool that fails to start leaves the run on one thread.
 */
export async function wasmKernelsHere(): Promise<{ kernels: KernelFactory; threads: number; why: string }> {
  const plan = threadPlan(self);
  if (plan.threads > 1) {
    try {
      const pool = await browserThreadPool(plan.threads);
      return { kernels: browserThreadedKernels(pool), threads: pool.threads, why: plan.why };
    } catch (e) {
      return { kernels: createBrowserWasmKernels, threads: 1, why: `one thread: the helper workers did not start (${e instanceof Error ? e.message : String(e)})` };
    }
  }
  return { kernels: createBrowserWasmKernels, threads: 1, why: plan.why };
}

/** What a run tells engineSetup beyond the preferences. */
export interface EngineOptions {
  /** a single run's dense model, data and batch rows: auto measures the engines on it (absent: a search or CV, or a family without a GPU path) */
  dense?: { spec: DenseNetSpec; data: FitArrays; batchSize: number };
  /** the family's fit has a path on Kiln's WebGPU engine */
  gpuPath?: boolean;
  /** measure a software WebGPU adapter too (?calibrate=software-gpu) */
  measureSoftwareGpu?: boolean;
}

/** How long auto measures each engine: a few hundred ms for both, before a run of seconds to hours. */
const CPU_BUDGET = { ms: 150, maxSteps: 400 };
const GPU_SAMPLES = 4096;

/**
 * The engine a worker run trains on and what the run says about it: Kiln's engine on its WASM
 * SIMD kernels (threaded when it can) or on WebGPU, or TF.js on the backend in use (`inUse`);
 * `what` names the model for the reason. With several candidates (auto, a usable adapter, one
 * model) each is measured on the run's model and the fastest trains; the report keeps the rates.
 */
export async function engineSetup(preference: EnginePreference | undefined, requested: BackendPreference, inUse: BackendName, what: string): Promise<{ engine: CpuTrainEngine; report: EngineReport }>;
export async function engineSetup(preference: EnginePreference | undefined, requested: BackendPreference, inUse: BackendName, what: string, opts: EngineOptions): Promise<{ engine: TrainEngine; report: EngineReport }>;
export async function engineSetup(preference: EnginePreference | undefined, requested: BackendPreference, inUse: BackendName, what: string, opts: EngineOptions = {}): Promise<{ engine: TrainEngine; report: EngineReport }> {
  const pref = preference ?? 'auto';
  const gpuPath = opts.gpuPath === true;
  // the realm's probe (memoized; selectBackend ran it) says whether there is an adapter and what it is
  const env = await detectEnvironment();
  const { candidates, why } = engineCandidates(pref, requested, { gpuPath, webgpu: env.webgpu, webgpuSoftware: env.webgpuSoftware, measureSoftwareGpu: opts.measureSoftwareGpu, canCalibrate: opts.dense !== undefined });
  const gpu = candidates.includes('kiln-webgpu') ? await kilnGpu() : null;
  if (candidates[0] === 'tfjs') return { engine: { kind: 'tfjs' }, report: { engine: 'tfjs', runsOn: inUse, threads: 1, why } };
  // no device after all (none offered, or it failed to start): the CPU engine, and the run says so
  const base = candidates.includes('kiln-webgpu') && !gpu ? `${pref === 'auto' ? 'auto' : "Kiln's engine chosen in settings"}: Kiln's engine on the CPU (the WebGPU device could not be created)` : why;
  const cpuWhy = `${base}; Kiln's engine trains ${what}, TF.js (${inUse}) evaluates and saves the model`;
  if (candidates.length === 1 && candidates[0] === 'kiln-webgpu' && gpu) {
    return { engine: { kind: 'kiln-webgpu', device: gpu.device }, report: { engine: 'kiln', runsOn: 'webgpu', threads: 1, why: cpuWhy, adapter: gpu.adapter } };
  }
  const wasm = await wasmKernelsHere();
  const cpu = { engine: { kind: 'kiln', kernels: wasm.kernels } as const, report: { engine: 'kiln', runsOn: 'wasm-simd', threads: wasm.threads, why: `${cpuWhy}; ${wasm.why}` } as const };
  if (candidates.length === 1 || !gpu || !opts.dense) return cpu;
  const { spec, data, batchSize } = opts.dense;
  const measured = await calibrate([
    { runsOn: 'wasm-simd', threads: wasm.threads, rate: () => cpuDenseStepRate(spec, data, batchSize, wasm.kernels, CPU_BUDGET) },
    { runsOn: 'webgpu', threads: 1, adapter: gpu.adapter, rate: () => gpuRate(spec, data, batchSize, gpu.device) },
  ]);
  const picked = measured.entries[measured.pick];
  const rates = `measured ${measured.entries.map((e) => `${e.runsOn} ${e.samplesPerSec ? `${Math.round(e.samplesPerSec).toLocaleString('en-US')} samples/s` : `failed (${e.error})`}`).join(' vs ')}`;
  const calibration = { calibration: measured.entries, calibrationMs: measured.ms };
  if (picked.runsOn === 'webgpu') return { engine: { kind: 'kiln-webgpu', device: gpu.device }, report: { engine: 'kiln', runsOn: 'webgpu', threads: 1, why: `auto: the fastest here (${rates}); Kiln's engine trains ${what}, TF.js (${inUse}) evaluates and saves the model`, adapter: gpu.adapter, ...calibration } };
  return { engine: cpu.engine, report: { ...cpu.report, why: `auto: the fastest here (${rates}); Kiln's engine trains ${what}, TF.js (${inUse}) evaluates and saves the model; ${wasm.why}`, ...calibration } };
}

/**
 * The WebGPU engine's rate over one measurement of about 4,096 samples (4–32 steps): each
 * measurement sets the engine up (buffers, pipelines, shader compilation), so one is measured,
 * not a probe and then a sized run.
 */
async function gpuRate(spec: DenseNetSpec, data: FitArrays, batchSize: number, device: GPUDevice): Promise<number> {
  const rows = Math.max(1, Math.min(batchSize, data.nTrain));
  const steps = Math.max(4, Math.min(32, Math.round(GPU_SAMPLES / rows)));
  return gpuDenseStepRate(spec, layerWeights(spec, calibrationWeights(spec)), data, batchSize, device, steps);
}

/** A flat parameter buffer cut into TF.js's getWeights() arrays (kernel, bias per layer). */
function layerWeights(spec: DenseNetSpec, flat: Float32Array): Float32Array[] {
  return denseLayout(spec).layers.flatMap((L) => [flat.slice(L.kernel, L.kernel + L.inDim * L.outDim), flat.slice(L.bias, L.bias + L.outDim)]);
}
