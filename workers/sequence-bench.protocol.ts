import type { BackendName } from '../src/ml/backends/tf-backend';
import type { BenchEvent } from './bench.protocol';

/** The sequence throughput bench: Kiln's sequence loop vs tf.LayersModel.fit on the same BiLSTM, data and backend. */
export interface SequenceBenchRequest {
  type: 'bench-sequence';
  id: string;
  backend: BackendName;
  /** demo career paths to build examples from */
  candidates: number;
  epochs: number;
  reps: number;
  batchSize: number;
  hiddenUnits: number;
}

/** The same events as the tabular bench; `init` counts training sequences, throughputs are sequences/s. */
export type SequenceBenchEvent = BenchEvent | { status: 'init'; id: string; backend: BackendName; adapter?: string; nTrain: number; meanLength: number; maxLength: number };
