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
  | { status: 'batch'; id: string; loop: 'kiln' | 'kiln-threads' | 'kiln-webgpu' | 'fit'; rep: number; samplesPerSec: number }
  | {
      status: 'done';
      id: string;
      backend: BackendName;
      /** Kiln's engine on one thread, as on a page that is not cross-origin isolated */
      kiln: LoopResult;
      fit: LoopResult;
      ratio: number;
      /** Kiln's engine on every thread this isolated page gives it (absent when that is one), and why that many */
      kilnThreads?: LoopResult & { threads: number; why: string };
      /** why Kiln had one thread only, when `kilnThreads` is absent */
      oneThreadWhy?: string;
      /** Kiln's WebGPU engine (measured in the webgpu backend's worker), on this adapter; `software`: a software adapter, a correctness figure only */
      kilnWebgpu?: LoopResult & { adapter: string; software: boolean };
    }
  | { status: 'error'; id: string; backend: BackendName; message: string };
