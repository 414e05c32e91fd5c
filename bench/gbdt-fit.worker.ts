// Runs one GBDT fit inside a worker thread, as the studio's Web Worker does, and reports its time.
// `engine` picks where histograms are built: 'threads' (the pool on every core, what the studio
// and CLI use), 'transfer' (that pool without shared memory), 'wasm' (the same kernels on this thread alone) or 'js' (the JavaScript loops, as
// before the kernels: the bench's "before").
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { KERNELS_WASM_PATH, readBestKernelsWasm } from '../src/ml/engine/wasm/kernels-wasm-node';
import type { GbdtConfig } from '../src/ml/models/gbdt/config';
import { fitGbdt, type GbdtThreads } from '../src/ml/models/gbdt/fit-gbdt';
import { startNodeGbdtPool } from '../src/ml/models/gbdt/threads/pool-node';
import { WasmHistEngine } from '../src/ml/models/gbdt/wasm-hist-engine';
import type { TaskKind } from '../src/ml/task';

interface Job {
  x: Float32Array;
  y: Float64Array;
  names: string[];
  kind: TaskKind;
  classes: number;
  cfg: GbdtConfig;
  engine: 'threads' | 'transfer' | 'wasm' | 'js';
}

const pool = startNodeGbdtPool(os.availableParallelism());
// the same pool meeting by messages, as in a page that is not cross-origin isolated
const byMessage = startNodeGbdtPool(os.availableParallelism(), 'transfer');
const plain = readBestKernelsWasm(KERNELS_WASM_PATH).then((b) => WebAssembly.compile(b));

parentPort?.on('message', async (job: Job) => {
  const rows = Int32Array.from({ length: job.y.length }, (_, i) => i);
  const module = await plain;
  const threads: GbdtThreads | undefined = job.engine === 'threads' ? await pool : job.engine === 'transfer' ? await byMessage : job.engine === 'wasm' ? { engine: async (inp) => new WasmHistEngine(inp, module) } : undefined;
  const t0 = performance.now();
  const r = await fitGbdt({ x: job.x, featureNames: job.names, y: job.y, trainRows: rows }, job.kind, job.classes, job.cfg, {}, undefined, threads);
  parentPort?.postMessage({ seconds: (performance.now() - t0) / 1000, trees: r.model.trees.length, trainLoss: r.history.at(-1)?.trainLoss, threads: r.threads });
});
