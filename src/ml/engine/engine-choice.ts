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
