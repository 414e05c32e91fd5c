import type { BackendName } from '../src/ml/backends/tf-backend';
import type { BenchEvent, LoopResult } from './bench.protocol';

/** The ranker throughput bench: Kiln's engine vs a siamese tf.LayersModel.fit (and Kiln's TF.js loop) on the same pool, pairs and backend. */
export interface RankerBenchRequest {
  type: 'bench-ranker';
  id: string;
  backend: BackendName;
  /** items in the synthetic pool, and labeled pairs over it */
  poolSize: number;
  pairs: number;
  epochs: number;
  reps: number;
}

/** Throughputs are training pairs/s; `tfjsLoop` is Kiln's TF.js loop on the same backend. */
export type RankerBenchEvent =
  | BenchEvent
  | { status: 'init'; id: string; backend: BackendName; adapter?: string; nTrain: number }
  | { status: 'done'; id: string; backend: BackendName; kiln: LoopResult; fit: LoopResult; ratio: number; tfjsLoop: number[] };
