import type { RankerBenchRequest } from '../../../workers/ranker-bench.protocol';
import type { BenchSuite } from './suite';

/** The pairwise scorer on a 500-item pool. */
export const suite: BenchSuite = {
  unit: 'pairs',
  workloads: [undefined],
  start(backend, _workload, { epochs, reps }) {
    const request: RankerBenchRequest = { type: 'bench-ranker', id: backend, backend, poolSize: 500, pairs: 3000, epochs, reps };
    return { worker: new Worker(new URL('../../../workers/ranker-bench.worker.ts', import.meta.url), { type: 'module' }), request };
  },
};
