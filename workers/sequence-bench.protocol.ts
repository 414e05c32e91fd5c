import type { BackendName } from '../src/ml/backends/tf-backend';
import type { BenchEvent, LoopResult } from './bench.protocol';

/** The sequence throughput bench: Kiln's engine vs tf.LayersModel.fit (and Kiln's TF.js loop) on the same BiLSTM, data and backend. */
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

/** The same events as the MLP bench (bench.protocol.ts); `init` counts training sequences, throughputs are sequences/s. */
export type SequenceBenchEvent =
  | BenchEvent
  | { status: 'init'; id: string; backend: BackendName; adapter?: string; nTrain: number; meanLength: number; maxLength: number }
  /** `kiln` is Kiln's engine; `tfjsLoop` Kiln's TF.js loop on the same backend (what the engine replaced) */
  | { status: 'done'; id: string; backend: BackendName; kiln: LoopResult; fit: LoopResult; ratio: number; tfjsLoop: number[] };
