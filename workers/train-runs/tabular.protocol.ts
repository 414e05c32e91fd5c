import type { BackendPreference } from '../../src/ml/backends/tf-backend';
import type { EnginePreference } from '../../src/ml/engine/engine-choice';
import type { Frame } from '../../src/ml/data/frame';
import type { FittedPreprocess, PreprocessOptions } from '../../src/ml/data/preprocess';
import type { MetricMap } from '../../src/ml/metrics/evaluate';
import type { TabularConfig } from '../../src/ml/models/tabular/config';
import type { SavedTabularModel } from '../../src/ml/models/tabular/saved-model';
import type { NetCheckpoint } from '../../src/ml/models/checkpoint';
import type { StopReason } from '../../src/ml/models/loop-utils';
import type { BatchReport } from '../../src/ml/models/loop-utils';
import type { EpochSummary, HeldOutPredictions } from '../../src/ml/evaluation/held-out-predictions';
import type { SplitConfig, SplitSizes, TaskSpec } from '../../src/ml/task';
import type { CommonEvent, TrainStart } from '../train.protocol';
import type { FitEnd, NetRunEvent, TrainsOn } from '../run-events';

/** A run of the tabular network (logistic / MLP / ordinal) on a frame. */
export interface TabularTrainRequest extends TrainStart {
  run: 'tabular';
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

export type TabularTrainEvent =
  | CommonEvent
  | ({ status: 'init'; id: string; splitSizes: SplitSizes; featureNames: string[]; labels?: string[]; droppedRows: number; stepsPerEpoch: number } & TrainsOn)
  | NetRunEvent<BatchReport, EpochSummary>
  | ({ status: 'done'; id: string; finalMetrics: MetricMap; model: SavedTabularModel; preprocess: FittedPreprocess; task: TaskSpec; predictions: HeldOutPredictions } & FitEnd<StopReason>);
