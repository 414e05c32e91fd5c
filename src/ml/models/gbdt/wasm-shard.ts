import { bestFeatureSplit, betterSplit, nodeValue, SLOTS, type NodeStats, type SplitChoice, type SplitContext } from './split';

/** The GBDT exports of Kiln's kernels module (src/ml/engine/wasm/assembly/gbdt-hist.ts): byte offsets into its memory. */
export interface GbdtWasmExports {
  histBuild(hist: number, codes: number, idx: number, og: number, oh: number, start: number, end: number, count: number): void;
  histSubtract(from: number, sub: number, count: number): void;
  histScan(hist: number, count: number, G: number, H: number, C: number, minLeaf: number, minH: number, lambda: number, out: number): number;
  partitionRows(idx: number, scratch: number, codes: number, goLeft: number, start: number, end: number): number;
}

/** Bytes of one feature's histogram. */
export const FEATURE_BYTES = SLOTS * 8;
/** Bytes each thread's scan writes its result into. */
const OUT_BYTES = 64;

/**
 * Where a fit's arrays live in the kernels' memory: each thread's scan output, then the rows in
 * partition order and their gradients, the binned matrix, and from `histBase` the histogram
 * slots, one per node that holds one, each wide enough for every feature (a thread writes only
 * its own features' part of a slot, so all threads share one slot per node).
 */
export interface WasmLayout {
  n: number;
  features: number;
  threads: number;
  out: number;
  idx: number;
  og: number;
  oh: number;
  scratch: number;
  goLeft: number;
  codes: number;
  histBase: number;
  slotBytes: number;
}

const align = (x: number, a: number) => Math.ceil(x / a) * a;

export function wasmLayout(n: number, features: number, threads: number): WasmLayout {
  const out = 0;
  const idx = align(out + OUT_BYTES * threads, 64);
  const og = align(idx + 4 * n, 64);
  const oh = align(og + 8 * n, 64);
  const scratch = align(oh + 8 * n, 64);
  const goLeft = align(scratch + 4 * n, 64);
  const codes = align(goLeft + 256, 64);
  const histBase = align(codes + n * features, 64);
  return { n, features, threads, out, idx, og, oh, scratch, goLeft, codes, histBase, slotBytes: features * FEATURE_BYTES };
}

/** The splits a thread found for a split's two children. */
export type ChildrenSplits = [SplitChoice | null, SplitChoice | null];

/**
 * One thread's share of a tree's histograms and split search, in wasm (the HistShard of
 * ./hist-shard.ts with its loops in Kiln's kernels module): the features at positions
 * [from, to) of the tree's active list. The engine decides which slot holds which node's
 * histogram and grows the memory before any thread needs a new slot.
 */
export class WasmShard {
  private features: Int32Array = new Int32Array(0);
  private from = 0;
  private f64 = new Float64Array(0);

  constructor(
    private readonly wasm: GbdtWasmExports,
    private readonly memory: WebAssembly.Memory,
    private readonly L: WasmLayout,
    private readonly ctx: SplitContext,
    /** this thread's scan output (its own 64 bytes, so threads never share a cache line) */
    private readonly thread: number,
  ) {}

  /** This thread's features for the next tree: positions [from, to) of `active`. */
  beginTree(active: Int32Array, from: number, to: number): void {
    this.features = active.subarray(from, to);
    this.from = from;
  }

  root(slot: number, start: number, end: number, node: NodeStats): SplitChoice | null {
    let best: SplitChoice | null = null;
    for (let j = 0; j < this.features.length; j++) {
      const f = this.features[j];
      const p = this.at(slot, j);
      this.build(p, f, start, end);
      best = betterSplit(best, this.scan(p, f, node));
    }
    return best;
  }

  /** Builds the small child in `smallSlot` and, when the large one is wanted, turns the parent's slot into it; searches both. */
  children(parentSlot: number, smallSlot: number, start: number, end: number, smallNode: NodeStats | null, largeNode: NodeStats | null): ChildrenSplits {
    let bs: SplitChoice | null = null;
    let bl: SplitChoice | null = null;
    const { bins } = this.ctx;
    for (let j = 0; j < this.features.length; j++) {
      const f = this.features[j];
      const s = this.at(smallSlot, j);
      this.build(s, f, start, end);
      if (smallNode) bs = betterSplit(bs, this.scan(s, f, smallNode));
      if (largeNode) {
        const p = this.at(parentSlot, j);
        this.wasm.histSubtract(p, s, bins[f].count);
        bl = betterSplit(bl, this.scan(p, f, largeNode));
      }
    }
    return [bs, bl];
  }

  /** The engine's partition, in wasm (only the calling thread partitions: the others wait between ops). */
  partition(f: number, goLeft: Uint8Array, start: number, end: number): number {
    const L = this.L;
    new Uint8Array(this.memory.buffer, L.goLeft, 256).set(goLeft);
    return this.wasm.partitionRows(L.idx, L.scratch, L.codes + f * L.n, L.goLeft, start, end);
  }

  private at(slot: number, j: number): number {
    return this.L.histBase + slot * this.L.slotBytes + (this.from + j) * FEATURE_BYTES;
  }

  private build(p: number, f: number, start: number, end: number): void {
    const L = this.L;
    this.wasm.histBuild(p, L.codes + f * L.n, L.idx, L.og, L.oh, start, end, this.ctx.bins[f].count);
  }

  /** Feature f's best split from its histogram at byte p: in wasm when nothing bounds it, else split.ts's own search. */
  private scan(p: number, f: number, node: NodeStats): SplitChoice | null {
    const { ctx } = this;
    const count = ctx.bins[f].count;
    if (count < 2) return null;
    const mono = ctx.monotone?.[f] ?? 0;
    if (ctx.categorical?.[f] || mono !== 0 || node.lo > -Infinity || node.hi < Infinity) return bestFeatureSplit(ctx, this.view(), p / 8, node, f);
    const { cfg } = ctx;
    const out = this.L.out + this.thread * OUT_BYTES;
    if (!this.wasm.histScan(p, count, node.g, node.h, node.c, cfg.minSamplesLeaf, cfg.minChildWeight, cfg.l2, out)) return null;
    const o = this.view();
    const at = out / 8;
    const [gain, bin, missingLeft, gl, hl, cl] = [o[at], o[at + 1], o[at + 2], o[at + 3], o[at + 4], o[at + 5]];
    return { feature: f, bin, missingLeft: missingLeft === 1, gain, gl, hl, cl, vl: nodeValue(gl, hl, cfg.l2, -Infinity, Infinity), vr: nodeValue(node.g - gl, node.h - hl, cfg.l2, -Infinity, Infinity), cats: null };
  }

  /** The memory as f64, again after it grew (a grown memory's old views are detached, or too short when shared). */
  private view(): Float64Array {
    if (this.f64.byteLength !== this.memory.buffer.byteLength) this.f64 = new Float64Array(this.memory.buffer);
    return this.f64;
  }
}
