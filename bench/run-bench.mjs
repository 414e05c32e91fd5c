// npm run bench: trains a fixed MLP on breast_cancer with Kiln's loop and with tf.LayersModel.fit,
// side by side in one headless Chromium, for each backend available; writes bench/results/train-throughput.json.
// `node bench/run-bench.mjs sequence` (npm run bench:sequence) does the same for the career BiLSTM
// on demo career paths and writes bench/results/sequence-throughput.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
const suite = process.argv[2] === 'sequence' ? 'sequence' : 'tabular';
const epochs = Number(process.env.BENCH_EPOCHS ?? (suite === 'sequence' ? 1 : 10));
const reps = Number(process.env.BENCH_REPS ?? (suite === 'sequence' ? 3 : 5));
const candidates = Number(process.env.BENCH_CANDIDATES ?? 2000);
// WebGL's LSTM on a software GL is slower than everything else here; ask for it with BENCH_BACKENDS
const backends = process.env.BENCH_BACKENDS ?? (suite === 'sequence' ? 'webgpu,wasm,cpu' : 'webgpu,webgl,wasm,cpu');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null;
};

const server = await createServer({ root, configFile: resolve(root, 'vite.config.ts'), server: { port: 5175, strictPort: true }, logLevel: 'warn' });
await server.listen();
const browser = await chromium.launch({
  executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
  await page.goto(`http://127.0.0.1:5175/bench.html?suite=${suite}&backends=${backends}&epochs=${epochs}&reps=${reps}&candidates=${candidates}`);
  let printed = 0;
  await page.waitForFunction(() => window.__kilnBench?.done === true, null, { timeout: 1_800_000, polling: 1000 }).catch(async (e) => {
    console.error((await page.evaluate(() => window.__kilnBench?.log ?? [])).join('\n'));
    throw e;
  });
  const state = await page.evaluate(() => window.__kilnBench);
  for (; printed < state.log.length; printed++) console.log(state.log[printed]);
  // the tabular suite: per workload, Kiln's engine (every rep of every backend's worker, interleaved
  // with that backend's fit), the best TF.js fit over the backends, and PyTorch in this same run
  const workloads = {};
  if (suite === 'tabular') {
    const { TABULAR_WORKLOADS } = await server.ssrLoadModule('/src/bench/workloads.ts');
    const peer = await server.ssrLoadModule('/bench/mlp-peer.ts');
    const noTorch = peer.torchUnavailable();
    for (const w of TABULAR_WORKLOADS) {
      const rs = state.results.filter((r) => r.workload === w.name && r.status === 'done');
      const kiln = median(rs.flatMap((r) => r.kiln.runs));
      // Kiln on every thread the isolated page gives it (MAX_THREADS at most), when that is more than one
      const threaded = rs.filter((r) => r.kilnThreads);
      const kilnAll = threaded.length ? median(threaded.flatMap((r) => r.kilnThreads.runs)) : null;
      const kilnThreads = threaded[0]?.kilnThreads.threads ?? 1;
      const kilnThreadsWhy = threaded[0]?.kilnThreads.why ?? rs[0]?.oneThreadWhy ?? null;
      const fits = Object.fromEntries(rs.map((r) => [r.backend, r.fit.median]));
      const best = Object.entries(fits).sort((a, b) => b[1] - a[1])[0];
      let pytorch = null;
      let pytorchAll = null;
      let pytorchSame = null;
      let torchNote = noTorch;
      if (!noTorch) {
        // PyTorch at 1 thread, at Kiln's thread count (the like-for-like column) and at every core
        const counts = [...new Set([1, kilnThreads, os.cpus().length])];
        const t = await peer.torchMlp(w, { epochs, reps, learningRate: 0.005, threads: counts });
        pytorch = median(t.threads['1']);
        pytorchSame = median(t.threads[String(kilnThreads)]);
        pytorchAll = median(t.threads[String(os.cpus().length)]);
        torchNote = `torch ${t.torch}`;
        console.log(`${w.name}: PyTorch 1 thread ${pytorch?.toFixed(0)}, ${kilnThreads} threads ${pytorchSame?.toFixed(0)}, ${os.cpus().length} threads ${pytorchAll?.toFixed(0)} samples/s`);
      }
      workloads[w.name] = {
        dataset: w.csv,
        model: `MLP ${w.hiddenUnits.join('x')} relu, ${w.kind}`,
        batchSize: w.batchSize,
        kiln,
        kilnRunsOn: { engine: 'kiln', kernels: 'wasm-simd', threads: 1, where: 'Chromium dedicated worker' },
        kilnAllThreads: kilnAll,
        kilnAllThreadsRunsOn: { engine: 'kiln', kernels: 'wasm-simd', threads: kilnThreads, why: kilnThreadsWhy, where: 'Chromium dedicated worker + nested helper workers (SharedArrayBuffer, cross-origin isolated)' },
        kilnThreadsSpeedup: kiln && kilnAll ? +(kilnAll / kiln).toFixed(2) : null,
        tfjsFitBest: best ? best[1] : null,
        tfjsFitBestBackend: best ? best[0] : null,
        tfjsFitPerBackend: fits,
        pytorch,
        pytorchThreads: 1,
        pytorchAllThreads: pytorchAll,
        pytorchKilnThreads: pytorchSame,
        pytorchNote: torchNote,
        kilnOverFit: kiln && best ? +(kiln / best[1]).toFixed(2) : null,
        kilnOverPytorch: kiln && pytorch ? +(kiln / pytorch).toFixed(2) : null,
        kilnOverPytorchAllThreads: kiln && pytorchAll ? +(kiln / pytorchAll).toFixed(2) : null,
        kilnAllThreadsOverPytorchSameThreads: kilnAll && pytorchSame ? +(kilnAll / pytorchSame).toFixed(2) : null,
      };
    }
  }
  const result = {
    bench: suite === 'sequence' ? 'sequence-throughput' : 'train-throughput',
    description:
      suite === 'sequence'
        ? "training sequences/s of Kiln's sequence loop (length-bucketed batches) vs tf.LayersModel.fit (batches padded to the longest prefix), same BiLSTM multi-task model, data, batch size, optimizer and per-epoch validation, interleaved reps, medians"
        : "samples/s of Kiln's engine (WASM SIMD kernels in a worker: 1 thread, and all threads of the cross-origin isolated page up to 4) vs tf.LayersModel.fit on each TF.js backend (interleaved reps in one worker per backend) and PyTorch CPU (same arrays, MLP, batch, epochs, Adam, per-epoch validation) in the same run; medians",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: `${os.platform()} ${os.release()}`, node: process.version, browser: browser.version() },
    config:
      suite === 'sequence'
        ? { dataset: `demo career paths (${candidates} people)`, model: 'embedding 16 → BiLSTM 16 → 3 heads', batchSize: 64, epochs, reps, ...state.info }
        : { epochs, reps, backends },
    ...(suite === 'tabular' ? { workloads } : {}),
    results: Object.fromEntries(
      state.results.map((r) => [
        r.workload ? `${r.workload}/${r.backend}` : r.backend,
        r.status === 'done'
          ? suite === 'sequence'
            ? { kilnSequencesPerSec: r.kiln, fitSequencesPerSec: r.fit, ratioKilnOverFit: +r.ratio.toFixed(3) }
            : { kilnSamplesPerSec: r.kiln, ...(r.kilnThreads ? { kilnAllThreadsSamplesPerSec: r.kilnThreads } : {}), fitSamplesPerSec: r.fit, ratioKilnOverFit: +r.ratio.toFixed(3) }
          : { unavailable: r.message },
      ]),
    ),
  };
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  const file = resolve(root, `bench/results/${result.bench}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.close();
}
