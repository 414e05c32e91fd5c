import type { BackendPreference } from '../../src/ml/backends/tf-backend';
import type { EnginePreference } from '../../src/ml/engine/engine-choice';
import type { NetCheckpoint } from '../../src/ml/models/checkpoint';
import type { StopReason } from '../../src/ml/models/loop-utils';
import type { RankerConfig } from '../../src/ml/models/ranker/config';
import type { RankerBatchReport, RankerEpochReport } from '../../src/ml/models/ranker/fit-ranker';
import type { LabeledPairs } from '../../src/ml/models/ranker/pair-split';
import type { SavedRanker } from '../../src/ml/models/ranker/scorer';
import type { RankerPool, RankerReport } from '../../src/ml/models/ranker/train-ranker';
import type { CommonEvent, TrainStart } from '../train.protocol';
import type { FitEnd, NetRunEvent, TrainsOn } from '../run-events';

/** A pairwise ranker run over an item pool and its labeled pairs. */
export interface RankerTrainRequest extends TrainStart {
  run: 'ranker';
  /** the pool's raw features, row-major [size × dim] (transferred) */
  pool: RankerPool;
  pairs: LabeledPairs;
  model: RankerConfig;
  backend: BackendPreference;
  /** Kiln's engine or TF.js (absent: auto) */
  engine?: EnginePreference;
  /** auto measures a software WebGPU adapter too (?calibrate=software-gpu) */
  measureSoftwareGpu?: boolean;
  /** continue a run after this checkpoint's epoch (its buffers are transferred); epochs are numbered on from it */
  resume?: NetCheckpoint;
}

export type RankerTrainEvent =
  | CommonEvent
  | ({ status: 'init'; id: string; stepsPerEpoch: number } & TrainsOn)
  | NetRunEvent<RankerBatchReport, RankerEpochReport>
  | ({ status: 'done'; id: string; model: SavedRanker; scores: Float32Array; report: RankerReport } & FitEnd<StopReason>);
