import type { BackendPreference } from '../../src/ml/backends/tf-backend';
import type { EnginePreference } from '../../src/ml/engine/engine-choice';
import type { Frame } from '../../src/ml/data/frame';
import type { NetCheckpoint } from '../../src/ml/models/checkpoint';
import type { BatchReport } from '../../src/ml/models/loop-utils';
import type { SequenceDataConfig, SequenceModelConfig } from '../../src/ml/models/sequence/config';
import type { SavedSequenceModel } from '../../src/ml/models/sequence/saved-model';
import type { SequenceRunResult } from '../../src/ml/models/sequence/run-result';
import type { SequenceEpochSummary } from '../../src/ml/models/sequence/train-sequence';
import type { SequenceFitResult } from '../../src/ml/models/sequence/fit-sequence';
import type { CommonEvent, TrainStart } from '../train.protocol';
import type { FitEnd, NetRunEvent, TrainsOn } from '../run-events';

/** A career-sequence (BiLSTM) run over a frame of work histories. */
export interface SequenceTrainRequest extends TrainStart {
  run: 'sequence';
  frame: Frame;
  /** the dataset's name, for messages that point at a row */
  sourceName: string;
  data: SequenceDataConfig;
  model: SequenceModelConfig;
  backend: BackendPreference;
  /** Kiln's engine or TF.js (absent: auto) */
  engine?: EnginePreference;
  /** continue a run after this checkpoint's epoch (its buffers are transferred); epochs are numbered on from it */
  resume?: NetCheckpoint;
}

export type SequenceTrainEvent =
  | CommonEvent
  | ({
      status: 'init';
      id: string;
      vocabSize: number;
      coverage: SequenceRunResult['coverage'];
      leakage: SequenceRunResult['leakage'];
      entities: number;
      skippedRoles: number;
      problems: string[];
      stepsPerEpoch: number;
    } & TrainsOn)
  | NetRunEvent<BatchReport, SequenceEpochSummary>
  | ({ status: 'done'; id: string; model: SavedSequenceModel; result: SequenceRunResult } & FitEnd<SequenceFitResult['reason']>);
