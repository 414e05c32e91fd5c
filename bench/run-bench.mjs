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
  const result = {
    bench: suite === 'sequence' ? 'sequence-throughput' : 'train-throughput',
    description:
      suite === 'sequence'
        ? "training sequences/s of Kiln's sequence loop (length-bucketed batches) vs tf.LayersModel.fit (batches padded to the longest prefix), same BiLSTM multi-task model, data, batch size, optimizer and per-epoch validation, interleaved reps, medians"
        : "samples/s of Kiln's custom loop vs tf.LayersModel.fit, same MLP, data, batch size and optimizer, interleaved reps, medians",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), platform: `${os.platform()} ${os.release()}`, node: process.version, browser: browser.version() },
    config:
      suite === 'sequence'
        ? { dataset: `demo career paths (${candidates} people)`, model: 'embedding 16 → BiLSTM 16 → 3 heads', batchSize: 64, epochs, reps, ...state.info }
        : { dataset: 'breast_cancer.csv', target: 'diagnosis', model: 'MLP 64x32 relu', batchSize: 32, epochs, reps },
    results: Object.fromEntries(
      state.results.map((r) => [
        r.backend,
        r.status === 'done'
          ? suite === 'sequence'
            ? { kilnSequencesPerSec: r.kiln, fitSequencesPerSec: r.fit, ratioKilnOverFit: +r.ratio.toFixed(3) }
            : { kilnSamplesPerSec: r.kiln, fitSamplesPerSec: r.fit, ratioKilnOverFit: +r.ratio.toFixed(3) }
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
