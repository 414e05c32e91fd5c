import type { SearchRunRecord } from '../../db/records';
import type { Trial } from '../../ml/tune/search';
import { gbdtSearchView } from '../gbdt/gbdt-search-view';
import { matcherSearchView } from '../matcher/matcher-search-view';
import { rankerSearchView } from '../ranker/ranker-search-view';
import { sequenceSearchView } from '../sequence/sequence-search-view';
import { tabularSearchView } from '../train/tabular-search-view';

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

type Views = { [F in SearchRunRecord['trialFamily']]?: SearchView<Extract<SearchRunRecord, { trialFamily: F }>> };

/** The families whose best trial can be trained from here; a family missing has its search shown without that button. */
const VIEWS: Views = { tabular: tabularSearchView, gbdt: gbdtSearchView, ranker: rankerSearchView, sequence: sequenceSearchView, matcher: matcherSearchView };

export function searchView(run: SearchRunRecord): SearchView | null {
  const v: SearchView | undefined = VIEWS[run.trialFamily];
  return v ?? null;
}
