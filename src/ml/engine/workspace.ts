import type { Kernels } from './kernels';

const ALIGN_FLOATS = 4;
const PAGE = 65536;

/**
 * Float32Array views carved, 16-byte aligned, out of one `WebAssembly.Memory`: the parameters,
 * gradients, Adam moments, data and every activation of a run live in it, so the WASM kernels
 * read them in place. It never grows: growing a non-shared memory detaches every view already
 * handed out. A run first measures what it needs (`Workspace.measure()`: the same allocations,
 * with no memory behind them), then sizes the memory once (`Workspace.sized`).
 */
export class Workspace {
  private at = 0;

  private constructor(
    readonly memory: WebAssembly.Memory | null,
    private readonly capacity: number,
  ) {}

  /** A workspace that only counts: every view it returns is empty. */
  static measure(): Workspace {
    return new Workspace(null, Infinity);
  }

  /** A workspace over a new memory of at least `floats` floats (plus `headBytes` reserved at address 0). */
  static sized(floats: number, headBytes = 0): Workspace {
    const bytes = headBytes + floats * 4 + ALIGN_FLOATS * 4;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
    const ws = new Workspace(memory, Math.floor(memory.buffer.byteLength / 4));
    ws.at = Math.ceil(headBytes / 4 / ALIGN_FLOATS) * ALIGN_FLOATS;
    return ws;
  }

  /** n floats, zeroed (a new memory is zero). */
  alloc(n: number): Float32Array {
    const start = this.at;
    this.at = start + Math.ceil(n / ALIGN_FLOATS) * ALIGN_FLOATS;
    if (!this.memory) return new Float32Array(0);
    if (this.at > this.capacity) throw new Error(`engine workspace overflow: ${this.at} floats needed, ${this.capacity} reserved`);
    return new Float32Array(this.memory.buffer, start * 4, n);
  }

  /** Floats handed out so far (padding included): what `sized` needs for the same allocations. */
  get floats(): number {
    return this.at;
  }
}

/** The kernels a measuring pass builds its networks with: they allocate and never compute. */
export const MEASURING_KERNELS: Kernels = new Proxy({} as Kernels, {
  get: () => () => {
    throw new Error('measuring workspace: no kernels');
  },
});
