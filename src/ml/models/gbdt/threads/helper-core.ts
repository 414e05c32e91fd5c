import type { SplitChoice } from '../split';
import { ensureSlot, fitMemory, instantiateGbdtWasm, shardRange } from '../wasm-hist-engine';
import { WasmShard, type WasmLayout } from '../wasm-shard';
import { A_ACTIVE, A_END, A_PARENT, A_SMALL, A_START, A_WANT, DONE, ERR, OP, OP_CHILDREN, OP_QUIT, OP_ROOT, OP_TREE, readStats, RESULT, SEQ, waitChange, writeSplit, type BindRequest, type GbdtHelperReply, type GbdtHelperRequest, type TransferBindRequest, type TransferOp } from './protocol';

/** How a helper talks to its pool: a worker's global scope in a browser, parentPort in Node. */
export interface GbdtHelperEndpoint {
  post(reply: GbdtHelperReply): void;
  listen(handler: (req: GbdtHelperRequest) => void): void;
}

/**
 * A helper thread of a GBDT pool (./pool.ts). It idles in its message loop; a 'bind' gives it one
 * fit's shared memory and its thread number, and it serves that fit's ops (its slice of each
 * tree's features) until the fit ends, then is back in its message loop for the next fit.
 */
export function startGbdtHelper(endpoint: GbdtHelperEndpoint): void {
  let transfer: TransferFit | null = null;
  endpoint.listen((req) => {
    if (req.type === 'bind-transfer') {
      try {
        transfer = new TransferFit(req);
        endpoint.post({ type: 'bound' });
      } catch (e) {
        endpoint.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    if (req.type === 'op') {
      if (!transfer) {
        if (req.body.op !== 'tree') endpoint.post({ type: 'error', message: 'an op came before the fit was bound' });
        return;
      }
      try {
        const splits = transfer.run(req.body);
        if (splits) endpoint.post({ type: 'splits', splits });
      } catch (e) {
        endpoint.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    if (req.type === 'unbind-transfer') {
      transfer = null;
      endpoint.post({ type: 'unbound' });
      return;
    }
    let shard: WasmShard;
    try {
      shard = new WasmShard(instantiateGbdtWasm(req.module, req.memory), req.memory, req.layout, req.split, req.thread);
    } catch (e) {
      endpoint.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const seen = Atomics.load(req.control.ctl, SEQ);
    endpoint.post({ type: 'bound' });
    serve(req, shard, seen);
    endpoint.post({ type: 'unbound' });
  });
  endpoint.post({ type: 'ready' });
}

/** Waits for an op, runs this thread's share, reports, until OP_QUIT. */
function serve(req: BindRequest, shard: WasmShard, seen: number): void {
  const { ctl, args, stats, active, results } = req.control;
  const h = req.thread - 1;
  const out = h * 2 * RESULT;
  for (;;) {
    waitChange(ctl, SEQ, seen);
    seen = Atomics.load(ctl, SEQ);
    const op = ctl[OP];
    if (op === OP_QUIT) return;
    try {
      if (op === OP_TREE) {
        const n = args[A_ACTIVE];
        const [from, to] = shardRange(n, req.thread, req.threads);
        shard.beginTree(active.slice(0, n), from, to);
      } else if (op === OP_ROOT) {
        writeSplit(results, out, shard.root(args[A_SMALL], args[A_START], args[A_END], readStats(stats, 0)));
      } else if (op === OP_CHILDREN) {
        const want = args[A_WANT];
        const [s, l] = shard.children(args[A_PARENT], args[A_SMALL], args[A_START], args[A_END], want & 1 ? readStats(stats, 0) : null, want & 2 ? readStats(stats, 6) : null);
        writeSplit(results, out, s);
        writeSplit(results, out + RESULT, l);
      }
    } catch {
      // a failure must still count as done, or the caller would wait forever; it throws instead
      ctl[ERR + h] = 1;
    }
    Atomics.add(ctl, DONE, 1);
    Atomics.notify(ctl, DONE);
  }
}

/**
 * A helper's side of a fit without shared memory: its own wasm memory with its copy of the binned
 * matrix; each op's rows and gradients are written where the shared engine would have put them.
 */
class TransferFit {
  private readonly shard: WasmShard;
  private readonly memory: WebAssembly.Memory;
  private readonly L: WasmLayout;
  private failed: string | null = null;

  constructor(private readonly req: TransferBindRequest) {
    const { memory, L } = fitMemory({ m: { rows: req.rows, features: req.features, codes: req.codes }, split: req.split }, 1, false);
    this.memory = memory;
    this.L = L;
    this.shard = new WasmShard(instantiateGbdtWasm(req.module, memory), memory, L, req.split, 0);
  }

  /** Runs one op; null for a new tree, which is not answered (a failure there is reported with the next op). */
  run(op: TransferOp): (SplitChoice | null)[] | null {
    if (op.op === 'tree') {
      try {
        this.shard.beginTree(op.active, ...shardRange(op.active.length, this.req.thread, this.req.threads));
      } catch (e) {
        this.failed = e instanceof Error ? e.message : String(e);
      }
      return null;
    }
    if (this.failed) throw new Error(this.failed);
    const { idx, og, oh } = this.L;
    const buf = this.memory.buffer;
    new Int32Array(buf, idx, this.L.n).set(op.rows, op.start);
    new Float64Array(buf, og, this.L.n).set(op.og, op.start);
    new Float64Array(buf, oh, this.L.n).set(op.oh, op.start);
    if (op.op === 'root') {
      ensureSlot(this.memory, this.L, op.slot);
      return [this.shard.root(op.slot, op.start, op.end, op.node)];
    }
    ensureSlot(this.memory, this.L, Math.max(op.parentSlot, op.smallSlot));
    return this.shard.children(op.parentSlot, op.smallSlot, op.start, op.end, op.small, op.large);
  }
}
