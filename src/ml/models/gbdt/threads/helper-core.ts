import { shardRange, instantiateGbdtWasm } from '../wasm-hist-engine';
import { WasmShard } from '../wasm-shard';
import { A_ACTIVE, A_END, A_PARENT, A_SMALL, A_START, A_WANT, DONE, ERR, OP, OP_CHILDREN, OP_QUIT, OP_ROOT, OP_TREE, readStats, RESULT, SEQ, waitChange, writeSplit, type BindRequest, type GbdtHelperReply, type GbdtHelperRequest } from './protocol';

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
  endpoint.listen((req) => {
    if (req.type !== 'bind') return;
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
