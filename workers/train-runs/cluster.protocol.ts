import type { Frame } from '../../src/ml/data/frame';
import type { MetricMap } from '../../src/ml/metrics/evaluate';
import type { ClusterRecipe } from '../../src/ml/models/cluster/defaults';
import type { ClusterModel } from '../../src/ml/models/cluster/model';
import type { ClusterReport } from '../../src/ml/models/cluster/report';
import type { CommonEvent, TrainStart } from '../train.protocol';

/** A k-means run (plain JavaScript: no TF.js): features, fit, the k sweep and the projection. */
export interface ClusterTrainRequest extends TrainStart {
  run: 'cluster';
  table: { name: string; frame: Frame };
  config: ClusterRecipe;
}

export type ClusterStage = 'features' | 'kmeans' | 'sweep' | 'projection';
export const CLUSTER_STAGES: readonly ClusterStage[] = ['features', 'kmeans', 'sweep', 'projection'];

export type ClusterEvent =
  | { status: 'batch'; id: string; stage: ClusterStage; index: number; stages: number; elapsedMs: number }
  | { status: 'done'; id: string; model: ClusterModel; report: ClusterReport; metrics: MetricMap; counts: { fitted: number; heldOut: number; features: number } }
  | CommonEvent;
