import type { BackendName } from '../ml/backends/tf-backend';
import { TABULAR_WORKLOADS, type Workload } from './workloads';
import type { BenchEvent, BenchRequest } from '../../workers/bench.protocol';
import type { SequenceBenchEvent, SequenceBenchRequest } from '../../workers/sequence-bench.protocol';
import type { RankerBenchEvent, RankerBenchRequest } from '../../workers/ranker-bench.protocol';

/**
 * Bench page: runs the throughput bench once per backend, each in a fresh worker (a backend's
 * state never leaks into the next), and leaves the results on window.__kilnBench for the runner.
 */
declare global {
  interface Window {
    __kilnBench?: { done: boolean; results: (BenchEvent & { workload?: string })[]; log: string[]; info?: Record<string, number> };
  }
}

const params = new URLSearchParams(location.search);
const backends = (params.get('backends') ?? 'webgpu,webgl,wasm,cpu').split(',') as BackendName[];
const epochs = Number(params.get('epochs') ?? 10);
const reps = Number(params.get('reps') ?? 3);
/** tabular: the MLP workloads; sequence: the career BiLSTM on demo paths; ranker: the pairwise scorer on a 500-item pool */
const suite = params.get('suite') === 'sequence' ? 'sequence' : params.get('suite') === 'ranker' ? 'ranker' : 'tabular';
const candidates = Number(params.get('candidates') ?? 2000);
const state: { done: boolean; results: (BenchEvent & { workload?: string })[]; log: string[]; info?: Record<string, number> } = { done: false, results: [], log: [] };


const workloads = (params.get('workloads') ?? TABULAR_WORKLOADS.map((w) => w.name).join(',')).split(',');
window.__kilnBench = state;
const out = document.getElementById('out')!;
const log = (s: string) => {
  state.log.push(s);
  out.textContent = state.log.join('\n');
};

function benchOne(backend: BackendName, w: Workload = TABULAR_WORKLOADS[0]): Promise<BenchEvent> {
  const worker =
    suite === 'sequence'
      ? new Worker(new URL('../../workers/sequence-bench.worker.ts', import.meta.url), { type: 'module' })
      : suite === 'ranker'
        ? new Worker(new URL('../../workers/ranker-bench.worker.ts', import.meta.url), { type: 'module' })
        : new Worker(new URL('../../workers/bench.worker.ts', import.meta.url), { type: 'module' });
  const req: BenchRequest | SequenceBenchRequest | RankerBenchRequest =
    suite === 'sequence'
      ? { type: 'bench-sequence', id: backend, backend, candidates, epochs, reps, batchSize: 64, hiddenUnits: 16 }
      : suite === 'ranker'
        ? { type: 'bench-ranker', id: backend, backend, poolSize: 500, pairs: 3000, epochs, reps }
        : { type: 'bench', id: backend, backend, csvUrl: `${location.origin}/samples/${w.csv}`, target: w.target, kind: w.kind, epochs, reps, batchSize: w.batchSize, hiddenUnits: [...w.hiddenUnits] };
  return new Promise<BenchEvent>((resolve) => {
    worker.onmessage = (e: MessageEvent<SequenceBenchEvent | RankerBenchEvent>) => {
      const ev = e.data;
      if (ev.status === 'batch') log(`${suite === 'tabular' ? `${w.name} ` : ''}${backend} ${ev.loop} rep ${ev.rep}: ${ev.samplesPerSec.toFixed(0)} samples/s`);
      else if (ev.status === 'init') {
        log(`${backend}: ${ev.nTrain} training ${suite === 'sequence' ? 'sequences' : suite === 'ranker' ? 'pairs' : 'rows'}${ev.adapter ? `, adapter ${ev.adapter}` : ''}`);
        if ('meanLength' in ev) state.info = { meanLength: ev.meanLength, maxLength: ev.maxLength, nTrain: ev.nTrain };
      }
      else resolve(ev);
    };
    worker.onerror = (e) => resolve({ status: 'error', id: backend, backend, message: e.message });
    worker.postMessage(req);
  }).finally(() => worker.terminate());
}

(async () => {
  const plan: (Workload | undefined)[] = suite !== 'tabular' ? [undefined] : TABULAR_WORKLOADS.filter((w) => workloads.includes(w.name));
  for (const w of plan) {
    for (const b of backends) {
      const r = await benchOne(b, w);
      state.results.push({ ...r, workload: w?.name });
      const threads = r.status === 'done' ? (r.kilnThreads ? `, kiln on ${r.kilnThreads.threads} threads ${r.kilnThreads.median.toFixed(0)}` : r.oneThreadWhy ? ` (kiln: ${r.oneThreadWhy})` : '') + (r.kilnWebgpu ? `, kiln on WebGPU (${r.kilnWebgpu.adapter}) ${r.kilnWebgpu.median.toFixed(0)}` : '') : '';
      log(`${w ? `${w.name} ` : ''}${r.status === 'done' ? `${b}: kiln ${r.kiln.median.toFixed(0)} vs fit ${r.fit.median.toFixed(0)} samples/s → ratio ${r.ratio.toFixed(2)}${threads}` : `${b}: ${r.status === 'error' ? r.message : r.status}`}`);
    }
  }
  state.done = true;
})();
