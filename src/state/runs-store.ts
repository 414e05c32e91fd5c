import { create } from 'zustand';
import { deleteRun, listRuns, markInterruptedRuns, runSeries } from '../db/runs-repo';
import type { EpochMetricRecord, RunRecord, StepMetricRecord } from '../db/records';

export interface OpenRun {
  run: RunRecord;
  epochs: EpochMetricRecord[];
  steps: StepMetricRecord[];
}

interface RunsState {
  runs: RunRecord[];
  open: OpenRun | null;
  load: () => Promise<void>;
  upsert: (run: RunRecord) => void;
  openRun: (id: string) => Promise<void>;
  closeRun: () => void;
  remove: (id: string) => Promise<void>;
}

export const useRuns = create<RunsState>((set, get) => ({
  runs: [],
  open: null,
  load: async () => {
    await markInterruptedRuns();
    set({ runs: await listRuns() });
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
    await deleteRun(id);
    set({ runs: get().runs.filter((r) => r.id !== id), open: get().open?.run.id === id ? null : get().open });
  },
}));
