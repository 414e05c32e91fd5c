import type { BackendName, BackendPreference } from '../../src/ml/backends/tf-backend';
import type { EnginePreference, EngineReport } from '../../src/ml/engine/engine-choice';
import type { NetCheckpoint } from '../../src/ml/models/checkpoint';
import type { StopReason } from '../../src/ml/models/tabular/train-loop';
import type { RankerConfig } from '../../src/ml/models/ranker/config';
import type { RankerBatchReport, RankerEpochReport } from '../../src/ml/models/ranker/fit-ranker';
import type { LabeledPairs } from '../../src/ml/models/ranker/pair-split';
import type { SavedRanker } from '../../src/ml/models/ranker/scorer';
import type { RankerPool, RankerReport } from '../../src/ml/models/ranker/train-ranker';
import type { CommonEvent, TrainStart } from '../train.protocol';

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
  | { status: 'init'; id: string; backend: BackendName; skipped: { backend: BackendName; reason: string }[]; adapter?: string; stepsPerEpoch: number; engine: EngineReport; resumedFrom?: number }
  | ({ status: 'batch'; id: string } & RankerBatchReport)
  | ({ status: 'epoch'; id: string; memoryWarning?: string } & RankerEpochReport)
  | { status: 'checkpoint'; id: string; checkpoint: NetCheckpoint; bytes: number }
  | { status: 'done'; id: string; reason: StopReason; message?: string; epochsRun: number; bestEpoch: number; tensorCounts: number[]; durationMs: number; model: SavedRanker; scores: Float32Array; report: RankerReport };
