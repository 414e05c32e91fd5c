// npm run bench:gemm (or: npx tsx bench/gemm-bench.ts) — GFLOP/s of the engine's WASM SIMD GEMM
// (src/ml/engine/wasm/, one thread) against the plain-JS reference, for a dense layer's three
// products: NN (Z = X·W), TN (dW = Xᵀ·dZ), NT (dX = dZ·Wᵀ). Shapes are m×n×k (C is m×n, the
// inner dimension k). Each figure is the best of BENCH_ROUNDS (5) rounds of ≥ 100 ms of CPU time
// (JS: ≥ 20 ms), timed in this process's CPU seconds so a shared machine still gives one thread's
// speed; wall-clock GFLOP/s are printed beside them. Every WASM result is first checked
// against the JS one. Writes bench/results/gemm.json. Needs kernels.wasm: npm run build:wasm.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { mulberry32 } from '../src/ml/data/rng';
import { Arena } from '../src/ml/engine/arena';
import { jsKernels } from '../src/ml/engine/js-kernels';
import type { Kernels } from '../src/ml/engine/kernels';
import { createNodeWasmKernels } from '../src/ml/engine/wasm/kernels-wasm-node';
import { fillUniform, gemmReference, layoutName, worstRelativeError } from '../src/test-utils/kernel-reference';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
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
function timeBest(call: () => void, minSeconds: number): { cpu: number; wall: number } {
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
      used = (u.user + u.system) / 1e6;
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
    };
    rows.push(row);
    console.log(
      `${`${m}×${n}×${k}`.padEnd(12)} ${row.layout}  wasm ${row.wasmGflops.toFixed(2).padStart(6)} GFLOP/s (wall ${row.wasmGflopsWall.toFixed(2).padStart(6)})   js ${row.jsGflops.toFixed(2).padStart(5)} GFLOP/s   ×${row.speedup.toFixed(1)}${note ? `   (${note})` : ''}`,
    );
  }
}

const out = resolve(import.meta.dirname, 'results/gemm.json');
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(
  out,
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, loadavg: os.loadavg(), rounds: ROUNDS, rows }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
