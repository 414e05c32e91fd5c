import type { KernelFactory, Kernels } from './kernels';

import { Arena, ARENA_ALIGN } from './arena';

const ALIGN_FLOATS = ARENA_ALIGN / 4;
const PAGE_BYTES = 65536;

/**
 * The measure-then-size policy over an `Arena`: the parameters, gradients, Adam moments, data and
 * every activation of a run are views into one `WebAssembly.Memory`, so the WASM kernels read them
 * in place, and the memory never grows once a view exists (growing a non-shared memory detaches
 * every view). A run first measures what it needs (`Workspace.measure()`: the same allocations,
 * with no memory behind them), then sizes the arena once (`Workspace.sized`).
 */
export class Workspace {
  private counted = 0;

  private constructor(private readonly arena: Arena | null) {}

  /** A workspace that only counts: every view it returns is empty. */
  static measure(): Workspace {
    return new Workspace(null);
  }

  /**
   * A workspace over a new memory holding `floats` floats of allocations above `headBytes` (never
   * at address 0). `shared`: a shared memory (SharedArrayBuffer underneath), for threaded kernels;
   * it is made at its final size with maximum = initial, because growing a shared memory hands out
   * a new SharedArrayBuffer object (the views keep the old one, which the kernels then refuse) and
   * because a smaller maximum reserves less address space in every thread.
   */
  static sized(floats: number, headBytes = 0, shared = false): Workspace {
    if (!shared) {
      const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), headBytes);
      arena.reserveBytes(floats * 4);
      return new Workspace(arena);
    }
    const base = Math.max(ARENA_ALIGN, Math.ceil(headBytes / ARENA_ALIGN) * ARENA_ALIGN); // as Arena places it
    const pages = Math.max(1, Math.ceil((base + floats * 4) / PAGE_BYTES));
    const arena = new Arena(new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }), headBytes);
    arena.reserveBytes(floats * 4);
    return new Workspace(arena);
  }

  get memory(): WebAssembly.Memory | null {
    return this.arena?.memory ?? null;
  }

  /** n floats, 16-byte aligned (zeros in the run's new memory). */
  alloc(n: number): Float32Array {
    this.counted += Math.ceil(n / ALIGN_FLOATS) * ALIGN_FLOATS;
    return this.arena ? this.arena.alloc(n) : new Float32Array(0);
  }

  /** Floats handed out so far (padding included): what `sized` needs for the same allocations. */
  get floats(): number {
    return this.counted;
  }
}

/** The kernels a measuring pass builds its networks with: they allocate and never compute. */
export const MEASURING_KERNELS: Kernels = new Proxy({} as Kernels, {
  get: () => () => {
    throw new Error('measuring workspace: no kernels');
  },
});

/**
 * A run's one memory, the Workspace way: measures `plan`'s allocations with no memory behind them,
 * sizes one memory for them (shared when the kernels run threads), makes the kernels on it, plans
 * for real and hands the result to `run`; a threaded run's helpers go back to their pool however
 * the run ends.
 */
export async function onOneMemory<P, R>(plan: (ws: Workspace, k: Kernels) => P, makeKernels: KernelFactory, run: (planned: P, k: Kernels, memory: WebAssembly.Memory) => Promise<R>): Promise<R> {
  const probe = Workspace.measure();
  plan(probe, MEASURING_KERNELS);
  const ws = Workspace.sized(probe.floats, 1024, makeKernels.sharedMemory === true);
  const memory = ws.memory!;
  const k = await makeKernels(memory);
  try {
    return await run(plan(ws, k), k, memory);
  } finally {
    k.release?.();
  }
}
