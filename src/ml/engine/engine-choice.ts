import type { BackendPreference } from '../backends/tf-backend';

/** Which engine trains: Kiln's own, TF.js's ops, or auto. */
export type EnginePreference = 'auto' | 'kiln' | 'tfjs';
export const ENGINE_PREFERENCES: readonly EnginePreference[] = ['auto', 'kiln', 'tfjs'];

export function isEnginePreference(s: string | null | undefined): s is EnginePreference {
  return !!s && (ENGINE_PREFERENCES as readonly string[]).includes(s);
}

/** What trained a run, as the run records and shows it. */
export interface EngineReport {
  engine: 'kiln' | 'tfjs';
  /** Kiln's kernels ('wasm-simd', 'js'), or the TF.js backend */
  runsOn: string;
  threads: number;
  /** why this engine, in words */
  why: string;
}

/**
 * The engine a tabular run trains on. Kiln's engine runs on the CPU (WASM SIMD); until its
 * WebGPU path exists, a TF.js GPU backend chosen on purpose (webgpu, webgl) keeps TF.js, so a
 * forced GPU run still trains on the GPU.
 */
export function chooseEngine(engine: EnginePreference, backend: BackendPreference): 'kiln' | 'tfjs' {
  if (engine !== 'auto') return engine;
  return backend === 'webgpu' || backend === 'webgl' ? 'tfjs' : 'kiln';
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
