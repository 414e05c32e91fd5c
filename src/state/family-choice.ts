import { create } from 'zustand';
import type { RunRecord } from '../db/records';

/** A model family's id: what a run record stores as its family (a search is a study over runs, not a family). */
export type FamilyId = Exclude<RunRecord['family'], 'search'>;

interface FamilyChoiceState {
  /** which family each dataset trains (the studio's family switch); a dataset absent here trains the first registered family */
  chosen: Record<string, FamilyId>;
  choose: (datasetId: string, family: FamilyId) => void;
}

export const useFamilyChoice = create<FamilyChoiceState>((set, get) => ({
  chosen: {},
  choose: (datasetId, family) => set({ chosen: { ...get().chosen, [datasetId]: family } }),
}));
