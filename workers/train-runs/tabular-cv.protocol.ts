import type { BackendPreference } from '../../src/ml/backends/tf-backend';
import type { EnginePreference } from '../../src/ml/engine/engine-choice';
import type { Frame } from '../../src/ml/data/frame';
import type { PreprocessOptions } from '../../src/ml/data/preprocess';
import type { TabularConfig } from '../../src/ml/models/tabular/config';
import type { StopReason } from '../../src/ml/models/loop-utils';
import type { TaskSpec } from '../../src/ml/task';
import type { CvConfig } from '../../src/ml/eval/cross-validation';
import type { CvRunResult, FoldOutcome } from '../../src/ml/eval/cv-result';
import type { CommonEvent, TrainStart } from '../train.protocol';
import type { TrainsOn } from '../run-events';

/** k-fold cross-validation of the tabular network (no model is kept). */
export interface TabularCvRequest extends TrainStart {
  run: 'tabular-cv';
  frame: Frame;
  task: TaskSpec;
  cv: CvConfig;
  preprocess: PreprocessOptions;
  model: TabularConfig;
  backend: BackendPreference;
  /** Kiln's engine or TF.js (absent: auto), chosen as for a single run */
  engine?: EnginePreference;
}

/** 'fold' reports a finished fold. */
export type TabularCvEvent =
  | CommonEvent
  | ({ status: 'init'; id: string; folds: number; featureNames: string[]; droppedRows: number } & Omit<TrainsOn, 'resumedFrom'>)
  | { status: 'epoch'; id: string; fold: number; epoch: number; trainLoss: number; valLoss: number; elapsedMs: number; numTensors: number; memoryWarning?: string }
  | { status: 'fold'; id: string; result: FoldOutcome; index: number; total: number }
  | { status: 'done'; id: string; reason: StopReason; cv: CvRunResult; durationMs: number; labels?: string[] };
