import { create } from 'zustand';
import { storageErrorMessage } from '../db/db';
import type { ModelEventRecord, ModelVersionRecord } from '../db/records';
import { listEvents, listVersions, moveAlias, registerVersion, rollbackAlias, setArchived, type NewVersion } from '../db/registry-repo';

interface RegistryState {
  versions: ModelVersionRecord[];
  events: ModelEventRecord[];
  error: string | null;
  load: () => Promise<void>;
  register: (v: NewVersion, bump: 'minor' | 'major') => Promise<ModelVersionRecord | null>;
  move: (modelType: string, alias: string, to: string | null, note: string) => Promise<boolean>;
  rollback: (modelType: string, alias: string, note: string) => Promise<boolean>;
  archive: (id: string, archived: boolean) => Promise<void>;
  dismissError: () => void;
}

/** The registry as IndexedDB holds it; every action writes first, then reloads, so the screen never shows an unsaved move. */
export const useRegistry = create<RegistryState>((set, get) => {
  const act = async <T>(what: string, f: () => Promise<T>): Promise<T | null> => {
    try {
      const out = await f();
      await get().load();
      set({ error: null });
      return out;
    } catch (e) {
      const msg = e instanceof Error && !/quota/i.test(e.name) && e.name !== 'DatabaseClosedError' ? e.message : storageErrorMessage(e, what);
      set({ error: msg });
      return null;
    }
  };
  return {
    versions: [],
    events: [],
    error: null,
    load: async () => set({ versions: await listVersions(), events: await listEvents() }),
    register: (v, bump) => act('the model version', () => registerVersion(v, bump)),
    move: async (modelType, alias, to, note) => (await act('the alias move', () => moveAlias(modelType, alias, to, note))) !== null,
    rollback: async (modelType, alias, note) => (await act('the rollback', () => rollbackAlias(modelType, alias, note))) !== null,
    archive: async (id, archived) => void (await act('the version', () => setArchived(id, archived))),
    dismissError: () => set({ error: null }),
  };
});
