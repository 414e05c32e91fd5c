import { create } from 'zustand';
import { db } from '../db/db';
import { listRuns, markInterruptedRuns, runSeries, updateRun } from '../db/runs-repo';
import { deleteRun, restoreRun, type DeletedRun } from '../db/run-deletion';
import { useRegistry } from './registry-store';
import type { EpochMetricRecord, RunRecord, StepMetricRecord } from '../db/records';

export interface OpenRun {
  run: RunRecord;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
}

export const MAX_PINNED = 8;
const PINS_KEY = 'comparePins';

interface RunsState {
  runs: RunRecord[];
  open: OpenRun | null;
  /** runs pinned for comparison, in pin order (kept in IndexedDB settings) */
  pinned: string[];
  error: string | null;
  /** the last deletion, kept in memory (this tab only) so it can be undone */
  deleted: DeletedRun | null;
  load: () => Promise<void>;
  upsert: (run: RunRecord) => void;
  openRun: (id: string) => Promise<void>;
  closeRun: () => void;
  remove: (id: string) => Promise<void>;
  undoDelete: () => Promise<void>;
  dismissDeleted: () => void;
  togglePin: (id: string) => Promise<void>;
  setTags: (id: string, tags: string[]) => Promise<void>;
  setNotes: (id: string, notes: string) => Promise<void>;
  /** a binary run's decision threshold (validated to [0, 1]; the export reads it) */
  setThreshold: (id: string, threshold: number) => Promise<void>;
  dismissError: () => void;
}

export const useRuns = create<RunsState>((set, get) => {
  const edit = async (id: string, changes: Partial<RunRecord>) => {
    const cur = get().runs.find((r) => r.id === id);
    if (!cur) return;
    try {
      await updateRun(id, changes);
    } catch (e) {
      set({ error: `Could not save the run's ${Object.keys(changes).join(', ')}: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    get().upsert({ ...cur, ...changes } as RunRecord);
    const open = get().open;
    if (open?.run.id === id) set({ open: { ...open, run: { ...open.run, ...changes } as RunRecord } });
  };
  return {
    runs: [],
    open: null,
    pinned: [],
    error: null,
    deleted: null,
    load: async () => {
      await markInterruptedRuns();
      const runs = await listRuns();
      const pins = (await db.settings.get(PINS_KEY))?.value;
      const ids = new Set(runs.map((r) => r.id));
      set({ runs, pinned: Array.isArray(pins) ? pins.filter((p): p is string => typeof p === 'string' && ids.has(p)) : [] });
    },
    upsert: (run) => {
      const rest = get().runs.filter((r) => r.id !== run.id);
      set({ runs: [run, ...rest].sort((a, b) => b.startedAt - a.startedAt) });
    },
    openRun: async (id) => {
      const run = get().runs.find((r) => r.id === id);
      if (!run) return;
      const { epochs, steps } = await runSeries(id);
      set({ open: { run, epochs, steps } });
    },
    closeRun: () => set({ open: null }),
    remove: async (id) => {
      let deleted: DeletedRun;
      try {
        deleted = await deleteRun(id);
      } catch (e) {
        set({ error: e instanceof Error ? e.message : String(e) });
        return;
      }
      const pinned = get().pinned.filter((p) => p !== id);
      set({ runs: get().runs.filter((r) => r.id !== id), open: get().open?.run.id === id ? null : get().open, pinned, error: null, deleted });
      // its versions were archived and aliases on them removed
      if (deleted.archived.length > 0 || deleted.removedAliases.length > 0) await useRegistry.getState().load();
      await db.settings.put({ key: PINS_KEY, value: pinned });
    },
    undoDelete: async () => {
      const t = get().deleted;
      if (!t) return;
      try {
        await restoreRun(t);
      } catch (e) {
        set({ error: `Could not undo the deletion: ${e instanceof Error ? e.message : String(e)}`, deleted: null });
        return;
      }
      set({ deleted: null, error: null });
      get().upsert(t.run);
      if (t.archived.length > 0 || t.removedAliases.length > 0) await useRegistry.getState().load();
    },
    dismissDeleted: () => set({ deleted: null }),
    togglePin: async (id) => {
      const cur = get().pinned;
      if (!cur.includes(id) && cur.length >= MAX_PINNED) {
        set({ error: `at most ${MAX_PINNED} runs can be compared at once; unpin one first` });
        return;
      }
      const pinned = cur.includes(id) ? cur.filter((p) => p !== id) : [...cur, id];
      set({ pinned, error: null });
      await db.settings.put({ key: PINS_KEY, value: pinned });
    },
    setTags: (id, tags) => edit(id, { tags: [...new Set(tags.map((t) => t.trim()).filter(Boolean))] }),
    setNotes: (id, notes) => edit(id, { notes }),
    setThreshold: async (id, threshold) => {
      if (!(Number.isFinite(threshold) && threshold >= 0 && threshold <= 1)) {
        set({ error: `a decision threshold is a probability between 0 and 1; got ${threshold}` });
        return;
      }
      await edit(id, { threshold });
    },
    dismissError: () => set({ error: null }),
  };
});
