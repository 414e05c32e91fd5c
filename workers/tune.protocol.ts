import type { BackendName, BackendPreference } from '../src/ml/backends/tf-backend';
import type { EnginePreference, EngineReport } from '../src/ml/engine/engine-choice';
import type { Frame } from '../src/ml/data/frame';
import type { PreprocessOptions } from '../src/ml/data/preprocess';
import type { GbdtConfig } from '../src/ml/models/gbdt/config';
import type { TabularConfig } from '../src/ml/models/tabular/config';
import type { SearchResult, Trial } from '../src/ml/tune/search';
import type { StudySpec } from '../src/ml/tune/study';
import type { SplitConfig, SplitSizes, TaskSpec } from '../src/ml/task';
import type { StageEvent } from './train.protocol';

/**
 * A search over one model family's params. The study part (space, trials, sampler, seed, metric,
 * pruner) is family-neutral; `family` picks the objective and what else the request carries, so
 * another family adds a member to this union and a case in the worker.
 */
export type TuneStart = StudySpec & {
  type: 'tune';
  id: string;
  backend: BackendPreference;
} & (
    | {
        family: 'tabular';
        frame: Frame;
        task: TaskSpec;
        split: SplitConfig;
        preprocess: PreprocessOptions;
        /** each trial is this config with its sampled params applied */
        base: TabularConfig;
        /** Kiln's engine or TF.js (absent: auto), chosen as for a single run: every trial trains on it */
        engine?: EnginePreference;
      }
    | {
        /** trees train in plain JavaScript: `backend` is ignored and no TF.js backend is started */
        family: 'gbdt';
        frame: Frame;
        /** the dataset's name, for messages that point at a row */
        source: string;
        task: TaskSpec;
        /** holdout only: every trial fits on the train rows and is scored on the validation rows */
        split: SplitConfig;
        base: GbdtConfig;
      }
  );

export type TuneRequest = TuneStart | { type: 'stop'; id: string };

/**
 * Events echo the request id and carry a copy of the trial they concern. 'trial' marks a trial
 * starting (state 'running') or finishing (any other state); 'epoch' is one epoch (GBDT: one
 * reported round) of the running trial with the value it reported to the pruner.
 */
export type TuneEvent =
  | StageEvent
  | {
      status: 'init';
      id: string;
      backend: BackendName;
      skipped: { backend: BackendName; reason: string }[];
      adapter?: string;
      /** what trains the trials (tabular; GBDT trees train in plain JavaScript and report none) */
      engine?: EngineReport;
      splitSizes: SplitSizes;
      featureNames: string[];
      droppedRows: number;
      /** epochs (GBDT: rounds) a trial runs at most (the base config's, or the largest the space can set) */
      maxEpochs: number;
    }
  | {
      status: 'epoch';
      id: string;
      trial: Trial;
      epoch: number;
      trainLoss: number;
      valLoss: number;
      /** the study metric at this epoch */
      value: number;
      elapsedMs: number;
      numTensors: number;
    }
  | {
      status: 'trial';
      id: string;
      trial: Trial;
      /** set when tensors outlived a finished trial: each leaked model adds up over a long search */
      memoryWarning?: string;
    }
  | { status: 'done'; id: string; result: SearchResult; durationMs: number }
  | { status: 'error'; id: string; message: string };
