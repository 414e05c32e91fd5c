import type { SearchRunRecord } from '../../db/records';
import type { Trial } from '../../ml/tune/search';
import { familyById } from '../families/registry';

/** What the search run view and "train the best" need of the family a search's trials trained. */
export interface SearchView<R extends SearchRunRecord = SearchRunRecord> {
  /** the run view's facts about the data and the base config, in the family's words */
  facts(run: R): [string, string][];
  /** trains the best trial's config as a plain run of the family, on the search's own data and split */
  trainBest(run: R, best: Trial): Promise<void>;
  /** a run of the family is training: the button waits (a zustand hook) */
  useBusy(): boolean;
  /** what the retrained run shares with the trials, after "same" */
  same: string;
}

/** The view of the family the search's trials trained, from its studio registration; null for a family without one (no "train the best" button). */
export function searchView(run: SearchRunRecord): SearchView | null {
  return familyById(run.trialFamily)?.searchView ?? null;
}
