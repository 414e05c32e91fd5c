import type { HistEngineInput, ThreadsMeet } from '../hist-engine';
import type { ChildOp, SmallChildOp } from '../hist-shard';
import type { SplitChoice } from '../split';
import { fitMemory, instantiateGbdtWasm, SlotTable } from '../wasm-hist-engine';
import { WasmShard, type WasmLayout } from '../wasm-shard';

/** The better of two splits, the earlier one on a tie: the reduction that keeps trees equal on any number of threads. */
export const better = (best: SplitChoice | null, s: SplitChoice | null): SplitChoice | null => (s && s.gain > (best?.gain ?? 1e-12) ? s : best);

/**
 * What the two pool engines share: this thread's own wasm shard (thread 0's feature slice), its
 * histogram slots and the views of the rows and gradients the caller orders in place. The shared
 * engine lays the memory out for every thread (the helpers work in it); the message engine for
 * this thread alone (each helper keeps its own).
 */
export abstract class PoolEngineBase {
  readonly threads: number;
  abstract readonly meet: ThreadsMeet;
  protected readonly shard: WasmShard;
  protected readonly slots: SlotTable;
  protected readonly memory: WebAssembly.Memory;
  protected readonly L: WasmLayout;
  protected closed = false;

  protected constructor(inp: HistEngineInput, module: WebAssembly.Module, helpers: number, shared: boolean) {
    this.threads = helpers + 1;
    const { memory, L } = fitMemory(inp, shared ? this.threads : 1, shared);
    this.memory = memory;
    this.L = L;
    this.shard = new WasmShard(instantiateGbdtWasm(module, memory), memory, L, inp.split, 0);
    this.slots = new SlotTable(memory, L);
  }

  get idx(): Int32Array {
    return new Int32Array(this.memory.buffer, this.L.idx, this.L.n);
  }

  get og(): Float64Array {
    return new Float64Array(this.memory.buffer, this.L.og, this.L.n);
  }

  get oh(): Float64Array {
    return new Float64Array(this.memory.buffer, this.L.oh, this.L.n);
  }

  partition(f: number, goLeft: Uint8Array, start: number, end: number): number {
    return this.shard.partition(f, goLeft, start, end);
  }

  release(handle: number): void {
    this.slots.release(handle);
  }

  /** After a children op: the parent's slot becomes the large child's (or frees), and a small child that will not split frees its own. */
  protected keepChildSlots(parent: number, small: SmallChildOp, large: ChildOp): void {
    if (large.node) this.slots.rename(parent, large.handle);
    else this.slots.release(parent);
    if (!small.node) this.slots.release(small.handle);
  }
}
