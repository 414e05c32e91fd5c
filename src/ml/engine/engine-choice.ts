import type { BackendPreference } from '../backends/tf-backend';
import { softwareWebGpuReason } from '../backends/software-gpu';

/** Which engine trains: Kiln's own, TF.js's ops, or auto. */
export type EnginePreference = 'auto' | 'kiln' | 'tfjs';
export const ENGINE_PREFERENCES: readonly EnginePreference[] = ['auto', 'kiln', 'tfjs'];

export function isEnginePreference(s: string | null | undefined): s is EnginePreference {
  return !!s && (ENGINE_PREFERENCES as readonly string[]).includes(s);
}

/** One engine auto measured on the run's own model before training (calibration.ts). */
export interface CalibrationEntry {
  /** 'wasm-simd' (Kiln's CPU engine) or 'webgpu' (Kiln's WebGPU engine) */
  runsOn: string;
  threads: number;
  /** training samples/s over a few steps of the run's model; null when the engine failed */
  samplesPerSec: number | null;
  /** why the engine could not be measured */
  error?: string;
  /** the adapter, for the WebGPU engine ("(software)" when it is one) */
  adapter?: string;
}

/** What trained a run, as the run records and shows it. */
export interface EngineReport {
  engine: 'kiln' | 'tfjs';
  /** Kiln's kernels ('wasm-simd', 'js', 'webgpu'), or the TF.js backend */
  runsOn: string;
  threads: number;
  /** why this engine, in words */
  why: string;
  /** auto's measurement of each candidate engine on this run's model, in the order measured (absent when there was one candidate) */
  calibration?: CalibrationEntry[];
  /** how long the calibration took, ms */
  calibrationMs?: number;
  /** the WebGPU adapter Kiln's WebGPU engine trained on */
  adapter?: string;
}

/** Where a run can train: Kiln's engine on the CPU (WASM SIMD) or on WebGPU, or TF.js on its backend. */
export type EngineTarget = 'kiln-cpu' | 'kiln-webgpu' | 'tfjs';

/** What the choice knows about this browser's WebGPU and the family being trained. */
export interface EngineContext {
  /** the family has a Kiln WebGPU path (the dense nets) */
  gpuPath: boolean;
  /** a WebGPU adapter exists */
  webgpu: boolean;
  /** the adapter is a software renderer ('SwiftShader', …; see backends/software-gpu.ts) */
  webgpuSoftware?: string;
  /** measure a software adapter too instead of passing it over (?calibrate=software-gpu: tests and diagnosis) */
  measureSoftwareGpu?: boolean;
  /** auto may measure the candidates on the run's model (a single run; a search or CV trains many models) */
  canCalibrate: boolean;
}

/**
 * The engines a run may train on, in the order auto measures them, and why. One candidate: it
 * trains there. Several (auto, a usable WebGPU adapter, one model): the run measures each on its
 * own model (calibration.ts) and trains on the fastest. A software adapter (SwiftShader,
 * llvmpipe…) runs shaders on the CPU, 10–30× slower than the WASM engine, so auto passes it over
 * and says so; a TF.js GPU backend chosen by name keeps meaning "train on that GPU": Kiln's WebGPU
 * engine where the family has one, else TF.js there.
 */
export function engineCandidates(engine: EnginePreference, backend: BackendPreference, ctx: EngineContext): { candidates: EngineTarget[]; why: string } {
  if (engine === 'tfjs') return { candidates: ['tfjs'], why: 'chosen in settings' };
  const chosen = engine === 'kiln' ? 'Kiln\'s engine chosen in settings' : 'auto';
  if (backend === 'webgpu') {
    if (ctx.gpuPath) return { candidates: ['kiln-webgpu'], why: `${chosen}; the webgpu backend was chosen: Kiln's WebGPU engine` };
    if (engine === 'auto') return { candidates: ['tfjs'], why: "auto: the webgpu backend was chosen on purpose, and Kiln's engine has no WebGPU path for this model (its GPU path covers dense networks)" };
    return { candidates: ['kiln-cpu'], why: `${chosen}; Kiln's engine has no WebGPU path for this model, so it trains on the CPU` };
  }
  if (backend === 'webgl') {
    if (engine === 'auto') return { candidates: ['tfjs'], why: "auto: the webgl backend was chosen on purpose, and Kiln's engine has no WebGL path" };
    return { candidates: ['kiln-cpu'], why: `${chosen}; Kiln's engine has no WebGL path, so it trains on the CPU` };
  }
  if (backend !== 'auto' || engine === 'kiln') return { candidates: ['kiln-cpu'], why: engine === 'kiln' ? chosen : `auto: Kiln's engine on the CPU (the ${backend} backend was chosen)` };
  if (!ctx.gpuPath) return { candidates: ['kiln-cpu'], why: "auto: Kiln's engine on the CPU (its WebGPU path covers dense networks)" };
  if (!ctx.webgpu) return { candidates: ['kiln-cpu'], why: "auto: Kiln's engine on the CPU (no WebGPU adapter)" };
  if (ctx.webgpuSoftware && !ctx.measureSoftwareGpu) return { candidates: ['kiln-cpu'], why: `auto: Kiln's engine on the CPU; WebGPU passed over: ${softwareWebGpuReason(ctx.webgpuSoftware)}` };
  if (!ctx.canCalibrate) return { candidates: ['kiln-cpu'], why: "auto: Kiln's engine on the CPU (auto measures the GPU against the CPU on single runs; a search or cross-validation trains many models)" };
  return { candidates: ['kiln-cpu', 'kiln-webgpu'], why: 'auto: measured' };
}

/**
 * Threads a Kiln run's GEMMs may use. More than 4 buys little on the engine's GEMMs (a 256-wide
 * layer's products are ~1–17 M multiply-adds, milliseconds split four ways) and leaves the
 * studio's other workers (UI, parsing, another run) cores to run on.
 */
export const MAX_THREADS = 4;

/** What a realm offers threads: a worker's or window's global scope, or a stand-in in tests. */
export interface ThreadScope {
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
  navigator?: { hardwareConcurrency?: number };
}

/**
 * How many threads Kiln's engine runs on here, and why: all cores up to MAX_THREADS when the page
 * is cross-origin isolated (SharedArrayBuffer, hence a shared wasm memory, exists only then);
 * otherwise one, with the reason, which the run's engine line shows.
 */
export function threadPlan(scope: ThreadScope): { threads: number; why: string } {
  const cores = scope.navigator?.hardwareConcurrency ?? 1;
  if (!scope.crossOriginIsolated) return { threads: 1, why: 'one thread: the page is not cross-origin isolated (no SharedArrayBuffer)' };
  if (typeof scope.SharedArrayBuffer !== 'function') return { threads: 1, why: 'one thread: SharedArrayBuffer is unavailable' };
  if (cores < 2) return { threads: 1, why: `one thread: the browser reports ${cores} core` };
  const threads = Math.min(cores, MAX_THREADS);
  return { threads, why: `${threads} threads: cross-origin isolated, ${cores} cores` };
}
