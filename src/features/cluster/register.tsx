import { clusterFamily as core } from '../../ml/models/cluster/family';
import type { ClusterRecipe } from '../../ml/models/cluster/defaults';
import { useCluster } from '../../state/cluster-store';
import { useRuns } from '../../state/runs-store';
import type { ClusterRunRecord } from '../../db/records';
import { defineFamily } from '../families/contract';
import { clusterHeldOut } from './build-cluster-export';
import { clusterSearchView } from './cluster-search-view';
import { ClusterRunView } from './ClusterRunView';
import { ClusterWorkspace } from './ClusterWorkspace';
import { loadClusterArtifacts } from './use-cluster-artifacts';

export const clusterFamily = defineFamily({
  id: 'cluster',
  title: core.title,
  detail: core.detail,
  unavailable: (d) => {
    const fit = core.fits({ name: d.name, columns: d.stats });
    return fit.ok ? null : { reason: fit.reason, needs: 'a text column, numeric columns or an embedding column' };
  },
  prepare: (d) => useCluster.getState().ensure(d),
  Workspace: ClusterWorkspace,
  RunView: ClusterRunView,
  searchView: clusterSearchView,
  liveStores: [useCluster],
  fixedBackend: 'CPU',
  headlineMetric: () => 'silhouette',
  fromRecipe: (c: ClusterRecipe) => ({ config: c }),
  recipe: async (run) => ({ config: run.config, data: { data: run.datasetId } }),
  bundle: async (run) => (await import('./build-cluster-export')).buildClusterExport(run),
  // the registry's model type is the algorithm; a version per k keeps different k apart
  modelType: (run) => ({ modelType: 'kmeans', suffix: `k${run.config.k}` }),
  testHooks: { cluster: () => useCluster.getState(), clusterArtifacts: (runId: string) => loadClusterArtifacts(runId), clusterHeldOut: (runId: string) => {
      const run = useRuns.getState().runs.find((r): r is ClusterRunRecord => r.id === runId && r.family === 'cluster');
      return run ? clusterHeldOut(run) : Promise.reject(new Error(`no clustering run ${runId}`));
    },
  },
});
