import type { Kernels } from './kernels';

import { Arena, ARENA_ALIGN } from './arena';

const ALIGN_FLOATS = ARENA_ALIGN / 4;

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

  /** A workspace over a new memory holding `floats` floats of allocations above `headBytes` (never at address 0). */
  static sized(floats: number, headBytes = 0): Workspace {
    const arena = new Arena(new WebAssembly.Memory({ initial: 1 }), headBytes);
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
