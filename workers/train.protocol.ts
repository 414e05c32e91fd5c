import type { BackendName, BackendPreference } from '../src/ml/backends/tf-backend';
import type { EnginePreference, EngineReport } from '../src/ml/engine/engine-choice';
import type { Frame } from '../src/ml/data/frame';
import type { FittedPreprocess, PreprocessOptions } from '../src/ml/data/preprocess';
import type { MetricMap } from '../src/ml/metrics/evaluate';
import type { TabularConfig } from '../src/ml/models/tabular/config';
import type { SavedTabularModel } from '../src/ml/models/tabular/saved-model';
import type { NetCheckpoint } from '../src/ml/models/checkpoint';
import type { StopReason } from '../src/ml/models/tabular/train-loop';
import type { BatchReport, RunStage } from '../src/ml/models/loop-utils';
import type { EpochSummary, HeldOutPredictions } from '../src/ml/models/tabular/train-tabular';
import type { SplitConfig, SplitSizes, TaskSpec } from '../src/ml/task';
import type { SequenceDataConfig, SequenceModelConfig } from '../src/ml/models/sequence/config';
import type { SavedSequenceModel } from '../src/ml/models/sequence/saved-model';
import type { SequenceRunResult } from '../src/ml/models/sequence/run-result';
import type { SequenceEpochSummary } from '../src/ml/models/sequence/train-sequence';
import type { SequenceFitResult } from '../src/ml/models/sequence/fit-sequence';
import type { RankerConfig } from '../src/ml/models/ranker/config';
import type { RankerBatchReport, RankerEpochReport } from '../src/ml/models/ranker/fit-ranker';
import type { LabeledPairs } from '../src/ml/models/ranker/pair-split';
import type { SavedRanker } from '../src/ml/models/ranker/scorer';
import type { RankerPool, RankerReport } from '../src/ml/models/ranker/train-ranker';
import type { CvConfig } from '../src/ml/eval/cross-validation';
import type { CvRunResult, FoldOutcome } from '../src/ml/eval/cv-result';

/** Messages to the train worker. Every request carries an id that its events echo. */
export type TrainRequest =
  | {
      type: 'train';
      id: string;
      frame: Frame;
      task: TaskSpec;
      split: SplitConfig;
      preprocess: PreprocessOptions;
      model: TabularConfig;
      backend: BackendPreference;
      /** Kiln's engine or TF.js (absent: auto) */
      engine?: EnginePreference;
      /** auto measures a software WebGPU adapter too instead of passing it over (?calibrate=software-gpu) */
      measureSoftwareGpu?: boolean;
      /** continue a run after this checkpoint's epoch (its buffers are transferred); epochs are numbered on from it */
      resume?: NetCheckpoint;
    }
  | {
      type: 'train-sequence';
      id: string;
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
  | {
      type: 'train-ranker';
      id: string;
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
  | {
      /** k-fold cross-validation of the tabular network (no model is kept) */
      type: 'train-cv';
      id: string;
      frame: Frame;
      task: TaskSpec;
      cv: CvConfig;
      preprocess: PreprocessOptions;
      model: TabularConfig;
      backend: BackendPreference;
      /** Kiln's engine or TF.js (absent: auto), chosen as for a single run */
      engine?: EnginePreference;
    }
  | { type: 'stop'; id: string };

/**
 * A stage of a run beginning, in every family: starting the backend, splitting and preprocessing,
 * uploading the arrays to the device, the first step, evaluating after the last epoch. The page
 * shows it until the first step is read back, so setup time is never shown as "step 0".
 */
export interface StageEvent {
  status: 'stage';
  id: string;
  stage: RunStage;
  /** what the stage works on ("400,000 rows", "wasm"), for the line the page shows */
  detail?: string;
}

/** Events of a tabular cross-validation carry family: 'tabular-cv'; 'fold' reports a finished fold. */
export type TabularCvEvent =
  | (StageEvent & { family: 'tabular-cv' })
  | { status: 'init'; family: 'tabular-cv'; id: string; backend: BackendName; skipped: { backend: BackendName; reason: string }[]; adapter?: string; engine: EngineReport; folds: number; featureNames: string[]; droppedRows: number }
  | { status: 'epoch'; family: 'tabular-cv'; id: string; fold: number; epoch: number; trainLoss: number; valLoss: number; elapsedMs: number; numTensors: number; memoryWarning?: string }
  | { status: 'fold'; family: 'tabular-cv'; id: string; result: FoldOutcome; index: number; total: number }
  | { status: 'done'; family: 'tabular-cv'; id: string; reason: StopReason; cv: CvRunResult; durationMs: number; labels?: string[] }
  | { status: 'error'; family: 'tabular-cv'; id: string; message: string };

/** Events of a ranker run carry family: 'ranker'. */
export type RankerTrainEvent =
  | (StageEvent & { family: 'ranker' })
  | { status: 'init'; family: 'ranker'; id: string; backend: BackendName; skipped: { backend: BackendName; reason: string }[]; adapter?: string; stepsPerEpoch: number; engine: EngineReport; resumedFrom?: number }
  | ({ status: 'batch'; family: 'ranker'; id: string } & RankerBatchReport)
  | ({ status: 'epoch'; family: 'ranker'; id: string; memoryWarning?: string } & RankerEpochReport)
  | { status: 'checkpoint'; family: 'ranker'; id: string; checkpoint: NetCheckpoint; bytes: number }
  | { status: 'done'; family: 'ranker'; id: string; reason: StopReason; message?: string; epochsRun: number; bestEpoch: number; tensorCounts: number[]; durationMs: number; model: SavedRanker; scores: Float32Array; report: RankerReport }
  | { status: 'error'; family: 'ranker'; id: string; message: string };

/** Events of a sequence run carry family: 'sequence'; their status tags are the same. */
export type SequenceTrainEvent =
  | (StageEvent & { family: 'sequence' })
  | {
      status: 'init';
      family: 'sequence';
      id: string;
      backend: BackendName;
      skipped: { backend: BackendName; reason: string }[];
      adapter?: string;
      vocabSize: number;
      coverage: SequenceRunResult['coverage'];
      leakage: SequenceRunResult['leakage'];
      entities: number;
      skippedRoles: number;
      problems: string[];
      stepsPerEpoch: number;
      engine: EngineReport;
      /** set on a resumed run: the checkpoint's epoch, the last one it does not train again */
      resumedFrom?: number;
    }
  | ({ status: 'batch'; family: 'sequence'; id: string } & BatchReport)
  | ({ status: 'epoch'; family: 'sequence'; id: string; memoryWarning?: string } & SequenceEpochSummary)
  | { status: 'checkpoint'; family: 'sequence'; id: string; checkpoint: NetCheckpoint; bytes: number }
  | {
      status: 'done';
      family: 'sequence';
      id: string;
      reason: SequenceFitResult['reason'];
      message?: string;
      epochsRun: number;
      bestEpoch: number;
      tensorCounts: number[];
      durationMs: number;
      model: SavedSequenceModel;
      result: SequenceRunResult;
    }
  | { status: 'error'; family: 'sequence'; id: string; message: string };

export type TrainEvent =
  | StageEvent
  | {
      status: 'init';
      id: string;
      backend: BackendName;
      skipped: { backend: BackendName; reason: string }[];
      adapter?: string;
      /** what trains the run: Kiln's engine on its kernels, or TF.js on `backend` */
      engine: EngineReport;
      splitSizes: SplitSizes;
      featureNames: string[];
      labels?: string[];
      droppedRows: number;
      stepsPerEpoch: number;
      /** set on a resumed run: the checkpoint's epoch, the last one it does not train again */
      resumedFrom?: number;
    }
  | ({ status: 'batch'; id: string } & BatchReport)
  | ({
      status: 'epoch';
      id: string;
      /** set when the tensor count grew since epoch 1: a leak that would end a long session */
      memoryWarning?: string;
    } & EpochSummary)
  /** a resumable state after `checkpoint.epoch`, posted with its buffers transferred; the page stores it */
  | { status: 'checkpoint'; id: string; checkpoint: NetCheckpoint; bytes: number }
  | {
      status: 'done';
      id: string;
      reason: StopReason;
      message?: string;
      epochsRun: number;
      bestEpoch: number;
      finalMetrics: MetricMap;
      durationMs: number;
      model: SavedTabularModel;
      preprocess: FittedPreprocess;
      task: TaskSpec;
      tensorCounts: number[];
      predictions: HeldOutPredictions;
    }
  | { status: 'error'; id: string; message: string };

export type TrainEventStatus = TrainEvent['status'] | SequenceTrainEvent['status'] | RankerTrainEvent['status'] | TabularCvEvent['status'];
