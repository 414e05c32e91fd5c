import type { BinnedMatrix } from './binning';
import { HistShard, type ChildOp, type SmallChildOp } from './hist-shard';
import type { NodeStats, SplitChoice, SplitContext } from './split';

type MaybeAsync<T> = T | Promise<T>;

/** How a pool's threads meet: one wasm memory they all share, or each op's rows passed by message. */
export type ThreadsMeet = 'shared memory' | 'messages';

/**
 * Where a tree's histograms are built and its splits searched: on this thread (LocalHistEngine)
 * or across a pool of threads, each owning a slice of the features (./threads/threaded-engine.ts).
 * The grower partitions rows itself, in `idx`, and writes the gradients of the rows it asks about
 * into `og` / `oh` in the same order before each call; a threaded engine hands these arrays out
 * in shared memory, or sends the rows along when memory cannot be shared.
 */
export interface HistEngine {
  readonly idx: Int32Array;
  readonly og: Float64Array;
  readonly oh: Float64Array;
  /** threads doing the work, this one included */
  readonly threads: number;
  /** with helpers: how they meet */
  readonly meet?: ThreadsMeet;
  beginTree(active: Int32Array): MaybeAsync<void>;
  root(handle: number, start: number, end: number, node: NodeStats): MaybeAsync<SplitChoice | null>;
  children(parent: number, small: SmallChildOp, large: ChildOp): MaybeAsync<[SplitChoice | null, SplitChoice | null]>;
  /**
   * Stable in-place partition of idx[start, end) by feature f's codes: rows with goLeft[code] = 1
   * first. Returns the boundary.
   */
  partition(f: number, goLeft: Uint8Array, start: number, end: number): number;
  /** a node that became a leaf with its histogram still kept */
  release(handle: number): void;
  /** the end of the fit: a threaded engine lets its helpers go */
  close(): MaybeAsync<void>;
}

/** What every engine is made from: the binned rows and what split search reads besides the histograms. */
export interface HistEngineInput {
  m: BinnedMatrix;
  split: SplitContext;
}

/** All features on this thread: one shard. */
export class LocalHistEngine implements HistEngine {
  readonly idx: Int32Array;
  readonly og: Float64Array;
  readonly oh: Float64Array;
  readonly threads = 1;
  private readonly shard: HistShard;
  private readonly scratch: Int32Array;

  constructor(private readonly inp: HistEngineInput) {
    const { m, split } = inp;
    this.idx = new Int32Array(m.rows);
    this.scratch = new Int32Array(m.rows);
    this.og = new Float64Array(m.rows);
    this.oh = new Float64Array(m.rows);
    this.shard = new HistShard(split, { codes: m.codes, n: m.rows, idx: this.idx, og: this.og, oh: this.oh });
  }

  beginTree(active: Int32Array): void {
    this.shard.beginTree(active);
  }

  root(handle: number, start: number, end: number, node: NodeStats): SplitChoice | null {
    return this.shard.root(handle, start, end, node);
  }

  children(parent: number, small: SmallChildOp, large: ChildOp): [SplitChoice | null, SplitChoice | null] {
    return this.shard.children(parent, small, large);
  }

  partition(f: number, goLeft: Uint8Array, start: number, end: number): number {
    const { idx, scratch } = this;
    const { codes, rows: n } = this.inp.m;
    const base = f * n;
    let l = start;
    let r = 0;
    for (let i = start; i < end; i++) {
      const row = idx[i];
      if (goLeft[codes[base + row]]) idx[l++] = row;
      else scratch[r++] = row;
    }
    idx.set(scratch.subarray(0, r), l);
    return l;
  }

  release(handle: number): void {
    this.shard.release(handle);
  }

  close(): void {}
}
