// node bench/webgpu-gemm-bench.mjs [label] — the WebGPU engine's GEMM micro-bench
// (e2e/harness/webgpu-gemm-bench.ts) in Debian Chromium on its WebGPU adapter (SwiftShader on a
// machine without a GPU): the engine's step rate for two MLPs, and GFLOP/s of each GEMM of their
// steps for the engine's kernel, the pre-blocking 16×16 kernel and TF.js webgpu's tf.matMul.
// BENCH_REPS (default 5) reps, medians. Writes bench/results/webgpu-gemm[-label].json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const root = resolve(import.meta.dirname, '..');
const label = process.argv[2] ?? '';
const port = Number(process.env.BENCH_PORT ?? 5186);
const reps = Number(process.env.BENCH_REPS ?? 5);
const server = await createServer({ root, configFile: resolve(root, 'vite.config.ts'), server: { port, strictPort: true }, logLevel: 'warn' });
await server.listen();
const browser = await chromium.launch({
  executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--enable-unsafe-webgpu', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('[page]', m.text()));
  await page.goto(`http://127.0.0.1:${port}/e2e/harness/webgpu-gemm-bench.html?reps=${reps}`);
  await page.waitForFunction(() => window.__gemmBench?.done === true, null, { timeout: 1_800_000, polling: 500 });
  const state = await page.evaluate(() => window.__gemmBench);
  if (state.error) throw new Error(state.error);
  const r = { ...state.result, label, loadavg: os.loadavg(), at: new Date().toISOString() };
  mkdirSync(resolve(root, 'bench/results'), { recursive: true });
  const out = resolve(root, `bench/results/webgpu-gemm${label ? `-${label}` : ''}.json`);
  writeFileSync(out, JSON.stringify(r, null, 2));
  console.log(`adapter: ${r.adapter}; reps ${r.reps}; loadavg ${r.loadavg.map((x) => x.toFixed(2)).join(' ')}`);
  for (const s of r.steps) console.log(`step rate ${s.mlp}: ${s.samplesPerSec} samples/s (${s.stepsPerSec} steps/s), runs ${s.runs.join(' ')}`);
  console.log('GEMM GFLOP/s (m×n×k layout): kiln | 16×16 baseline | tf.matMul | 64×64 tile  [kiln spread]');
  for (const g of r.gemm) console.log(`  ${g.mlp} ${g.what.padEnd(7)} ${`${g.m}×${g.n}×${g.k} ${g.layout}`.padEnd(16)} ${String(g.kilnGflops).padStart(8)} | ${String(g.baselineGflops).padStart(8)} | ${String(g.tfjsGflops).padStart(8)} | ${String(g.tile64Gflops).padStart(8)}  [${g.spreadKiln}]`);
  for (const mlp of new Set(r.gemm.map((g) => g.mlp))) {
    const gs = r.gemm.filter((g) => g.mlp === mlp);
    const sum = (k) => gs.reduce((s, g) => s + g[k], 0).toFixed(3);
    console.log(`  ${mlp}: GEMM ms per step: kiln ${sum('kilnMs')} | baseline ${sum('baselineMs')} | tf.matMul ${sum('tfjsMs')} | 64×64 tile ${sum('tile64Ms')}`);
  }
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}
