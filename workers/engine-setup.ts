import type { BackendName, BackendPreference } from '../src/ml/backends/tf-backend';
import { chooseEngine, threadPlan, type EngineReport, type EnginePreference } from '../src/ml/engine/engine-choice';
import type { KernelFactory } from '../src/ml/engine/fit-dense';
import { browserThreadedKernels, browserThreadPool } from '../src/ml/engine/threads/pool-browser';
import { createBrowserWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-browser';
import type { TabularConfig } from '../src/ml/models/tabular/config';
import type { TrainEngine } from '../src/ml/models/tabular/train-tabular';

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

/**
 * The engine a worker run trains on and what the run says about it: Kiln's engine on its WASM
 * SIMD kernels (threaded when it can), or TF.js on the backend in use (`inUse`); `what` names the
 * model for the reason.
 */
export async function engineSetup(preference: EnginePreference | undefined, requested: BackendPreference, inUse: BackendName, what: string): Promise<{ engine: TrainEngine; report: EngineReport }> {
  const kind = chooseEngine(preference ?? 'auto', requested);
  if (kind === 'kiln') {
    const why = preference === 'kiln' ? 'chosen in settings' : `auto: Kiln's engine trains ${what} on the CPU; TF.js (${inUse}) evaluates and saves the model`;
    const wasm = await wasmKernelsHere();
    return { engine: { kind: 'kiln', kernels: wasm.kernels }, report: { engine: 'kiln', runsOn: 'wasm-simd', threads: wasm.threads, why: `${why}; ${wasm.why}` } };
  }
  const why = preference === 'tfjs' ? 'chosen in settings' : `auto: the ${requested} backend was chosen on purpose, and Kiln's engine has no GPU path yet`;
  return { engine: { kind: 'tfjs' }, report: { engine: 'tfjs', runsOn: inUse, threads: 1, why } };
}

/**
 * What a tabular run, cross-validation or search trains, for the engine's reason: a search that
 * tunes the architecture trains both kinds.
 */
export function tabularModels(architectures: readonly TabularConfig['architecture'][]): string {
  const kinds = new Set(architectures);
  return [...(kinds.has('mlp') ? ['MLPs'] : []), ...(kinds.has('linear') ? ['linear models'] : [])].join(' and ');
}
