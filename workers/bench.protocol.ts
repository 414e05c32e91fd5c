import type { BackendName } from '../src/ml/backends/tf-backend';

/** The throughput bench: Kiln's engine vs tf.LayersModel.fit on the same model, data and backend. */
export interface BenchRequest {
  type: 'bench';
  id: string;
  backend: BackendName;
  csvUrl: string;
  target: string;
  kind: 'binary' | 'multiclass';
  epochs: number;
  reps: number;
  batchSize: number;
  hiddenUnits: number[];
}

export interface LoopResult {
  /** samples/s of each repetition, in run order */
  runs: number[];
  median: number;
}

export type BenchEvent =
  | { status: 'init'; id: string; backend: BackendName; adapter?: string; nTrain: number }
  | { status: 'batch'; id: string; loop: 'kiln' | 'fit'; rep: number; samplesPerSec: number }
  | { status: 'done'; id: string; backend: BackendName; kiln: LoopResult; fit: LoopResult; ratio: number }
  | { status: 'error'; id: string; backend: BackendName; message: string };
