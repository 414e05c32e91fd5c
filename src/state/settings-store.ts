import { create } from 'zustand';
import { db } from '../db/db';
import { isBackendName, type BackendPreference } from '../ml/backends/tf-backend';

interface SettingsState {
  backend: BackendPreference;
  /** true when ?backend= in the URL forces the choice (tests, bug reports) */
  forcedByUrl: boolean;
  load: () => Promise<void>;
  setBackend: (b: BackendPreference) => Promise<void>;
}

function urlBackend(): BackendPreference | null {
  const v = new URLSearchParams(globalThis.location?.search ?? '').get('backend');
  return v === 'auto' || isBackendName(v) ? v : null;
}

export const useSettings = create<SettingsState>((set) => ({
  backend: urlBackend() ?? 'auto',
  forcedByUrl: urlBackend() !== null,
  load: async () => {
    const forced = urlBackend();
    if (forced) return set({ backend: forced, forcedByUrl: true });
    const rec = await db.settings.get('backend');
    const v = typeof rec?.value === 'string' ? rec.value : 'auto';
    set({ backend: v === 'auto' || isBackendName(v) ? v : 'auto' });
  },
  setBackend: async (b) => {
    set({ backend: b, forcedByUrl: false });
    await db.settings.put({ key: 'backend', value: b });
  },
}));
