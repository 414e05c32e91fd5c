import type { HistEngine, HistEngineInput } from '../hist-engine';
import type { ChildOp, SmallChildOp } from '../hist-shard';
import { betterSplit, type NodeStats, type SplitChoice } from '../split';
import { shardRange, WasmEngineBase } from '../wasm-hist-engine';
import type { GbdtHelperReply, TransferBindRequest, TransferOp } from './protocol';

/** What a pool gives a transfer engine: a helper bound to this fit, asked one op at a time. */
export interface HelperMessenger {
  readonly helpers: number;
  bind(req: (thread: number) => TransferBindRequest): Promise<void>;
  /** posts op to helper h (1-based thread number) and resolves with its reply */
  ask(thread: number, op: TransferOp, transfer: ArrayBuffer[]): Promise<GbdtHelperReply>;
  /** posts op to helper h without waiting for a reply (a new tree) */
  tell(thread: number, op: TransferOp): void;
  release(): void;
}

/**
 * The thread pool where memory cannot be shared (a page that is not cross-origin isolated): each
 * helper keeps its own copy of the binned matrix in its own wasm memory, and every op carries the
 * node's rows and their gradients (20 bytes a row, transferred, not copied) instead of pointing
 * into shared memory. Same feature slices, same reduction, hence the same trees as the shared
 * engine; what it pays is a message round trip per op.
 */
export class TransferHistEngine extends WasmEngineBase implements HistEngine {
  readonly meet = 'messages';

  private constructor(
    inp: HistEngineInput,
    module: WebAssembly.Module,
    private readonly pool: HelperMessenger,
  ) {
    super(inp, module, pool.helpers, false);
  }

  static async start(inp: HistEngineInput, module: WebAssembly.Module, pool: HelperMessenger): Promise<TransferHistEngine> {
    const e = new TransferHistEngine(inp, module, pool);
    await pool.bind((thread) => ({ type: 'bind-transfer', module, codes: inp.m.codes.slice(), rows: inp.m.rows, features: inp.m.features, split: inp.split, thread, threads: e.threads }));
    return e;
  }

  beginTree(active: Int32Array): void {
    this.slots.reset();
    for (let t = 1; t < this.threads; t++) this.pool.tell(t, { op: 'tree', active: active.slice() });
    this.shard.beginTree(active, ...shardRange(active.length, 0, this.threads));
  }

  async root(handle: number, start: number, end: number, node: NodeStats): Promise<SplitChoice | null> {
    const slot = this.slots.take(handle);
    const replies = this.send((rows) => ({ op: 'root', slot, start, end, node, ...rows }), start, end);
    let best = this.shard.root(slot, start, end, node);
    for (const r of await replies) best = betterSplit(best, r[0]);
    return best;
  }

  async children(parent: number, small: SmallChildOp, large: ChildOp): Promise<[SplitChoice | null, SplitChoice | null]> {
    const ps = this.slots.get(parent);
    const ss = this.slots.take(small.handle);
    const replies = this.send((rows) => ({ op: 'children', parentSlot: ps, smallSlot: ss, start: small.start, end: small.end, small: small.node, large: large.node, ...rows }), small.start, small.end);
    let [bs, bl] = this.shard.children(ps, ss, small.start, small.end, small.node, large.node);
    for (const r of await replies) {
      bs = betterSplit(bs, r[0]);
      bl = betterSplit(bl, r[1]);
    }
    this.keepChildSlots(parent, small, large);
    return [bs, bl];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pool.release();
  }

  /** Sends an op with the rows idx[start, end) and their gradients to every helper; resolves with each one's splits. */
  private send(op: (rows: { rows: Int32Array; og: Float64Array; oh: Float64Array }) => TransferOp, start: number, end: number): Promise<(SplitChoice | null)[][]> {
    if (this.closed) throw new Error('the GBDT thread engine is closed');
    const asks: Promise<GbdtHelperReply>[] = [];
    for (let t = 1; t < this.threads; t++) {
      const rows = { rows: this.idx.slice(start, end), og: this.og.slice(start, end), oh: this.oh.slice(start, end) };
      asks.push(this.pool.ask(t, op(rows), [rows.rows.buffer as ArrayBuffer, rows.og.buffer as ArrayBuffer, rows.oh.buffer as ArrayBuffer]));
    }
    return Promise.all(asks).then((replies) =>
      replies.map((r, i) => {
        if (r.type !== 'splits') throw new Error(`GBDT helper ${i + 1} failed on its share of the features: ${r.type === 'error' ? r.message : r.type}`);
        return r.splits;
      }),
    );
  }
}
