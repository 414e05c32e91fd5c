import type { BackendName, BackendPreference } from '../src/ml/backends/tf-backend';
import { chooseEngine, type EngineReport, type EnginePreference } from '../src/ml/engine/engine-choice';
import { createBrowserWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-browser';
import type { TabularConfig } from '../src/ml/models/tabular/config';
import type { TrainEngine } from '../src/ml/models/tabular/train-tabular';

/**
 * The engine a worker run trains on and what the run says about it: Kiln's engine on its WASM
 * SIMD kernels, or TF.js on the backend in use (`inUse`); `what` names the model for the reason.
 */
export function engineSetup(preference: EnginePreference | undefined, requested: BackendPreference, inUse: BackendName, what: string): { engine: TrainEngine; report: EngineReport } {
  const kind = chooseEngine(preference ?? 'auto', requested);
  if (kind === 'kiln') {
    const why = preference === 'kiln' ? 'chosen in settings' : `auto: Kiln's engine trains ${what} on the CPU; TF.js (${inUse}) evaluates and saves the model`;
    return { engine: { kind: 'kiln', kernels: createBrowserWasmKernels }, report: { engine: 'kiln', runsOn: 'wasm-simd', threads: 1, why } };
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
