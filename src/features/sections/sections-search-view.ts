import type { SearchRunRecord } from '../../db/records';
import { applySectionsParams } from '../../ml/models/sections/search';
import { useDatasets } from '../../state/datasets-store';
import { useSections } from '../../state/sections-store';
import { isBusy } from '../train/TrainControls';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';

type SectionsSearchRun = Extract<SearchRunRecord, { trialFamily: 'sections' }>;

/** A section-classifier search: its columns and base settings, and its best trial trained as a run on the same split. */
export const sectionsSearchView: SearchView<SectionsSearchRun> = {
  facts: (run) => {
    const c = run.base;
    return [
      ['Columns', `text ${c.columns.text} · label ${c.columns.label}`],
      ['Base settings', `${c.model.kind} · lr ${c.model.learningRate} · max_features ${c.tfidf.maxFeatures} · min_df ${c.tfidf.minDf} · split seed ${c.split.seed} · floor ${c.floor}`],
    ];
  },
  trainBest: async (run, best) => {
    const config = applySectionsParams(run.base, best.params);
    const frame = await searchFrame(run);
    const dataset = useDatasets.getState().datasets.find((d) => d.id === run.datasetId);
    if (!dataset) throw new Error(`the dataset ${run.datasetName} is no longer stored`);
    // the workspace form shows what the run fits: the best settings
    useSections.setState((s) => ({ setups: { ...s.setups, [run.datasetId]: config } }));
    showFamilyStudio(run.datasetId, 'sections');
    await useSections.getState().start({ dataset, frame, config });
  },
  useBusy: () => useSections((s) => isBusy(s.phase)),
  same: 'same columns and test sections',
};
