// npm run bench:gemm (or: npx tsx bench/gemm-bench.ts) — GFLOP/s of the engine's WASM SIMD GEMM
// (src/ml/engine/wasm/, one thread) against the plain-JS reference, for a dense layer's three
// products: NN (Z = X·W), TN (dW = Xᵀ·dZ), NT (dX = dZ·Wᵀ). Shapes are m×n×k (C is m×n, the
// inner dimension k). Each figure is the best of BENCH_ROUNDS (5) rounds of ≥ 100 ms of CPU time
// (JS: ≥ 20 ms), timed in this process's CPU seconds so a shared machine still gives one thread's
// speed; wall-clock GFLOP/s are printed beside them. Every WASM result is first checked
// against the JS one.
//
// Then the threaded GEMM (src/ml/engine/threads/) at each thread count of BENCH_THREADS (default:
// 2 up to the cores, at most MAX_THREADS), in WALL-clock GFLOP/s (CPU time sums over threads, so
// only the wall clock shows a speed-up), each result checked bit for bit against one thread's; and
// a sweep of small square GEMMs split across 2 threads regardless of size against one thread, the
// measurement behind threaded-kernels.ts's MIN_WORK_PER_THREAD. On a machine shared with other
// work, thread figures are only as good as the idle cores (loadavg is recorded).
// Writes bench/results/gemm.json. Needs kernels.wasm: npm run build:wasm.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { mulberry32 } from '../src/ml/data/rng';
import { Arena } from '../src/ml/engine/arena';
import { jsKernels } from '../src/ml/engine/js-kernels';
import type { Kernels } from '../src/ml/engine/kernels';
import { MAX_THREADS } from '../src/ml/engine/engine-choice';
import type { ThreadPool } from '../src/ml/engine/threads/pool';
import { startNodeThreadPool } from '../src/ml/engine/threads/pool-node';
import { createThreadedKernels, MIN_WORK_PER_THREAD } from '../src/ml/engine/threads/threaded-kernels';
import { compileSharedKernelsWasm, createNodeWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-node';
import { fillUniform, gemmReference, layoutName, worstRelativeError } from '../src/test-utils/kernel-reference';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CORES = os.availableParallelism();
const THREADS = (process.env.BENCH_THREADS ?? Array.from({ length: Math.min(CORES, MAX_THREADS) - 1 }, (_, i) => i + 2).join(','))
  .split(',')
  .filter(Boolean)
  .map(Number);
const SHAPES: [number, number, number, string][] = [
  [32, 64, 30, 'small dense layer: batch 32, 30 inputs, 64 units'],
  [256, 256, 64, ''],
  [256, 256, 256, ''],
  [32, 128, 512, 'as given: m=32, n=128, k=512'],
  [32, 512, 128, 'LSTM step h·U: B=32, 4H=512, H=128'],
];
const LAYOUTS: [boolean, boolean][] = [
  [false, false],
  [true, false],
  [false, true],
];

/**
 * Best seconds per call over ROUNDS rounds, each repeating `call` for at least `minSeconds` of
 * this process's CPU time: `cpu` (user + system CPU seconds) is what one thread's speed is, even
 * on a machine shared with other work; `wall` is also kept (it is what a user waits).
 */
function timeBest(call: () => void, minSeconds: number, clock: 'cpu' | 'wall' = 'cpu'): { cpu: number; wall: number } {
  call(); // warm-up (and JIT tier-up for the JS reference)
  let cpu = Infinity;
  let wall = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    let calls = 0;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    let used: number;
    do {
      call();
      calls++;
      const u = process.cpuUsage(cpuStart);
      used = clock === 'cpu' ? (u.user + u.system) / 1e6 : (performance.now() - start) / 1000;
    } while (used < minSeconds);
    cpu = Math.min(cpu, used / calls);
    wall = Math.min(wall, (performance.now() - start) / 1000 / calls);
  }
  return { cpu, wall };
}

const memory = new WebAssembly.Memory({ initial: 1 });
const arena = new Arena(memory, 4096);
const maxFloats = Math.max(...SHAPES.map(([m, n, k]) => m * k + k * n + m * n));
arena.reserveBytes(Arena.bytesFor([maxFloats]) + 3 * 64);
const wasm: Kernels = await createNodeWasmKernels(memory);

// the threaded kernels need a shared memory: a second one, the inputs copied in at the same sizes
const sharedBytes = 4096 + Arena.bytesFor([maxFloats]) + 3 * 64;
const sharedPages = Math.ceil(sharedBytes / 65536);
const sharedMemory = new WebAssembly.Memory({ initial: sharedPages, maximum: sharedPages, shared: true });
const sharedArena = new Arena(sharedMemory, 4096);
const sharedModule = await compileSharedKernelsWasm();
const pools = new Map<number, ThreadPool>();
for (const t of THREADS) pools.set(t, await startNodeThreadPool(t));

/** Threaded kernels on `pool`, handed to `run`, then released (a pool serves one binding at a time). */
async function withThreads<T>(pool: ThreadPool, options: { minWorkPerThread?: number }, run: (k: Kernels) => T): Promise<T> {
  const k = await createThreadedKernels(sharedMemory, sharedModule, pool, options);
  try {
    return run(k);
  } finally {
    k.release?.();
  }
}

function sameBits(x: Float32Array, y: Float32Array): boolean {
  const xi = new Int32Array(x.buffer, x.byteOffset, x.length);
  const yi = new Int32Array(y.buffer, y.byteOffset, y.length);
  return xi.every((v, i) => v === yi[i]);
}

interface Row {
  m: number;
  n: number;
  k: number;
  layout: string;
  note: string;
  /** GFLOP/s per CPU-second of this process (one thread) */
  wasmGflops: number;
  jsGflops: number;
  /** GFLOP/s per wall-clock second (lower when the machine is shared) */
  wasmGflopsWall: number;
  jsGflopsWall: number;
  speedup: number;
  maxRelError: number;
  /** per thread count: wall-clock GFLOP/s of the threaded GEMM and its speed-up over one thread's wall clock */
  threads: Record<string, { gflopsWall: number; speedupWall: number }>;
}
const rows: Row[] = [];
const rng = mulberry32(1);
for (const [m, n, k, note] of SHAPES) {
  for (const [transA, transB] of LAYOUTS) {
    arena.reset();
    const a = fillUniform(arena.alloc(m * k), rng);
    const b = fillUniform(arena.alloc(k * n), rng);
    const c = arena.alloc(m * n);
    wasm.gemm(a, b, c, m, n, k, transA, transB, false);
    const { value, magnitude } = gemmReference(a, b, c, m, n, k, transA, transB, false);
    const maxRelError = worstRelativeError(c, value, magnitude).error;
    if (!(maxRelError <= 1e-5)) throw new Error(`wasm ${layoutName(transA, transB)} ${m}×${n}×${k}: relative error ${maxRelError}`);
    const flops = 2 * m * n * k;
    const tWasm = timeBest(() => wasm.gemm(a, b, c, m, n, k, transA, transB, false), 0.1);
    const cJs = new Float32Array(m * n);
    const tJs = timeBest(() => jsKernels.gemm(a, b, cJs, m, n, k, transA, transB, false), 0.02);
    const row: Row = {
      m,
      n,
      k,
      layout: layoutName(transA, transB),
      note,
      wasmGflops: flops / tWasm.cpu / 1e9,
      jsGflops: flops / tJs.cpu / 1e9,
      wasmGflopsWall: flops / tWasm.wall / 1e9,
      jsGflopsWall: flops / tJs.wall / 1e9,
      speedup: tJs.cpu / tWasm.cpu,
      maxRelError,
      threads: {},
    };
    const oneWall = timeBest(() => wasm.gemm(a, b, c, m, n, k, transA, transB, false), 0.1, 'wall').wall;
    row.wasmGflopsWall = flops / oneWall / 1e9;
    sharedArena.reset();
    const [a2, b2, c2] = [sharedArena.alloc(a.length), sharedArena.alloc(b.length), sharedArena.alloc(c.length)];
    a2.set(a);
    b2.set(b);
    for (const [t, pool] of pools) {
      const tt = await withThreads(pool, {}, (tk) => {
        tk.gemm(a2, b2, c2, m, n, k, transA, transB, false);
        if (!sameBits(c, c2)) throw new Error(`${t} threads ${layoutName(transA, transB)} ${m}×${n}×${k}: not bit-identical to one thread`);
        return timeBest(() => tk.gemm(a2, b2, c2, m, n, k, transA, transB, false), 0.1, 'wall');
      });
      row.threads[t] = { gflopsWall: flops / tt.wall / 1e9, speedupWall: oneWall / tt.wall };
    }
    rows.push(row);
    const threadText = Object.entries(row.threads)
      .map(([t, r]) => `${t} threads ${r.gflopsWall.toFixed(2).padStart(6)} (×${r.speedupWall.toFixed(2)})`)
      .join('  ');
    console.log(
      `${`${m}×${n}×${k}`.padEnd(12)} ${row.layout}  wasm ${row.wasmGflops.toFixed(2).padStart(6)} GFLOP/s (wall ${row.wasmGflopsWall.toFixed(2).padStart(6)})   js ${row.jsGflops.toFixed(2).padStart(5)} GFLOP/s   ×${row.speedup.toFixed(1)}   ${threadText}${note ? `   (${note})` : ''}`,
    );
  }
}

// the threshold: NN squares split across 2 threads at any size vs one thread, wall clock
const sweep: { size: number; work: number; oneThreadUs: number; twoThreadsUs: number; speedup: number }[] = [];
const two = pools.get(2);
if (two) {
  console.log(`threshold sweep (NN s×s×s, always split across 2 threads; MIN_WORK_PER_THREAD = ${MIN_WORK_PER_THREAD}, so splitting starts at m·n·k ≥ ${2 * MIN_WORK_PER_THREAD}):`);
  for (const s of [32, 48, 64, 80, 96, 112, 128, 160]) {
    sharedArena.reset();
    arena.reset();
    const [a, b, c] = [fillUniform(sharedArena.alloc(s * s), rng), fillUniform(sharedArena.alloc(s * s), rng), sharedArena.alloc(s * s)];
    const [pa, pb, pc] = [arena.alloc(s * s), arena.alloc(s * s), arena.alloc(s * s)];
    pa.set(a);
    pb.set(b);
    const one = timeBest(() => wasm.gemm(pa, pb, pc, s, s, s, false, false, false), 0.05, 'wall').wall;
    const split = await withThreads(two, { minWorkPerThread: 1 }, (tk) => timeBest(() => tk.gemm(a, b, c, s, s, s, false, false, false), 0.05, 'wall').wall);
    sweep.push({ size: s, work: s * s * s, oneThreadUs: one * 1e6, twoThreadsUs: split * 1e6, speedup: one / split });
    console.log(`  ${s}³ = ${(s * s * s).toLocaleString('en-US').padStart(9)} multiply-adds: 1 thread ${(one * 1e6).toFixed(1).padStart(7)} µs, 2 threads ${(split * 1e6).toFixed(1).padStart(7)} µs  ×${(one / split).toFixed(2)}`);
  }
}
for (const pool of pools.values()) await pool.close();

const out = resolve(import.meta.dirname, 'results/gemm.json');
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: CORES, loadavg: os.loadavg(), rounds: ROUNDS, threads: THREADS, minWorkPerThread: MIN_WORK_PER_THREAD, rows, thresholdSweep: sweep }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
