import { MISSING } from './binning';
import { bestFeatureSplit, betterSplit, SLOTS, type NodeStats, type SplitChoice, type SplitContext } from './split';

/** What a shard reads its rows from: in SharedArrayBuffers when threads share them, plain arrays otherwise. */
export interface ShardRows {
  /** the binned training matrix, column-major: codes[f · n + row] */
  codes: Uint8Array;
  n: number;
  /** the tree's rows in partition order: a node's rows are idx[start, end) */
  idx: Int32Array;
  /** gradients and hessians in the same order as idx (og[i] = grad[idx[i]]), so the inner loop reads them sequentially */
  og: Float64Array;
  oh: Float64Array;
}

/** A child of a split as the shard sees it: its histogram's handle and, when it may split itself, its sums and bounds. */
export interface ChildOp {
  handle: number;
  /** null: the child is a leaf, so its best split is not wanted (nor, for the large child, its histogram) */
  node: NodeStats | null;
}

export interface SmallChildOp extends ChildOp {
  start: number;
  end: number;
}

/**
 * One thread's share of histogram building and split search: the histograms of its own features
 * only (feature-parallel, as LightGBM's and scikit-learn's threads split the work), kept per tree
 * node between calls. A split's two children are handled in one pass per feature: build the small
 * child's histogram, subtract it from the parent's (which becomes the large child's), and search
 * both, while that feature's 6 KB of histogram is still in L1. Separate passes over all features
 * cost a trip through memory each: on 433 features the subtraction alone was a fifth of a run.
 *
 * With the same features in the same order, any number of shards gives the same split as one:
 * each feature's sums are added in the same row order, and the caller keeps the first best
 * feature across shards as a single shard keeps the first across its features.
 */
export class HistShard {
  private features: Int32Array = new Int32Array(0);
  private readonly live = new Map<number, Float64Array>();
  private free: Float64Array[] = [];
  /** features a buffer holds */
  private width = 0;

  constructor(
    private readonly ctx: SplitContext,
    private readonly rows: ShardRows,
  ) {}

  /** Takes the features this shard owns for the next tree and drops the previous tree's histograms. */
  beginTree(features: Int32Array): void {
    for (const h of this.live.values()) this.free.push(h);
    this.live.clear();
    if (features.length > this.width) {
      this.width = features.length;
      this.free = [];
    }
    this.features = features;
  }

  /** The root's histogram over idx[start, end) and its best split among this shard's features. */
  root(handle: number, start: number, end: number, node: NodeStats): SplitChoice | null {
    const hist = this.take(handle);
    let best: SplitChoice | null = null;
    for (let j = 0; j < this.features.length; j++) {
      const f = this.features[j];
      this.build(hist, j * SLOTS, f, start, end);
      best = betterSplit(best, bestFeatureSplit(this.ctx, hist, j * SLOTS, node, f));
    }
    return best;
  }

  /**
   * The children of a split `parent`: the small one's histogram is built from its rows, the large
   * one's is the parent's minus it (in the parent's buffer). Returns each child's best split
   * among this shard's features (null for a child given no node).
   */
  children(parent: number, small: SmallChildOp, large: ChildOp): [SplitChoice | null, SplitChoice | null] {
    const P = this.live.get(parent);
    if (!P) throw new Error(`no histogram for node ${parent}`);
    this.live.delete(parent);
    const S = this.take(small.handle);
    if (large.node) this.live.set(large.handle, P);
    let bs: SplitChoice | null = null;
    let bl: SplitChoice | null = null;
    const { bins } = this.ctx;
    for (let j = 0; j < this.features.length; j++) {
      const f = this.features[j];
      const hb = j * SLOTS;
      this.build(S, hb, f, small.start, small.end);
      if (small.node) bs = betterSplit(bs, bestFeatureSplit(this.ctx, S, hb, small.node, f));
      if (large.node) {
        const used = hb + bins[f].count * 3;
        for (let k = hb; k < used; k++) P[k] -= S[k];
        const mk = hb + MISSING * 3;
        P[mk] -= S[mk];
        P[mk + 1] -= S[mk + 1];
        P[mk + 2] -= S[mk + 2];
        bl = betterSplit(bl, bestFeatureSplit(this.ctx, P, hb, large.node, f));
      }
    }
    if (!large.node) this.free.push(P);
    if (!small.node) this.release(small.handle);
    return [bs, bl];
  }

  /** A node that became a leaf: its histogram is free for the next one. */
  release(handle: number): void {
    const h = this.live.get(handle);
    if (!h) return;
    this.live.delete(handle);
    this.free.push(h);
  }

  private take(handle: number): Float64Array {
    const h = this.free.pop() ?? new Float64Array(this.width * SLOTS);
    this.live.set(handle, h);
    return h;
  }

  /** Feature f's histogram over idx[start, end), at hb: only its used bins and the missing bin are written (and read). */
  private build(hist: Float64Array, hb: number, f: number, start: number, end: number): void {
    const { codes, n, idx, og, oh } = this.rows;
    hist.fill(0, hb, hb + this.ctx.bins[f].count * 3);
    const mk = hb + MISSING * 3;
    hist[mk] = 0;
    hist[mk + 1] = 0;
    hist[mk + 2] = 0;
    const base = f * n;
    for (let i = start; i < end; i++) {
      const k = hb + codes[base + idx[i]] * 3;
      hist[k] += og[i];
      hist[k + 1] += oh[i];
      hist[k + 2] += 1;
    }
  }
}
