import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { AWKWARD_SIZES, TRANSPOSES, fillUniform, layoutName } from '../../../test-utils/kernel-reference';
import { Arena } from '../arena';
import { createWasmKernels } from '../wasm/wasm-kernels';
import { compileSharedKernelsWasm, KERNELS_WASM_PATH, readBestKernelsWasm } from '../wasm/kernels-wasm-node';
import { ThreadPool } from './pool';
import { defaultTabularConfig, type TabularConfig } from '../../models/tabular/config';
import { denseLayout, type DenseNetSpec } from '../dense-net';
import { fitDense } from '../fit-dense';
import { randomArray, randomTargets } from '../test-helpers';
import { createNodeWasmKernels } from '../wasm/kernels-wasm-node';
import { nodeThreadedKernels, startNodeThreadPool } from './pool-node';
import { createThreadedKernels, MIN_WORK_PER_THREAD, splitC } from './threaded-kernels';

// The threaded GEMM against the single-thread WASM kernels (kernels.wasm on a plain memory): every
// element must be the same float, bit for bit, since each thread computes whole elements of C with
// the same k-sum in the same order. Shapes hit every tile edge; `minWorkPerThread: 1` splits even
// the small ones, and a few large shapes go through the default threshold.

const THREADS = 3; // two helpers: a split has a middle block whose edges are both interior
let pool: ThreadPool;
let shared: WebAssembly.Module;

beforeAll(async () => {
  pool = await startNodeThreadPool(THREADS);
  shared = await compileSharedKernelsWasm();
}, 60_000);
afterAll(() => pool?.close());

/** One memory of each kind with the same inputs at the same offsets; C starts as the same noise (accumulate reads it). */
async function pair(floats: number, minWorkPerThread?: number) {
  const pages = Math.ceil((4096 + floats * 4) / 65536) + 1;
  const plainMem = new WebAssembly.Memory({ initial: pages });
  const sharedMem = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  // the same build (relaxed or plain) the threads run, so the comparison is bit for bit
  const one = await createWasmKernels(plainMem, await readBestKernelsWasm(KERNELS_WASM_PATH));
  const many = await createThreadedKernels(sharedMem, shared, pool, { minWorkPerThread });
  return { plain: new Arena(plainMem, 4096), shared: new Arena(sharedMem, 4096), one, many };
}

function expectBitIdentical(x: Float32Array, y: Float32Array, what: string): void {
  const xi = new Int32Array(x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
  const yi = new Int32Array(y.buffer.slice(y.byteOffset, y.byteOffset + y.byteLength));
  for (let i = 0; i < xi.length; i++) if (xi[i] !== yi[i]) throw new Error(`${what}: element ${i} is ${y[i]}, one thread gave ${x[i]}`);
}

function compare(set: Awaited<ReturnType<typeof pair>>, m: number, n: number, k: number, transA: boolean, transB: boolean, accumulate: boolean, seed: number): void {
  const rng = mulberry32(seed);
  set.plain.reset();
  set.shared.reset();
  const a = fillUniform(set.plain.alloc(m * k), rng);
  const b = fillUniform(set.plain.alloc(k * n), rng);
  const c = fillUniform(set.plain.alloc(m * n), rng);
  const a2 = set.shared.alloc(m * k);
  const b2 = set.shared.alloc(k * n);
  const c2 = set.shared.alloc(m * n);
  a2.set(a);
  b2.set(b);
  c2.set(c);
  set.one.gemm(a, b, c, m, n, k, transA, transB, accumulate);
  set.many.gemm(a2, b2, c2, m, n, k, transA, transB, accumulate);
  expectBitIdentical(c, c2, `${layoutName(transA, transB)} ${m}×${n}×${k}${accumulate ? ' accumulate' : ''}`);
}

describe('splitC', () => {
  it('covers C with disjoint blocks on tile boundaries, the longer side cut, and none below the threshold', () => {
    expect(splitC(32, 64, 30, 4)).toEqual([]); // 61k multiply-adds: one thread
    for (const [m, n, k, t] of [[256, 256, 64, 4], [29, 1000, 64, 3], [1000, 29, 64, 3], [5, 7, 100000, 4], [257, 3, 3000, 2]] as const) {
      const blocks = splitC(m, n, k, t);
      const owner = new Int8Array(m * n);
      for (const [i0, i1, j0, j1] of blocks) {
        expect(i0 % 4 === 0 && j0 % 8 === 0).toBe(true);
        for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) owner[i * n + j]++;
      }
      expect(owner.every((o) => o === 1), `${m}×${n}×${k}`).toBe(true);
      expect(blocks.length).toBeLessThanOrEqual(t);
    }
    expect(splitC(256, 256, 64, 4)).toHaveLength(4);
    expect(splitC(29, 1000, 64, 3).every(([i0, i1]) => i0 === 0 && i1 === 29)).toBe(true); // wide C: columns
    expect(splitC(3, 5, 1e6, 4)).toEqual([]); // a single tile cannot be split
  });
});

describe('threaded GEMM', () => {
  it('is bit-identical to one thread on every layout and awkward shape, split at every size', async () => {
    const max = Math.max(...AWKWARD_SIZES);
    const set = await pair(3 * max * max + 64, 1);
    let seed = 1;
    for (const [transA, transB] of TRANSPOSES) {
      for (const m of AWKWARD_SIZES) {
        for (const n of [1, 5, 17, 63, 129]) {
          for (const k of [1, 33, 65]) compare(set, m, n, k, transA, transB, seed % 3 === 0, seed++);
        }
      }
    }
    set.many.release?.();
  });

  it('is bit-identical to one thread on large shapes through the default threshold (a dense layer’s three products)', async () => {
    const set = await pair(3 * 300 * 300);
    expect(set.many.threads).toBe(THREADS);
    for (const [m, n, k] of [[256, 256, 64], [256, 256, 256], [257, 131, 300], [64, 300, 259]] as const) {
      expect(m * n * k).toBeGreaterThan(THREADS * MIN_WORK_PER_THREAD);
      for (const [transA, transB] of TRANSPOSES.slice(0, 3)) compare(set, m, n, k, transA, transB, false, m + n + k);
      compare(set, m, n, k, true, false, true, 7); // dW accumulates across LSTM steps
    }
    set.many.release?.();
  });

  it('k = 0 stays on one thread and clears (or keeps) C; a NaN in A reaches only its own row of C, as on one thread', async () => {
    const set = await pair(3 * 96 * 96, 1);
    compare(set, 40, 40, 0, false, false, false, 3);
    compare(set, 40, 40, 0, false, false, true, 4);
    set.plain.reset();
    set.shared.reset();
    const [m, n, k] = [96, 96, 96];
    const a = fillUniform(set.plain.alloc(m * k), mulberry32(5));
    const b = fillUniform(set.plain.alloc(k * n), mulberry32(6));
    const c = set.plain.alloc(m * n);
    a[50 * k + 7] = NaN; // row 50 of A: in a helper's block of C (rows 32–63 of three blocks)
    const [a2, b2, c2] = [set.shared.alloc(m * k), set.shared.alloc(k * n), set.shared.alloc(m * n)];
    a2.set(a);
    b2.set(b);
    set.one.gemm(a, b, c, m, n, k, false, false, false);
    set.many.gemm(a2, b2, c2, m, n, k, false, false, false);
    expectBitIdentical(c, c2, 'NaN row');
    for (let i = 0; i < m; i++) expect(Number.isNaN(c2[i * n + 3]), `row ${i}`).toBe(i === 50);
    set.many.release?.();
  });
});

describe('a threaded run', () => {
  it('fitDense on threads ends bit for bit where it ends on one thread, and hands the pool back', async () => {
    const spec: DenseNetSpec = { inputDim: 20, hidden: [48, 24], activation: 'tanh', outputDim: 3, dropout: 0.1, l2: 1e-3, task: 'multiclass' };
    const data = { xTrain: randomArray(300 * 20, 1), yTrain: randomTargets('multiclass', 300, 3, 2), nTrain: 300, xVal: randomArray(60 * 20, 3), yVal: randomTargets('multiclass', 60, 3, 4), nVal: 60, inputDim: 20, targetWidth: 3 };
    const config: TabularConfig = { ...defaultTabularConfig(), hiddenUnits: [48, 24], dropout: 0.1, batchSize: 64, epochs: 3, earlyStopping: { enabled: false, patience: 1, restoreBestWeights: false } };
    const initial = () => denseLayout(spec).layers.flatMap((L, i) => [randomArray(L.inDim * L.outDim, 10 + i, 0.3), new Float32Array(L.outDim)]);
    const one = await fitDense(spec, initial(), 'multiclass', data, config, createNodeWasmKernels);
    const before = pool.unbinds;
    const blocksBefore = pool.helperBlocks;
    // every GEMM split, however small, so every product of the run goes through the helpers
    const many = await fitDense(spec, initial(), 'multiclass', data, config, nodeThreadedKernels(pool, { minWorkPerThread: 1 }));
    expect(many.kernels).toBe('wasm-simd');
    many.weights.forEach((w, i) => expectBitIdentical(one.weights[i], w, `weights[${i}]`));
    await vi.waitFor(() => expect(pool.unbinds - before).toBe(THREADS - 1));
    // 3 epochs × 5 steps × 6 GEMMs (+ validation), each helper computing a block of most of them
    expect(pool.helperBlocks - blocksBefore).toBeGreaterThan(100);
  });
});

describe('thread pool', () => {
  it('binds one run at a time: a new binding sends the old one’s helpers back, whose kernels go on alone', async () => {
    const first = await pair(3 * 128 * 128, 1);
    const before = pool.unbinds;
    const second = await pair(3 * 128 * 128, 1);
    // the first run's helpers left it for the second (each posts 'unbound' once)
    await vi.waitFor(() => expect(pool.unbinds - before).toBe(THREADS - 1));
    compare(first, 128, 128, 128, false, false, false, 1); // on one thread now, same numbers
    compare(second, 128, 128, 128, false, true, false, 2);
    second.many.release?.();
    await vi.waitFor(() => expect(pool.unbinds - before).toBe(2 * (THREADS - 1)));
    first.many.release?.(); // already replaced: nothing to do
    expect(pool.unbinds - before).toBe(2 * (THREADS - 1));
  });

  it('starts and closes without leaving threads behind, many times over', async () => {
    const { threadId } = await import('node:worker_threads');
    expect(threadId).toBeGreaterThanOrEqual(0);
    const workersNow = () => process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length;
    const baseline = workersNow();
    for (let round = 0; round < 3; round++) {
      const p = await startNodeThreadPool(2);
      const mem = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
      const k = await createThreadedKernels(mem, shared, p);
      expect(k.threads).toBe(2);
      k.release?.();
      await p.close();
      await expect(p.bind(mem, shared)).rejects.toThrow(/closed/);
    }
    await vi.waitFor(() => expect(workersNow()).toBeLessThanOrEqual(baseline));
  });

  it('falls back to one thread without SharedArrayBuffer, and on a plain memory', async () => {
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      await expect(ThreadPool.start(2, () => { throw new Error('no helper should start'); })).rejects.toThrow(/SharedArrayBuffer is unavailable/);
    } finally {
      vi.unstubAllGlobals();
    }
    await expect(pool.bind(new WebAssembly.Memory({ initial: 1 }), shared)).rejects.toThrow(/shared WebAssembly.Memory/);
  });
});
