import { create } from 'zustand';
import type { ColumnStats } from '../ml/data/column-stats';
import { defaultSetup, guessTaskKind, type Setup } from './tabular-setup';

/** The task / split / model form, one per dataset, kept while the tab lives. */
interface SetupState {
  byDataset: Record<string, Setup>;
  ensure: (datasetId: string, stats: ColumnStats[]) => void;
  update: (datasetId: string, f: (s: Setup) => Setup) => void;
  setTarget: (datasetId: string, stats: ColumnStats[], target: string) => void;
}

export const useSetup = create<SetupState>((set, get) => ({
  byDataset: {},
  ensure: (id, stats) => {
    if (!get().byDataset[id]) set({ byDataset: { ...get().byDataset, [id]: defaultSetup(stats) } });
  },
  update: (id, f) => {
    const cur = get().byDataset[id];
    if (cur) set({ byDataset: { ...get().byDataset, [id]: f(cur) } });
  },
  setTarget: (id, stats, target) => {
    const cur = get().byDataset[id];
    const next = defaultSetup(stats, target);
    const t = stats.find((s) => s.name === target);
    set({
      byDataset: {
        ...get().byDataset,
        [id]: cur
          ? { ...cur, task: next.task, split: { ...cur.split, strategy: t && guessTaskKind(t) === 'regression' && cur.split.strategy === 'stratified' ? 'random' : cur.split.strategy } }
          : next,
      },
    });
  },
}));
