// npm run bench: trains each workload with Kiln's engine and with tf.LayersModel.fit, side by side in
// one headless Chromium, for each backend available, and the same workload in PyTorch in the same
// run; writes bench/results/train-throughput.json. Workloads: the MLPs of src/bench/workloads.ts
// (tabular suite), the career BiLSTM on demo career paths (sequence suite) and the pairwise ranker
// on a 500-item pool (ranker suite).
// `node bench/run-bench.mjs sequence` (npm run bench:sequence) runs the sequence suite alone and
// writes bench/results/sequence-throughput.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
const SUITES = ['tabular', 'sequence', 'ranker'];
const only = SUITES.includes(process.argv[2]) ? process.argv[2] : null;
const suites = only ? [only] : SUITES;
const epochsOf = (suite) => Number(process.env.BENCH_EPOCHS ?? (suite === 'sequence' ? 1 : suite === 'ranker' ? 5 : 10));
const repsOf = (suite) => Number(process.env.BENCH_REPS ?? (suite === 'tabular' ? 5 : 3));
const candidates = Number(process.env.BENCH_CANDIDATES ?? 2000);
// WebGL's LSTM on a software GL is slower than everything else here; ask for it with BENCH_BACKENDS
const backendsOf = (suite) => process.env.BENCH_BACKENDS ?? (suite === 'sequence' ? 'webgpu,wasm,cpu' : 'webgpu,webgl,wasm,cpu');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null;
};
const NO_GPU_PATH = "not measured on Kiln's WebGPU engine in this bench (it covers the dense models: the tabular MLPs here; the ranker trains on it in the studio; the BiLSTM has no GPU path)";
const ratio = (a, b) => (a && b ? +(a / b).toFixed(2) : null);

const server = await createServer({ root, configFile: resolve(root, 'vite.config.ts'), server: { port: 5175, strictPort: true }, logLevel: 'warn' });
await server.listen();
const browser = await chromium.launch({
  executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
/** One suite's page: every backend's worker, in turn; returns the page's state. */
async function runPage(suite) {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
  await page.goto(`http://127.0.0.1:5175/bench.html?suite=${suite}&backends=${backendsOf(suite)}&epochs=${epochsOf(suite)}&reps=${repsOf(suite)}&candidates=${candidates}`);
  await page.waitForFunction(() => window.__kilnBench?.done === true, null, { timeout: 1_800_000, polling: 1000 }).catch(async (e) => {
    console.error((await page.evaluate(() => window.__kilnBench?.log ?? [])).join('\n'));
    throw e;
  });
  const state = await page.evaluate(() => window.__kilnBench);
  for (const line of state.log) console.log(line);
  await page.close();
  return state;
}

/** The best TF.js fit over the backends of one workload's results. */
function fitsOf(rs) {
  const fits = Object.fromEntries(rs.map((r) => [r.backend, r.fit.median]));
  const best = Object.entries(fits).sort((a, b) => b[1] - a[1])[0];
  return { fits, best };
}

/**
 * One workload's figures: Kiln's engine (every rep of every backend's worker) on one thread and,
 * where the worker measured it, on every thread of the isolated page; the best TF.js fit over the
 * backends; Kiln's TF.js loop where measured; PyTorch from `torch(counts)` at 1 thread, at Kiln's
 * thread count (the like-for-like column) and at every core (skipped with a note where
 * /usr/bin/python3 has no torch); and the ratios.
 */
async function workloadEntry(rs, about, label, torch) {
  const kiln = median(rs.flatMap((r) => r.kiln.runs));
  const threaded = rs.filter((r) => r.kilnThreads);
  const kilnAll = threaded.length ? median(threaded.flatMap((r) => r.kilnThreads.runs)) : null;
  const kilnThreads = threaded[0]?.kilnThreads.threads ?? 1;
  const kilnThreadsWhy = threaded[0]?.kilnThreads.why ?? rs[0]?.oneThreadWhy ?? null;
  const { fits, best } = fitsOf(rs);
  // Kiln's WebGPU engine, timed in the webgpu backend's worker; a software adapter's figure is kept for the record, never as Kiln's speed
  const gpuRun = rs.find((r) => r.kilnWebgpu)?.kilnWebgpu ?? null;
  const kilnGpu = gpuRun ? median(gpuRun.runs) : null;
  const tfjsLoop = median(rs.flatMap((r) => r.tfjsLoop ?? []));
  const noTorch = (await server.ssrLoadModule('/bench/mlp-peer.ts')).torchUnavailable();
  const cores = os.cpus().length;
  let pytorch = null;
  let pytorchAll = null;
  let pytorchSame = null;
  let pytorchNote = noTorch;
  if (!noTorch) {
    const t = await torch([...new Set([1, kilnThreads, cores])]);
    pytorch = median(t.threads['1']);
    pytorchSame = median(t.threads[String(kilnThreads)]);
    pytorchAll = median(t.threads[String(cores)]);
    pytorchNote = `torch ${t.torch}`;
    console.log(`${label}: PyTorch 1 thread ${pytorch?.toFixed(0)}, ${kilnThreads} threads ${pytorchSame?.toFixed(0)}, ${cores} threads ${pytorchAll?.toFixed(0)} ${about.unit}`);
  }
  const pytorchBest = Math.max(...[pytorch, pytorchSame, pytorchAll].filter((x) => x != null));
  // Kiln's best engine configuration here, as auto would pick it (a software GPU is never one)
  const kilnConfigs = [
    ['wasm-simd, 1 thread', kiln],
    [`wasm-simd, ${kilnThreads} threads`, kilnAll],
    ...(gpuRun && !gpuRun.software ? [[`webgpu (${gpuRun.adapter})`, kilnGpu]] : []),
  ].filter(([, v]) => v != null);
  const [kilnBestRunsOn, kilnBest] = kilnConfigs.sort((a, b) => b[1] - a[1])[0] ?? [null, null];
  return {
    ...about,
    kiln,
    kilnRunsOn: { engine: 'kiln', kernels: 'wasm-simd', threads: 1, where: 'Chromium dedicated worker' },
    ...(threaded.length
      ? {
          kilnAllThreads: kilnAll,
          kilnAllThreadsRunsOn: { engine: 'kiln', kernels: 'wasm-simd', threads: kilnThreads, why: kilnThreadsWhy, where: 'Chromium dedicated worker + nested helper workers (SharedArrayBuffer, cross-origin isolated)' },
          kilnThreadsSpeedup: ratio(kilnAll, kiln),
        }
      : { kilnAllThreads: null, kilnAllThreadsNote: kilnThreadsWhy ?? 'this workload is measured on one thread' }),
    tfjsFitBest: best ? best[1] : null,
    tfjsFitBestBackend: best ? best[0] : null,
    tfjsFitPerBackend: fits,
    ...(tfjsLoop ? { kilnTfjsLoop: tfjsLoop } : {}),
    pytorch,
    pytorchThreads: 1,
    pytorchKilnThreads: pytorchSame,
    pytorchAllThreads: pytorchAll,
    pytorchNote,
    kilnWebgpu: kilnGpu,
    ...(gpuRun
      ? { kilnWebgpuRunsOn: { engine: 'kiln', kernels: 'webgpu', adapter: gpuRun.adapter, software: gpuRun.software }, kilnWebgpuOverTfjsWebgpu: ratio(kilnGpu, fits.webgpu), ...(gpuRun.software ? { kilnWebgpuNote: 'software adapter (no GPU on this machine): a correctness run, not a speed figure; auto never trains here' } : {}) }
      : { kilnWebgpuNote: about.kilnWebgpuNote ?? 'no WebGPU adapter in this run' }),
    kilnBest,
    kilnBestRunsOn,
    kilnBestOverFit: ratio(kilnBest, best?.[1]),
    kilnBestOverPytorchBest: Number.isFinite(pytorchBest) ? ratio(kilnBest, pytorchBest) : null,
    kilnOverFit: ratio(kiln, best?.[1]),
    kilnOverPytorch: ratio(kiln, pytorch),
    kilnOverPytorchAllThreads: ratio(kiln, pytorchAll),
    kilnAllThreadsOverPytorchSameThreads: ratio(kilnAll, pytorchSame),
  };
}

try {
  const workloads = {};
  const results = {};
  const configs = {};
  for (const suite of suites) {
    const state = await runPage(suite);
    const epochs = epochsOf(suite);
    const reps = repsOf(suite);
    for (const r of state.results) {
      results[r.workload ? `${r.workload}/${r.backend}` : `${suite}/${r.backend}`] =
        r.status === 'done' ? { kilnPerSec: r.kiln.median, ...(r.kilnThreads ? { kilnAllThreadsPerSec: r.kilnThreads.median, threads: r.kilnThreads.threads } : {}), ...(r.kilnWebgpu ? { kilnWebgpuPerSec: r.kilnWebgpu.median, adapter: r.kilnWebgpu.adapter } : {}), fitPerSec: r.fit.median, ratioKilnOverFit: +r.ratio.toFixed(3), ...(r.tfjsLoop ? { kilnTfjsLoopPerSec: median(r.tfjsLoop) } : {}) } : { unavailable: r.message };
    }
    if (suite === 'tabular') {
      // per workload: Kiln's engine (every rep of every backend's worker, interleaved with that
      // backend's fit), the best TF.js fit over the backends, and PyTorch in this same run
      configs.tabular = { epochs, reps, backends: backendsOf(suite) };
      const { TABULAR_WORKLOADS } = await server.ssrLoadModule('/src/bench/workloads.ts');
      const peer = await server.ssrLoadModule('/bench/mlp-peer.ts');
      for (const w of TABULAR_WORKLOADS) {
        const rs = state.results.filter((r) => r.workload === w.name && r.status === 'done');
        workloads[w.name] = await workloadEntry(rs, { dataset: w.csv, model: `MLP ${w.hiddenUnits.join('x')} relu, ${w.kind}`, batchSize: w.batchSize, unit: 'samples/s' }, w.name, (threads) => peer.torchMlp(w, { epochs, reps, learningRate: 0.005, threads }));
      }
    } else if (suite === 'ranker') {
      // the pairwise ranker: Kiln's engine vs a siamese fit on each backend, Kiln's TF.js loop for the record, PyTorch
      configs.ranker = { dataset: 'synthetic pool of 500 items × 64 features, 3,000 labeled pairs (10% noise)', model: 'shared scorer 64 → 256 relu → dropout 0.1 → 1, margin-ranking + tie loss', batchSize: 32, epochs, reps, backends: backendsOf(suite) };
      const { torchRanker } = await server.ssrLoadModule('/bench/ranker-peer.ts');
      workloads['ranker-pool500'] = await workloadEntry(state.results.filter((r) => r.status === 'done'), { ...configs.ranker, unit: 'training pairs/s', kilnWebgpuNote: NO_GPU_PATH }, 'ranker', (threads) => torchRanker({ poolSize: 500, pairs: 3000, epochs, reps, threads }));
    } else {
      // the career BiLSTM: Kiln's engine vs fit on each backend, Kiln's TF.js loop for the record, PyTorch
      configs.sequence = { dataset: `demo career paths (${candidates} people)`, model: 'embedding 16 → BiLSTM 16 → dropout 0.1 → 3 heads', batchSize: 64, epochs, reps, backends: backendsOf(suite), ...state.info };
      const { torchBilstm } = await server.ssrLoadModule('/bench/bilstm-peer.ts');
      workloads['bilstm-career'] = await workloadEntry(state.results.filter((r) => r.status === 'done'), { dataset: configs.sequence.dataset, model: configs.sequence.model, batchSize: 64, unit: 'training sequences/s', kilnWebgpuNote: NO_GPU_PATH }, 'bilstm', (threads) => torchBilstm({ candidates, batchSize: 64, hiddenUnits: 16, epochs, reps, threads }));
    }
  }
  const result = {
    bench: only && only !== 'tabular' ? `${only}-throughput` : 'train-throughput',
    description:
      "samples/s (sequences/s for the BiLSTM, pairs/s for the ranker) of Kiln's engine (WASM SIMD kernels in a worker: 1 thread, and for the MLPs all threads of the cross-origin isolated page up to 4, and its WebGPU engine where the webgpu backend runs; kilnBest: the fastest of those, a software adapter excluded) vs tf.LayersModel.fit on each TF.js backend (interleaved reps in one worker per backend) and PyTorch CPU (same data, model, batch, epochs, Adam, per-epoch validation) in the same run; medians",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: `${os.platform()} ${os.release()}`, node: process.version, browser: browser.version() },
    config: configs,
    workloads,
    results,
  };
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  const file = resolve(root, `bench/results/${result.bench}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.close();
}
