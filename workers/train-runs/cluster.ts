import { clusterMetrics, fitCluster, prepareCluster } from '../../src/ml/models/cluster/model';
import { clusterReport } from '../../src/ml/models/cluster/report';
import type { TrainRunner } from '../train.protocol';
import { CLUSTER_STAGES, type ClusterEvent, type ClusterStage, type ClusterTrainRequest } from './cluster.protocol';

/** One clustering run inside the train worker. A fit takes seconds with no epochs to stop between, so a stop ends the worker instead. */
export const run: TrainRunner<ClusterTrainRequest, ClusterEvent> = async (req, post) => {
  const t0 = performance.now();
  const stage = (s: ClusterStage) => post({ status: 'batch', id: req.id, stage: s, index: CLUSTER_STAGES.indexOf(s), stages: CLUSTER_STAGES.length, elapsedMs: performance.now() - t0 });
  stage('features');
  const p = prepareCluster({ frame: req.table.frame, source: req.table.name }, req.config);
  stage('kmeans');
  const model = fitCluster(p, req.config);
  const metrics = clusterMetrics(model, p);
  const report = clusterReport(model, p, req.config, stage);
  post({ status: 'done', id: req.id, model, report, metrics, counts: { fitted: p.fitRows.length, heldOut: p.heldOutRows.length, features: p.space.names.length } });
  return Promise.resolve();
};
