import { create } from 'zustand';
import { db } from '../db/db';
import { isBackendName, type BackendPreference } from '../ml/backends/tf-backend';
import { isEnginePreference, type EnginePreference } from '../ml/engine/engine-choice';

interface SettingsState {
  backend: BackendPreference;
  /** true when ?backend= in the URL forces the choice (tests, bug reports) */
  forcedByUrl: boolean;
  load: () => Promise<void>;
  setBackend: (b: BackendPreference) => Promise<void>;
  /** Kiln's engine, TF.js, or auto (src/ml/engine/engine-choice.ts); ?engine= in the URL forces it */
  engine: EnginePreference;
  setEngine: (e: EnginePreference) => Promise<void>;
  /** ?calibrate=software-gpu: auto measures a software WebGPU adapter against the CPU instead of passing it over (tests, diagnosis) */
  measureSoftwareGpu: boolean;
}

function urlEngine(): EnginePreference | null {
  const v = new URLSearchParams(globalThis.location?.search ?? '').get('engine');
  return isEnginePreference(v) ? v : null;
}

function urlBackend(): BackendPreference | null {
  const v = new URLSearchParams(globalThis.location?.search ?? '').get('backend');
  return v === 'auto' || isBackendName(v) ? v : null;
}

export const useSettings = create<SettingsState>((set) => ({
  backend: urlBackend() ?? 'auto',
  forcedByUrl: urlBackend() !== null,
  engine: urlEngine() ?? 'auto',
  measureSoftwareGpu: new URLSearchParams(globalThis.location?.search ?? '').get('calibrate') === 'software-gpu',
  load: async () => {
    const engine = urlEngine() ?? (await db.settings.get('engine'))?.value;
    set({ engine: typeof engine === 'string' && isEnginePreference(engine) ? engine : 'auto' });
    const forced = urlBackend();
    if (forced) return set({ backend: forced, forcedByUrl: true });
    const rec = await db.settings.get('backend');
    const v = typeof rec?.value === 'string' ? rec.value : 'auto';
    set({ backend: v === 'auto' || isBackendName(v) ? v : 'auto' });
  },
  setEngine: async (e) => {
    set({ engine: e });
    await db.settings.put({ key: 'engine', value: e });
  },
  setBackend: async (b) => {
    set({ backend: b, forcedByUrl: false });
    await db.settings.put({ key: 'backend', value: b });
  },
}));
