// One Kiln fit of the bench's large regression (bench/gbdt-bench.ts writes the matrix), in its own
// process so its peak resident memory is its own: prints {seconds, peakRssMiB, baseRssMiB, ...}.
// Histograms on every core (the GBDT pool), as the studio and CLI train.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { GbdtConfig } from '../src/ml/models/gbdt/config';
import { fitGbdt } from '../src/ml/models/gbdt/fit-gbdt';
import { startNodeGbdtPool } from '../src/ml/models/gbdt/threads/pool-node';

const [xPath, yPath, cfgJson] = process.argv.slice(2);
const cfg = JSON.parse(cfgJson) as GbdtConfig & { cols: number };
const xb = readFileSync(xPath);
const yb = readFileSync(yPath);
const x = new Float32Array(xb.buffer, xb.byteOffset, xb.byteLength / 4);
const y = new Float64Array(yb.buffer.slice(yb.byteOffset, yb.byteOffset + yb.byteLength));
const names = Array.from({ length: cfg.cols }, (_, i) => `x${i}`);
const pool = await startNodeGbdtPool(os.availableParallelism());
const baseRss = process.memoryUsage().rss;
const t0 = performance.now();
const r = await fitGbdt({ x, featureNames: names, y, trainRows: Int32Array.from({ length: y.length }, (_, i) => i) }, 'regression', 1, cfg, {}, undefined, pool);
const seconds = (performance.now() - t0) / 1000;
// maxRSS is in KiB
console.log(JSON.stringify({ seconds, rows: y.length, rowsPerSecond: y.length / seconds, trees: r.model.trees.length, trainLoss: r.history.at(-1)?.trainLoss, threads: pool.helpers + 1, peakRssMiB: process.resourceUsage().maxRSS / 1024, baseRssMiB: baseRss / 2 ** 20 }));
await pool.close();
