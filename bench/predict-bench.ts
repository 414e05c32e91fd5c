// kiln predict on a 1,000,000-row CSV: wall time, rows/s and the CLI process's peak RSS at three
// batch sizes, on a quarter of the file, and with V8's heap capped, to show memory follows the batch and not the file.
// Run: npm run bench:predict (writes bench/results/predict.json)
import * as tf from '@tensorflow/tfjs';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFile } from '../src/ml/data/parse-file';
import { columnStats } from '../src/ml/data/column-stats';
import { getColumn, isNumericColumn } from '../src/ml/data/frame';
import { runFamily } from '../src/ml/models/lifecycle';
import type { AnyModelFamily } from '../src/ml/models/family';
import { tabularFamily } from '../src/ml/models/tabular/family';
import { sampleBytes } from '../src/test-utils/fixtures';
import { mulberry32 } from '../src/ml/data/rng';

const here = dirname(fileURLToPath(import.meta.url));
const ROWS = Number(process.env.PREDICT_BENCH_ROWS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'kiln-predict-bench-'));

async function trainWine(): Promise<{ model: string; features: string[]; source: Float64Array[] }> {
  await tf.setBackend('cpu');
  const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
  const defaults = tabularFamily.defaults({ name: 'wine.csv', columns: frame.columns.map(columnStats) });
  const config = { ...defaults, model: { ...defaults.model, epochs: 20, earlyStopping: { ...defaults.model.earlyStopping, enabled: false } } };
  const family = tabularFamily as unknown as AnyModelFamily;
  const run = await runFamily(family, { frame, source: 'wine.csv' }, config, { engine: { kind: 'tfjs' } });
  const bundle = await family.toOnnx(run.fitted.model, run.prepared, { modelId: 'wine_bench', kilnVersion: 'bench', createdAt: new Date().toISOString() });
  const model = join(dir, 'wine.onnx');
  writeFileSync(model, bundle.model);
  const features = config.task.features;
  const source = features.map((f) => {
    const c = getColumn(frame, f);
    if (!isNumericColumn(c)) throw new Error(`${f} is not numeric`);
    return c.values;
  });
  return { model, features, source };
}

/** Wine rows drawn at random with ±5% noise per cell, plus an id; one row in 200 has a missing cell. */
async function writeCsv(file: string, rows: number, features: string[], source: Float64Array[]): Promise<void> {
  // seeded, so two runs score the same file
  const rand = mulberry32(7);
  const n = source[0].length;
  const ws = createWriteStream(file);
  ws.write(`row_id,${features.join(',')}\n`);
  let chunk = '';
  for (let r = 0; r < rows; r++) {
    const from = Math.floor(rand() * n);
    let line = String(r);
    for (let j = 0; j < features.length; j++) line += rand() < 0.005 / features.length ? ',' : `,${(source[j][from] * (0.95 + 0.1 * rand())).toPrecision(5)}`;
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!ws.write(chunk)) await once(ws, 'drain');
      chunk = '';
    }
  }
  ws.end(chunk);
  await once(ws, 'finish');
}

interface Measured {
  label: string;
  rows: number;
  batchRows: number;
  inputMiB: number;
  wallSeconds: number;
  rowsPerSecond: number;
  peakRssMiB: number;
  outputMiB: number;
  /** V8's old-space cap for the run, when set: a run that completes under it holds no more than that */
  heapCapMiB?: number;
}

async function measure(label: string, model: string, input: string, rows: number, batchRows: number, heapCapMiB?: number): Promise<Measured> {
  const out = join(dir, `preds-${label}.csv`);
  const entry = resolve(here, 'predict-entry.ts');
  const t0 = performance.now();
  // a child process of its own: its peak RSS is the CLI's, not this bench's with its training and data
  const child = spawn(process.execPath, [...(heapCapMiB ? [`--max-old-space-size=${heapCapMiB}`] : []), '--import', 'tsx', entry, '--model', model, '--input', input, '--out', out, '--batch-rows', String(batchRows), '--id', 'row_id'], { stdio: ['ignore', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'close')) as [number];
  const wallSeconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`kiln predict exited ${code}: ${stderr.slice(-2000)}`);
  const report = JSON.parse(stderr.trim().split('\n').pop() as string) as { maxRssMiB: number };
  const m: Measured = {
    label,
    rows,
    batchRows,
    inputMiB: statSync(input).size / 2 ** 20,
    wallSeconds,
    rowsPerSecond: rows / wallSeconds,
    peakRssMiB: report.maxRssMiB,
    outputMiB: statSync(out).size / 2 ** 20,
    ...(heapCapMiB ? { heapCapMiB } : {}),
  };
  rmSync(out);
  console.log(`${label}: ${rows} rows, batch ${batchRows}: ${wallSeconds.toFixed(2)} s, ${Math.round(m.rowsPerSecond)} rows/s, peak RSS ${m.peakRssMiB.toFixed(0)} MiB (input ${m.inputMiB.toFixed(0)} MiB)`);
  return m;
}

const { model, features, source } = await trainWine();
const big = join(dir, 'wine-1m.csv');
const quarter = join(dir, 'wine-quarter.csv');
await writeCsv(big, ROWS, features, source);
await writeCsv(quarter, Math.floor(ROWS / 4), features, source);
const runs: Measured[] = [];
for (const batch of [65536, 10_000, 100_000]) runs.push(await measure(`full-${batch}`, model, big, ROWS, batch));
runs.push(await measure('quarter-65536', model, quarter, Math.floor(ROWS / 4), 65536));
// V8 lets its heap grow with the garbage of a long run before collecting hard; capped, the same run
// completes in a fraction of that, which is what the CLI needs, whatever the file's size
runs.push(await measure('full-65536-heap-cap-160', model, big, ROWS, 65536, 160));
const result = {
  bench: 'kiln predict (wine MLP, onnxruntime-node, CSV in → CSV out, child process)',
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemGiB: totalmem() / 2 ** 30, node: process.version, platform: `${process.platform}-${process.arch}` },
  note: 'wallSeconds includes the child process start (tsx, onnxruntime load); peakRssMiB is the child\'s process.resourceUsage().maxRSS; uncapped, V8 grows its heap with the run\'s garbage, the capped run shows what the scoring needs',
  runs,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'predict.json'), `${JSON.stringify(result, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });
console.log('wrote bench/results/predict.json');
