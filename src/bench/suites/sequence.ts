import type { SequenceBenchRequest } from '../../../workers/sequence-bench.protocol';
import type { BenchSuite } from './suite';

/** The career BiLSTM on generated demo career paths. */
export const suite: BenchSuite = {
  unit: 'sequences',
  workloads: [undefined],
  start(backend, _workload, { epochs, reps, candidates }) {
    const request: SequenceBenchRequest = { type: 'bench-sequence', id: backend, backend, candidates, epochs, reps, batchSize: 64, hiddenUnits: 16 };
    return { worker: new Worker(new URL('../../../workers/sequence-bench.worker.ts', import.meta.url), { type: 'module' }), request };
  },
};
