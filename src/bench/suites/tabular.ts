import type { BenchRequest } from '../../../workers/bench.protocol';
import type { BenchSuite } from './suite';
import { TABULAR_WORKLOADS } from './tabular-workloads';

/** The MLP workloads, timed on Kiln's loop against TF.js's model.fit. */
export const suite: BenchSuite = {
  unit: 'rows',
  workloads: TABULAR_WORKLOADS.map((w) => w.name),
  start(backend, workload, { epochs, reps }) {
    const w = TABULAR_WORKLOADS.find((x) => x.name === workload) ?? TABULAR_WORKLOADS[0];
    const request: BenchRequest = { type: 'bench', id: backend, backend, csvUrl: `${location.origin}/samples/${w.csv}`, target: w.target, kind: w.kind, epochs, reps, batchSize: w.batchSize, hiddenUnits: [...w.hiddenUnits] };
    return { worker: new Worker(new URL('../../../workers/tabular-bench.worker.ts', import.meta.url), { type: 'module' }), request };
  },
};
