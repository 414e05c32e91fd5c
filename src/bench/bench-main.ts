import type { BackendName } from '../ml/backends/tf-backend';
import type { BenchEvent } from '../../workers/bench.protocol';
import type { BenchSuite, SuiteEvent } from './suites/suite';

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
/** The suites, one file each under suites/ (bench/run-bench.mjs names the one a page runs in `?suite=`). */
const SUITES = import.meta.glob<BenchSuite>(['./suites/*.ts', '!./suites/suite.ts', '!./suites/*-workloads.ts'], { eager: true, import: 'suite' });
const suiteName = params.get('suite') ?? '';
const suite: BenchSuite | undefined = SUITES[`./suites/${suiteName}.ts`];
const candidates = Number(params.get('candidates') ?? 2000);
const state: { done: boolean; results: (BenchEvent & { workload?: string })[]; log: string[]; info?: Record<string, number> } = { done: false, results: [], log: [] };

/** `?workloads=` picks some of a suite's named workloads (all by default) */
const picked = params.get('workloads')?.split(',');
window.__kilnBench = state;
const out = document.getElementById('out')!;
const log = (s: string) => {
  state.log.push(s);
  out.textContent = state.log.join('\n');
};

function benchOne(suite: BenchSuite, backend: BackendName, workload: string | undefined): Promise<BenchEvent> {
  const { worker, request } = suite.start(backend, workload, { epochs, reps, candidates });
  return new Promise<BenchEvent>((resolve) => {
    worker.onmessage = (e: MessageEvent<SuiteEvent>) => {
      const ev = e.data;
      if (ev.status === 'batch') log(`${workload ? `${workload} ` : ''}${backend} ${ev.loop} rep ${ev.rep}: ${ev.samplesPerSec.toFixed(0)} samples/s`);
      else if (ev.status === 'init') {
        log(`${backend}: ${ev.nTrain} training ${suite.unit}${ev.adapter ? `, adapter ${ev.adapter}` : ''}`);
        if ('meanLength' in ev && ev.meanLength !== undefined && ev.maxLength !== undefined) state.info = { meanLength: ev.meanLength, maxLength: ev.maxLength, nTrain: ev.nTrain };
      }
      else resolve(ev);
    };
    worker.onerror = (e) => resolve({ status: 'error', id: backend, backend, message: e.message });
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

(async () => {
  if (!suite) {
    const names = Object.keys(SUITES).map((k) => k.replace(/^\.\/suites\/|\.ts$/g, ''));
    log(`no bench suite "${suiteName}": pass ?suite= one of ${names.join(', ')}`);
    state.done = true;
    return;
  }
  const plan = suite.workloads.filter((w) => w === undefined || !picked || picked.includes(w));
  for (const w of plan) {
    for (const b of backends) {
      const r = await benchOne(suite, b, w);
      state.results.push({ ...r, workload: w });
      const threads = r.status === 'done' ? (r.kilnThreads ? `, kiln on ${r.kilnThreads.threads} threads ${r.kilnThreads.median.toFixed(0)}` : r.oneThreadWhy ? ` (kiln: ${r.oneThreadWhy})` : '') + (r.kilnWebgpu ? `, kiln on WebGPU (${r.kilnWebgpu.adapter}) ${r.kilnWebgpu.median.toFixed(0)}` : '') : '';
      log(`${w ? `${w} ` : ''}${r.status === 'done' ? `${b}: kiln ${r.kiln.median.toFixed(0)} vs fit ${r.fit.median.toFixed(0)} samples/s → ratio ${r.ratio.toFixed(2)}${threads}` : `${b}: ${r.status === 'error' ? r.message : r.status}`}`);
    }
  }
  state.done = true;
})();
