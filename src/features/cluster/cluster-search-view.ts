import { applyClusterParams } from '../../ml/models/cluster/search';
import { useCluster } from '../../state/cluster-store';
import { useDatasets } from '../../state/datasets-store';
import { isBusy } from '../train/TrainControls';
import type { SearchView } from '../tune/search-views';
import { searchFrame } from '../tune/search-frame';
import { showFamilyStudio } from '../tune/show-family';
import { clusterSearchFacts, type ClusterSearchRun } from './cluster-search';

/** A clustering search: its features and what it searched, and its best k clustered as a normal run (the report, stability and export follow). */
export const clusterSearchView: SearchView<ClusterSearchRun> = {
  facts: clusterSearchFacts,
  trainBest: async (run, best) => {
    const config = applyClusterParams(run.base, best.params);
    const frame = await searchFrame(run);
    const dataset = useDatasets.getState().datasets.find((d) => d.id === run.datasetId);
    if (!dataset) throw new Error(`the dataset ${run.datasetName} is no longer stored`);
    // the workspace form shows what the run fits: the best k and starts
    useCluster.setState((s) => ({ setups: { ...s.setups, [run.datasetId]: config } }));
    showFamilyStudio(run.datasetId, 'cluster');
    await useCluster.getState().start({ dataset, frame, config });
  },
  useBusy: () => useCluster((s) => isBusy(s.phase)),
  same: 'same features, seed and held-out rows, so its index is the trial’s',
};
