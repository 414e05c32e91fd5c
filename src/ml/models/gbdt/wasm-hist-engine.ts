import type { ChildOp, SmallChildOp } from './hist-shard';
import type { HistEngine, HistEngineInput, ThreadsMeet } from './hist-engine';
import type { NodeStats, SplitChoice } from './split';
import { wasmLayout, WasmShard, type GbdtWasmExports, type WasmLayout } from './wasm-shard';

const PAGE = 65536;

/**
 * Which histogram slot holds which node's histogram: slots are reused as nodes become leaves, and
 * the memory grows (before any thread writes the slot) only when every slot is taken.
 */
export class SlotTable {
  private readonly of = new Map<number, number>();
  private free: number[] = [];
  private next = 0;

  constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly L: WasmLayout,
  ) {}

  take(handle: number): number {
    const slot = this.free.pop() ?? this.grow();
    this.of.set(handle, slot);
    return slot;
  }

  get(handle: number): number {
    const slot = this.of.get(handle);
    if (slot === undefined) throw new Error(`no histogram for node ${handle}`);
    return slot;
  }

  /** Moves a slot to another handle (a parent's histogram becomes its large child's). */
  rename(from: number, to: number): void {
    const slot = this.get(from);
    this.of.delete(from);
    this.of.set(to, slot);
  }

  release(handle: number): void {
    const slot = this.of.get(handle);
    if (slot === undefined) return;
    this.of.delete(handle);
    this.free.push(slot);
  }

  /** A new tree: every slot is free again (highest first, so the low ones are reused first). */
  reset(): void {
    this.of.clear();
    this.free = Array.from({ length: this.next }, (_, i) => this.next - 1 - i);
  }

  private grow(): number {
    const slot = this.next++;
    ensureSlot(this.memory, this.L, slot);
    return slot;
  }
}

/** Grows `memory` (if needed) so that histogram slot `slot` fits: a transfer helper is told slots, it does not allocate them. */
export function ensureSlot(memory: WebAssembly.Memory, L: WasmLayout, slot: number): void {
  const need = L.histBase + (slot + 1) * L.slotBytes;
  const have = memory.buffer.byteLength;
  if (need > have) memory.grow(Math.ceil((need - have) / PAGE));
}

/** The features of positions [from, to) of a tree's active list that thread t of T takes. */
export function shardRange(active: number, t: number, T: number): [number, number] {
  return [Math.floor((active * t) / T), Math.floor((active * (t + 1)) / T)];
}

/** A fit's wasm memory with its layout and the binned matrix copied in. */
export function fitMemory(inp: HistEngineInput, threads: number, shared: boolean): { memory: WebAssembly.Memory; L: WasmLayout } {
  const { m } = inp;
  const L = wasmLayout(m.rows, m.features, threads);
  // two slots to begin with: a root and its first child; the table grows it from there
  const pages = Math.ceil((L.histBase + 2 * L.slotBytes) / PAGE);
  const memory = new WebAssembly.Memory(shared ? { initial: pages, maximum: 65536, shared: true } : { initial: pages });
  new Uint8Array(memory.buffer, L.codes, m.rows * m.features).set(m.codes);
  return { memory, L };
}

/** The kernels' GBDT exports on `memory`, from the compiled module (kernels-shared.wasm's for a shared memory). */
export function instantiateGbdtWasm(module: WebAssembly.Module, memory: WebAssembly.Memory): GbdtWasmExports {
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('wasm kernels aborted');
      },
    },
  });
  const ex = instance.exports as unknown as GbdtWasmExports;
  if (typeof ex.histBuild !== 'function') throw new Error('kernels.wasm exports no histBuild(): stale build? run npm run build:wasm');
  return ex;
}

/**
 * What every wasm engine holds on this thread: its wasm shard (thread 0's feature slice, all of
 * them alone), its histogram slots and the views of the rows and gradients the caller orders in
 * place. The shared-memory pool lays the memory out for every thread (its helpers work in it); the
 * engine alone and the message pool for this thread only (each message helper keeps its own).
 */
export abstract class WasmEngineBase {
  readonly threads: number;
  /** with helpers: how they meet */
  readonly meet?: ThreadsMeet;
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

/**
 * The histogram engine on this thread, in wasm: ~3× the speed of the JavaScript HistShard with
 * the same splits. idx, og and og are views into the memory, fetched anew after it grows.
 */
export class WasmHistEngine extends WasmEngineBase implements HistEngine {
  constructor(inp: HistEngineInput, module: WebAssembly.Module) {
    super(inp, module, 0, false);
  }

  beginTree(active: Int32Array): void {
    this.slots.reset();
    this.shard.beginTree(active, 0, active.length);
  }

  root(handle: number, start: number, end: number, node: NodeStats): SplitChoice | null {
    return this.shard.root(this.slots.take(handle), start, end, node);
  }

  children(parent: number, small: SmallChildOp, large: ChildOp): [SplitChoice | null, SplitChoice | null] {
    const ps = this.slots.get(parent);
    const ss = this.slots.take(small.handle);
    const r = this.shard.children(ps, ss, small.start, small.end, small.node, large.node);
    this.keepChildSlots(parent, small, large);
    return r;
  }

  close(): void {}
}
