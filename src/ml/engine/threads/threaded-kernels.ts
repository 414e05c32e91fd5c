import type { KernelFactory } from '../fit-dense';
import type { Kernels } from '../kernels';
import { createWasmKernels } from '../wasm/wasm-kernels';
import type { Block, PoolBinding, ThreadPool } from './pool';

/**
 * Work (m·n·k multiply-adds) per thread below which one more thread does not pay. A split costs a
 * fixed ~10 µs (notify a helper, wait for its DONE: `npm run bench:gemm`'s sweep, where 2 threads
 * took 1 thread's time + 8–12 µs at every size on a 2-core machine with no core free); one thread
 * does ~2.5e5 multiply-adds in 10 µs (~47 GFLOP/s), so halving a product saves more than the
 * dispatch from ~5e5 per half, i.e. a 2-way split from m·n·k ≥ 2^20 (64×128×128). Re-measure
 * with the sweep on an idle multi-core machine.
 */
export const MIN_WORK_PER_THREAD = 1 << 19;

/** Rows of C per unit of a row split (the broadcast kernels' 4-row tile; a multiple of the dot kernels' 2). */
const ROW_UNIT = 4;
/** Columns per unit of a column split (the broadcast kernels' 8-wide tile; a multiple of the dot kernels' 4, which a column split must respect to stay bit-identical). */
const COL_UNIT = 8;

/**
 * How C[m×n] of an m×n×k GEMM is cut among at most `threads` threads: [] when one thread should do
 * it all, else disjoint blocks covering C, the first for the calling thread. C is cut along the
 * dimension with more tiles (rows in 4s, columns in 8s), so every thread gets whole tiles and the
 * split stays balanced whether C is tall (Z = X·W on a big batch) or wide (dW = Xᵀ·dZ of a layer
 * with few inputs). Every element's k-sum is the one the single-thread kernel does, in the same
 * order, so the result is bit-identical to one thread's.
 */
export function splitC(m: number, n: number, k: number, threads: number, minWorkPerThread = MIN_WORK_PER_THREAD): Block[] {
  const parts = Math.min(threads, Math.floor((m * n * k) / minWorkPerThread));
  if (parts < 2) return [];
  const rowUnits = Math.ceil(m / ROW_UNIT);
  const colUnits = Math.ceil(n / COL_UNIT);
  const byRows = rowUnits >= colUnits;
  const units = byRows ? rowUnits : colUnits;
  const p = Math.min(parts, units);
  if (p < 2) return [];
  const size = byRows ? ROW_UNIT : COL_UNIT;
  const extent = byRows ? m : n;
  const blocks: Block[] = [];
  for (let q = 0; q < p; q++) {
    const lo = Math.min(extent, Math.floor((q * units) / p) * size);
    const hi = Math.min(extent, Math.floor(((q + 1) * units) / p) * size);
    blocks.push(byRows ? [lo, hi, 0, n] : [0, m, lo, hi]);
  }
  return blocks;
}

export interface ThreadedOptions {
  /** splitC's threshold (tests lower it to split small, awkward shapes) */
  minWorkPerThread?: number;
}

/**
 * The WASM SIMD kernels on a SHARED memory, with the GEMM split across `pool`'s threads when it is
 * big enough (splitC) and done on the calling thread otherwise. biasAct, actBackward, colSum and
 * Adam stay on the calling thread: they are memory-bound passes over at most a few hundred
 * thousand floats per step (the 256×256 MLP’s Adam: 85k parameters, ~70 µs), too short to pay a
 * thread's wake-up. If the pool cannot bind, the kernels run on one thread and say so (`threads`).
 * `release()` hands the pool back (fitDense does at the end of a run).
 */
export async function createThreadedKernels(memory: WebAssembly.Memory, sharedModule: WebAssembly.Module, pool: ThreadPool, options: ThreadedOptions = {}): Promise<Kernels> {
  const minWork = options.minWorkPerThread ?? MIN_WORK_PER_THREAD;
  let binding: PoolBinding | null = null;
  try {
    binding = await pool.bind(memory, sharedModule);
  } catch (e) {
    // never fail a run over threads: the same kernels on one thread give the same numbers
    console.warn(`Kiln's engine runs on one thread: ${e instanceof Error ? e.message : String(e)}`);
  }
  const bound = binding;
  const kernels = await createWasmKernels(memory, sharedModule, (wasm) => (a, b, c, m, n, k, ta, tb, acc) => {
    const blocks = bound?.active ? splitC(m, n, k, pool.threads, minWork) : [];
    if (bound && blocks.length >= 2) bound.run([a, b, c, m, n, k, ta, tb, acc], blocks, wasm.gemmBlock);
    else wasm.gemm(a, b, c, m, n, k, ta, tb, acc);
  });
  return {
    ...kernels,
    threads: bound ? pool.threads : 1,
    release: () => bound?.release(),
  };
}

/** A KernelFactory for fitDense & co.: the run makes a shared memory, and its kernels share `pool`. */
export function threadedKernelFactory(pool: ThreadPool, sharedModule: () => Promise<WebAssembly.Module>, options: ThreadedOptions = {}): KernelFactory {
  return Object.assign(async (memory: WebAssembly.Memory) => createThreadedKernels(memory, await sharedModule(), pool, options), { sharedMemory: true });
}
