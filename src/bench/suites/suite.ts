import type { BackendName } from '../../ml/backends/tf-backend';
import type { BenchEvent } from '../../../workers/bench.protocol';

/** What any suite's worker posts: the MLP bench's events, whose init may add figures of the data (the BiLSTM's history lengths). */
export type SuiteEvent = BenchEvent | { status: 'init'; id: string; backend: BackendName; adapter?: string; nTrain: number; meanLength?: number; maxLength?: number };

/** What the bench page's URL sets for every suite. */
export interface BenchOptions {
  epochs: number;
  reps: number;
  /** how many career histories the BiLSTM suite generates */
  candidates: number;
}

/**
 * One suite of the bench page (a file of src/bench/suites/, named as `?suite=` names it): its
 * worker, the request for one backend and workload, and what its throughputs count.
 */
export interface BenchSuite {
  /** what one training example is, in the log ("rows", "sequences", "pairs") */
  unit: string;
  /** the workloads it measures, each run on every backend; [undefined] for a suite with one */
  workloads: readonly (string | undefined)[];
  start(backend: BackendName, workload: string | undefined, opts: BenchOptions): { worker: Worker; request: { type: string; id: string } };
}
