import { useMemo } from 'react';
import type { DatasetRecord } from '../../db/records';
import type { ClusterRecipe } from '../../ml/models/cluster/defaults';
import type { ClusterSearchInput } from '../../ml/models/cluster/search';
import { searchFamily } from '../../ml/tune/families';
import { clusterSetupProblems } from '../../state/cluster-store';
import { useDatasets } from '../../state/datasets-store';
import { studySpec } from '../../state/tune-setup';
import { tuneSetupFor, useTune } from '../../state/tune-store';
import { TuneView } from '../tune/TuneView';
import { clusterFitRows, clusterTuneProblems, describeClusterFeatures, describeClusterSearch } from './cluster-search';

/**
 * A search over k and the k-means++ starts on the features set above, every trial scored by an
 * internal index on the same fitted rows. A trial is one whole fit, so trials are never pruned.
 */
export function ClusterTunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: ClusterRecipe }) {
  const frame = useDatasets((s) => s.frame);
  const setups = useTune((s) => s.setups);
  const study = studySpec(tuneSetupFor(setups, 'cluster', dataset.id, {}, setup), searchFamily('cluster'), {});
  const { heldOutFraction, seed, subsample, subsampleSeed } = setup;
  const fitRows = useMemo(() => clusterFitRows(dataset.rowCount, { heldOutFraction, seed, subsample, subsampleSeed }), [dataset.rowCount, heldOutFraction, seed, subsample, subsampleSeed]);
  const rows = fitRows === null ? 'the fitted rows' : `the same ${fitRows.toLocaleString('en-US')} fitted rows`;
  return (
    <TuneView
      dataset={dataset}
      family="cluster"
      context={{}}
      base={setup}
      ready={!!frame}
      problems={[...clusterSetupProblems(setup), ...clusterTuneProblems(study.space, fitRows)]}
      request={() => {
        if (!frame) return null;
        const input: ClusterSearchInput = { input: { frame, source: dataset.fileName }, config: setup };
        return { input, title: 'k-means', setup: { trialFamily: 'cluster', base: setup } };
      }}
      summary="Search k and the k-means++ starts (scored by silhouette, Calinski–Harabasz or Davies–Bouldin; one-shot fits, no pruning)"
      note={`Each trial clusters ${rows} of ${describeClusterFeatures(setup)} with seed ${seed}: ${describeClusterSearch(study.space, study.metric, setup)}.`}
    />
  );
}
