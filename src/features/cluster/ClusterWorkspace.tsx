import { useEffect } from 'react';
import type { DatasetRecord } from '../../db/records';
import { useCluster } from '../../state/cluster-store';
import { ClusterSetupForm } from './ClusterSetupForm';
import { ClusterTrainPanel } from './ClusterTrainPanel';
import { ClusterTunePanel } from './ClusterTunePanel';

/** Clustering of the selected dataset's rows: setup, then the run and its report, then a search over k. */
export function ClusterWorkspace({ dataset }: { dataset: DatasetRecord }) {
  const setup = useCluster((s) => s.setups[dataset.id]);
  const ensure = useCluster((s) => s.ensure);
  useEffect(() => ensure(dataset), [dataset, ensure]);
  if (!setup) return null;
  return (
    <>
      <ClusterSetupForm dataset={dataset} setup={setup} />
      <ClusterTrainPanel dataset={dataset} setup={setup} />
      <ClusterTunePanel dataset={dataset} setup={setup} />
    </>
  );
}
