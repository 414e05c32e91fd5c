// npm run bench:gbdt — Kiln's histogram GBDT against scikit-learn's HistGradientBoosting, same run:
// 1) speed: 2,000 essays × 433 features (49 engineered + 384-dim embedding), 300 rounds, depth 6,
//    no early stopping; Kiln in a worker thread (ordinal and binary objectives) with its histograms
//    on every core (the GBDT pool, as the studio and CLI train), the peer on the same matrix and
//    cores (binary; it has no ordinal objective). Also the pool by messages (no shared memory: a
//    page without cross-origin isolation), Kiln's wasm kernels on one thread and its
//    JavaScript loops (the "before"). Medians of BENCH_REPS (3) interleaved reps; ratios are
//    Kiln's median over scikit-learn's.
// 1b) large: 1,000,000 × 50 synthetic regression, 100 rounds, 31 leaves: rows/s and peak resident
//    memory of each side, each in its own process on the same matrix.
// 2) matched-settings accuracy on the shared UCI datasets (the acceptance test's split).
// 3) essays, 5-fold stratified CV on all 433 features: ordinal vs multiclass objective, QWK.
// Writes bench/results/gbdt.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { ESSAY_COLUMNS, generateEssays, GRADES } from '../proxy/src/demo/essays';
import { ESSAY_FEATURE_NAMES } from '../proxy/src/demo/essay-features';
import { defaultGbdtConfig, type GbdtConfig } from '../src/ml/models/gbdt/config';
import { fitGbdt } from '../src/ml/models/gbdt/fit-gbdt';
import { predict } from '../src/ml/models/gbdt/model';
import { trainGbdtRun } from '../src/ml/models/gbdt/train-gbdt';
import type { Frame } from '../src/ml/data/frame';
import type { TaskKind } from '../src/ml/task';
import { argmaxRows, multiclassLogLoss } from '../src/ml/metrics/multiclass';
import { binaryLogLoss } from '../src/ml/metrics/binary';
import { rmse } from '../src/ml/metrics/regression';
import { loadCase, matchedConfig, PEER_CASES } from '../scripts/peer/peer-datasets';
import { inWorker } from './in-worker';
import { largeRegression, LARGE_COLS } from './gbdt-large-data';
import { PEER_PYTHON, peerAvailable, runPeer } from '../scripts/peer/run-peer';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function essaysFrame(n: number): Frame {
  const rows = generateEssays(n);
  const col = (name: string) => ESSAY_COLUMNS.indexOf(name);
  const numeric = ESSAY_FEATURE_NAMES.map((name) => ({ name, dtype: 'numeric' as const, values: Float64Array.from(rows, (r) => (r[col(name)] === null ? NaN : Number(r[col(name)]))) }));
  return {
    rowCount: n,
    columns: [
      ...numeric,
      { name: 'embedding', dtype: 'text', values: rows.map((r) => String(r[col('embedding')])) },
      { name: 'grade', dtype: 'categorical', values: rows.map((r) => String(r[col('grade')])) },
    ],
  };
}

function essaysMatrix(n: number) {
  const rows = generateEssays(n);
  const col = (name: string) => ESSAY_COLUMNS.indexOf(name);
  const F = ESSAY_FEATURE_NAMES.length;
  const emb = (r: (typeof rows)[number]) => JSON.parse(String(r[col('embedding')])) as number[];
  const D = emb(rows[0]).length;
  const x = new Float32Array(n * (F + D));
  rows.forEach((r, i) => {
    ESSAY_FEATURE_NAMES.forEach((name, f) => (x[i * (F + D) + f] = r[col(name)] === null ? NaN : Number(r[col(name)])));
    x.set(emb(r), i * (F + D) + F);
  });
  const grade = Float64Array.from(rows, (r) => GRADES.indexOf(r[col('grade')] as (typeof GRADES)[number]));
  return { x, cols: F + D, grade, names: [...ESSAY_FEATURE_NAMES, ...Array.from({ length: D }, (_, d) => `embedding[${d}]`)] };
}

type Engine = 'threads' | 'transfer' | 'wasm' | 'js';
const fitInWorker = (job: { x: Float32Array; y: Float64Array; names: string[]; kind: TaskKind; classes: number; cfg: GbdtConfig; engine: Engine }) => inWorker<{ seconds: number; trees: number; threads: number }>('gbdt-fit.worker.ts', job);

const hasPeer = peerAvailable();
const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.release()}` };

// 1) speed
const m = essaysMatrix(2000);
const binary = Float64Array.from(m.grade, (g) => (g >= GRADES.indexOf('B') ? 1 : 0));
const speedCfg: GbdtConfig = { ...defaultGbdtConfig(), rounds: 300, maxDepth: 6, numLeaves: 64, growth: 'depthwise', earlyStoppingRounds: 0, minSamplesLeaf: 20, l2: 1 };
const speed: Record<string, number[]> = { kilnOrdinal: [], kilnBinary: [], kilnBinaryTransfer: [], kilnBinaryWasm1: [], kilnBinaryJs1: [], peerBinary: [] };
const all = Int32Array.from({ length: 2000 }, (_, i) => i);
let kilnThreads = 1;
for (let rep = 0; rep < REPS; rep++) {
  const job = { x: m.x, names: m.names, classes: 8, cfg: speedCfg };
  const ord = await fitInWorker({ ...job, y: m.grade, kind: 'ordinal', engine: 'threads' });
  kilnThreads = ord.threads;
  speed.kilnOrdinal.push(ord.seconds);
  speed.kilnBinary.push((await fitInWorker({ ...job, y: binary, kind: 'binary', classes: 2, engine: 'threads' })).seconds);
  speed.kilnBinaryTransfer.push((await fitInWorker({ ...job, y: binary, kind: 'binary', classes: 2, engine: 'transfer' })).seconds);
  speed.kilnBinaryWasm1.push((await fitInWorker({ ...job, y: binary, kind: 'binary', classes: 2, engine: 'wasm' })).seconds);
  speed.kilnBinaryJs1.push((await fitInWorker({ ...job, y: binary, kind: 'binary', classes: 2, engine: 'js' })).seconds);
  // the peer at the same depth; max_leaf_nodes 64 lets depth 6 bind, as Kiln's depth-wise trees
  if (hasPeer) speed.peerBinary.push(runPeer('binary', m.x, m.cols, binary, all, all.subarray(0, 10), { ...speedCfg, growth: 'leafwise' }).fit_seconds);
  console.log(`rep ${rep + 1}: kiln ordinal ${speed.kilnOrdinal.at(-1)?.toFixed(2)} s, binary ${speed.kilnBinary.at(-1)?.toFixed(2)} s (${kilnThreads} threads; ${speed.kilnBinaryTransfer.at(-1)?.toFixed(2)} s by message), wasm 1 thread ${speed.kilnBinaryWasm1.at(-1)?.toFixed(2)} s, js 1 thread ${speed.kilnBinaryJs1.at(-1)?.toFixed(2)} s; sklearn binary ${speed.peerBinary.at(-1)?.toFixed(2) ?? '—'} s`);
}

// 1b) large: 1M × 50 regression, each side in its own process on the same matrix
const LARGE_ROWS = Number(process.env.BENCH_LARGE_ROWS ?? 1_000_000);
const largeCfg = { ...defaultGbdtConfig(), rounds: 100, learningRate: 0.1, numLeaves: 31, maxDepth: 0, growth: 'leafwise' as const, minSamplesLeaf: 20, l2: 0, earlyStoppingRounds: 0, rowSubsample: 1, colSubsample: 1, cols: LARGE_COLS };
const largeDir = mkdtempSync(join(os.tmpdir(), 'kiln-gbdt-large-'));
let large: Record<string, unknown>;
try {
  const { x: lx, y: ly } = largeRegression(LARGE_ROWS);
  writeFileSync(join(largeDir, 'x.f32'), lx);
  writeFileSync(join(largeDir, 'y.f64'), ly);
  const args = [join(largeDir, 'x.f32'), join(largeDir, 'y.f64'), JSON.stringify(largeCfg)];
  const kiln = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'gbdt-large-fit.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split('\n').at(-1) as string);
  console.log('large kiln', JSON.stringify(kiln));
  const peer = hasPeer ? JSON.parse(execFileSync(PEER_PYTHON, [resolve(import.meta.dirname, 'gbdt_large_peer.py'), ...args], { encoding: 'utf8' }).trim()) : null;
  console.log('large sklearn', JSON.stringify(peer));
  large = { data: `${LARGE_ROWS.toLocaleString('en-US')} × ${LARGE_COLS} synthetic regression, 100 rounds, 31 leaves (leaf-wise), no early stopping`, config: largeCfg, kiln, sklearn: peer, secondsRatio: peer ? kiln.seconds / peer.seconds : null };
} finally {
  rmSync(largeDir, { recursive: true, force: true });
}

// 2) accuracy vs the peer (the acceptance test's cases)
const peerTable = [];
for (const c of PEER_CASES) {
  const d = await loadCase(c);
  const cfg = matchedConfig();
  const cols = d.names.length;
  const fit = await fitGbdt({ x: d.x, featureNames: d.names, y: d.y, trainRows: d.train }, c.kind, d.classes, cfg);
  const xt = new Float32Array(d.test.length * cols);
  d.test.forEach((r, i) => xt.set(d.x.subarray(r * cols, (r + 1) * cols), i * cols));
  const p = predict(fit.model, xt, d.test.length);
  const yt = Float64Array.from(d.test, (r) => d.y[r]);
  const peer = hasPeer ? runPeer(c.kind, d.x, cols, d.y, d.train, d.test, cfg) : null;
  if (c.kind === 'regression') peerTable.push({ dataset: c.file, kind: c.kind, kilnRmse: rmse(yt, p), peerRmse: peer?.rmse ?? null });
  else {
    const pred = c.kind === 'binary' ? Float64Array.from(p, (v) => (v >= 0.5 ? 1 : 0)) : argmaxRows(p, d.classes);
    const acc = Array.from(pred).filter((v, i) => v === yt[i]).length / yt.length;
    const ll = c.kind === 'binary' ? binaryLogLoss(yt, p) : multiclassLogLoss(yt, p, d.classes);
    peerTable.push({ dataset: c.file, kind: c.kind, kilnAccuracy: acc, peerAccuracy: peer?.accuracy ?? null, kilnLogLoss: ll, peerLogLoss: peer?.log_loss ?? null });
  }
  console.log(JSON.stringify(peerTable.at(-1)));
}

// 3) essays CV, all 433 features
const frame = essaysFrame(1500);
const features = [...ESSAY_FEATURE_NAMES, 'embedding'];
const cvCfg: GbdtConfig = { ...defaultGbdtConfig(), rounds: 400, learningRate: 0.05, maxDepth: 3, numLeaves: 8, minSamplesLeaf: 10, colSubsample: 0.5, earlyStoppingRounds: 25 };
const cv: Record<string, unknown> = {};
for (const kind of ['ordinal', 'multiclass'] as const) {
  const t0 = performance.now();
  const r = await trainGbdtRun(frame, { source: 'essays', task: { target: 'grade', kind, labels: [...GRADES], features }, model: cvCfg, evaluation: { mode: 'cv', cv: { folds: 5, repeats: 1, seed: 7, strategy: 'stratified' } } });
  const s = r.result.cv!.summary;
  cv[kind] = { qwk: s.qwk, mae: s.mae, accuracy: s.accuracy, foldQwk: r.result.cv!.folds.map((f) => f.metrics.qwk), seconds: (performance.now() - t0) / 1000 };
  console.log(`${kind}: QWK ${s.qwk.mean.toFixed(4)} ± ${s.qwk.std.toFixed(4)}, MAE ${s.mae.mean.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

const out = {
  bench: 'gbdt',
  date: new Date().toISOString(),
  machine,
  reps: REPS,
  speed: {
    data: '2,000 essays × 433 features, 300 rounds, depth 6, no early stopping',
    kilnThreads,
    medianSeconds: { kilnOrdinalWorker: median(speed.kilnOrdinal), kilnBinaryWorker: median(speed.kilnBinary), kilnBinaryTransferThreads: median(speed.kilnBinaryTransfer), kilnBinaryWasmOneThread: median(speed.kilnBinaryWasm1), kilnBinaryJsOneThread: median(speed.kilnBinaryJs1), sklearnBinary: hasPeer ? median(speed.peerBinary) : null },
    // Kiln's wall time over scikit-learn's (binary): ≤ 1 is as fast or faster; ordinal against the peer's binary, which it has no ordinal objective for
    ratioToSklearn: hasPeer ? { binary: median(speed.kilnBinary) / median(speed.peerBinary), ordinal: median(speed.kilnOrdinal) / median(speed.peerBinary), binaryTransferThreads: median(speed.kilnBinaryTransfer) / median(speed.peerBinary), binaryWasmOneThread: median(speed.kilnBinaryWasm1) / median(speed.peerBinary), binaryJsOneThread: median(speed.kilnBinaryJs1) / median(speed.peerBinary) } : null,
    all: speed,
  },
  large,
  peer: { name: 'scikit-learn HistGradientBoosting', available: hasPeer, table: peerTable },
  essaysCv: { data: '1,500 essays × 433 features, 5-fold stratified', config: cvCfg, ...cv },
};
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(resolve(import.meta.dirname, 'results/gbdt.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out.speed.medianSeconds));
