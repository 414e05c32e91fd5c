// Runs one GBDT fit inside a worker thread, as the studio's Web Worker does, and reports its time.
import { parentPort } from 'node:worker_threads';
import type { GbdtConfig } from '../src/ml/models/gbdt/config';
import { fitGbdt } from '../src/ml/models/gbdt/fit-gbdt';
import type { TaskKind } from '../src/ml/task';

interface Job {
  x: Float32Array;
  y: Float64Array;
  names: string[];
  kind: TaskKind;
  classes: number;
  cfg: GbdtConfig;
}

parentPort?.on('message', async (job: Job) => {
  const rows = Int32Array.from({ length: job.y.length }, (_, i) => i);
  const t0 = performance.now();
  const r = await fitGbdt({ x: job.x, featureNames: job.names, y: job.y, trainRows: rows }, job.kind, job.classes, job.cfg);
  parentPort?.postMessage({ seconds: (performance.now() - t0) / 1000, trees: r.model.trees.length, trainLoss: r.history.at(-1)?.trainLoss });
});
