import type { SearchRunRecord } from '../../db/records';
import { applyMatcherParams } from '../../ml/models/matcher/search';
import { useDatasets } from '../../state/datasets-store';
import { useMatcher } from '../../state/matcher-store';
import { isBusy } from '../train/TrainControls';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';

type MatcherSearchRun = Extract<SearchRunRecord, { trialFamily: 'matcher' }>;

/** A matcher search: its tables and base settings, and its best trial refitted as a matcher run on the same tables. */
export const matcherSearchView: SearchView<MatcherSearchRun> = {
  facts: (run) => {
    const c = run.base;
    return [
      ['Tables', `pairs ${run.tables.pairs.name} · candidates ${run.tables.candidates.name} · jobs ${run.tables.jobs.name}`],
      ['Sections', run.columns.sections.map((s) => s.name).join(' + ')],
      ['Base settings', `${c.learnedMode} weights · min_df ${c.tfidf.minDf} · max_df ${c.tfidf.maxDfShare} · n-grams ${c.tfidf.ngramRange.join('–')} · held out ${c.heldOutFraction} of candidates, seed ${c.seed}`],
    ];
  },
  trainBest: async (run, best) => {
    const config = applyMatcherParams(run.base, best.params);
    const pairsFrame = await searchFrame(run);
    const { datasets } = useDatasets.getState();
    const pairs = datasets.find((d) => d.id === run.datasetId);
    if (!pairs) throw new Error(`the pairs table ${run.datasetName} is no longer stored`);
    const setup = { candidatesId: run.tables.candidates.id, jobsId: run.tables.jobs.id, columns: run.columns, config };
    // the workspace form shows what the run fits: the search's tables and columns, the best settings
    useMatcher.setState((s) => ({ setups: { ...s.setups, [run.datasetId]: setup } }));
    showFamilyStudio(run.datasetId, 'matcher');
    await useMatcher.getState().start({ pairs, pairsFrame, datasets, setup });
  },
  useBusy: () => useMatcher((s) => isBusy(s.phase)),
  same: 'same tables, columns and held-out candidates',
};
