import type { BackendPreference } from '../src/ml/backends/tf-backend';
import type { EnginePreference, EngineReport } from '../src/ml/engine/engine-choice';
import type { SearchResult, Trial } from '../src/ml/tune/search';
import type { SearchContext } from '../src/ml/tune/family';
import type { StudySpec } from '../src/ml/tune/study';
import type { SplitSizes } from '../src/ml/task';
import type { StageEvent } from './train.protocol';
import type { TrainsOn } from './run-events';

/**
 * A search over one model family's params. The study part (space, trials, sampler, seed, metric,
 * pruner) is family-neutral; `family` is the id of a registered search (src/ml/tune/families.ts),
 * which reads `input` and `base`: what that family's search form built.
 */
export type TuneStart = StudySpec & {
  type: 'tune';
  id: string;
  family: string;
  /** ignored by a family that trains in plain JavaScript (no TF.js backend is started) */
  backend: BackendPreference;
  /** Kiln's engine or TF.js (absent: auto), chosen as for a single run: every trial trains on it */
  engine?: EnginePreference;
  /** what the family's metric choices depend on */
  context: SearchContext;
  /** the family's data and setup: the same for every trial */
  input: unknown;
  /** each trial is this config with its sampled params applied */
  base: unknown;
};

export type TuneRequest = TuneStart | { type: 'stop'; id: string };

/**
 * Events echo the request id and carry a copy of the trial they concern. 'trial' marks a trial
 * starting (state 'running') or finishing (any other state); 'epoch' is one step (an epoch, a
 * reported round) of the running trial with the value it reported to the pruner.
 */
export type TuneEvent =
  | StageEvent
  | ({
      status: 'init';
      id: string;
      /** what trains the trials (none for a family that trains in plain JavaScript) */
      engine?: EngineReport;
      splitSizes: SplitSizes;
      featureNames: string[];
      droppedRows: number;
      /** steps (epochs, rounds; 1 for a one-shot fit) a trial runs at most (the base config's, or the largest the space can set) */
      maxEpochs: number;
    } & Omit<TrainsOn, 'engine' | 'resumedFrom'>)
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
