import type { HistEngine, HistEngineInput } from '../hist-engine';
import type { ChildOp, SmallChildOp } from '../hist-shard';
import { betterSplit, type NodeStats, type SplitChoice } from '../split';
import { shardRange, WasmEngineBase } from '../wasm-hist-engine';
import { A_ACTIVE, A_END, A_PARENT, A_SMALL, A_START, A_WANT, DONE, ERR, OP, OP_CHILDREN, OP_QUIT, OP_ROOT, OP_TREE, readSplit, RESULT, SEQ, sharedControl, waitChange, writeStats, type BindRequest, type SharedControl } from './protocol';

/** How long the caller waits for its helpers before calling the fit broken (an op is milliseconds). */
const HELPER_TIMEOUT_MS = 60_000;

/** What a pool gives an engine: a way to bind its helpers to a fit and to let them go. */
export interface HelperBinder {
  readonly helpers: number;
  bind(req: (thread: number) => BindRequest): Promise<void>;
  /** sends every helper back to its message loop */
  unbind(control: SharedControl): void;
}

/**
 * Histograms and split search across threads, feature-parallel: thread t of T owns positions
 * shardRange(active, t, T) of each tree's active features; this thread is thread 0 and the pool's
 * helpers the rest. The rows in partition order, their gradients, the binned matrix and the
 * histogram slots all live in one shared wasm memory, so an op moves no data: the caller
 * partitions rows and orders gradients in place, then every thread builds and searches its
 * features. The best split is the first best in feature order, as on one thread, so a fit gives
 * the same trees on any number of threads.
 */
export class ThreadedHistEngine extends WasmEngineBase implements HistEngine {
  readonly meet = 'shared memory';
  private readonly control: SharedControl;

  private constructor(
    inp: HistEngineInput,
    module: WebAssembly.Module,
    private readonly pool: HelperBinder,
  ) {
    super(inp, module, pool.helpers, true);
    this.control = sharedControl(inp.m.features, pool.helpers);
  }

  /** An engine on `pool`'s helpers, with the shared build of the kernels (kernels-shared.wasm). */
  static async start(inp: HistEngineInput, sharedModule: WebAssembly.Module, pool: HelperBinder): Promise<ThreadedHistEngine> {
    const e = new ThreadedHistEngine(inp, sharedModule, pool);
    await pool.bind((thread) => ({ type: 'bind', module: sharedModule, memory: e.memory, layout: e.L, split: inp.split, control: e.control, thread, threads: e.threads }));
    return e;
  }

  beginTree(active: Int32Array): void {
    this.slots.reset();
    this.control.active.set(active);
    this.control.args[A_ACTIVE] = active.length;
    this.broadcast(OP_TREE, () => this.shard.beginTree(active, ...shardRange(active.length, 0, this.threads)));
  }

  root(handle: number, start: number, end: number, node: NodeStats): SplitChoice | null {
    const { args, stats, results } = this.control;
    args[A_SMALL] = this.slots.take(handle);
    args[A_START] = start;
    args[A_END] = end;
    writeStats(stats, 0, node);
    let best: SplitChoice | null = null;
    this.broadcast(OP_ROOT, () => (best = this.shard.root(args[A_SMALL], start, end, node)));
    for (let h = 0; h < this.pool.helpers; h++) best = betterSplit(best, readSplit(results, h * 2 * RESULT));
    return best;
  }

  children(parent: number, small: SmallChildOp, large: ChildOp): [SplitChoice | null, SplitChoice | null] {
    const { args, stats, results } = this.control;
    const ps = this.slots.get(parent);
    const ss = this.slots.take(small.handle);
    args[A_PARENT] = ps;
    args[A_SMALL] = ss;
    args[A_START] = small.start;
    args[A_END] = small.end;
    args[A_WANT] = (small.node ? 1 : 0) | (large.node ? 2 : 0);
    if (small.node) writeStats(stats, 0, small.node);
    if (large.node) writeStats(stats, 6, large.node);
    let r: [SplitChoice | null, SplitChoice | null] = [null, null];
    this.broadcast(OP_CHILDREN, () => (r = this.shard.children(ps, ss, small.start, small.end, small.node, large.node)));
    let [bs, bl] = r;
    for (let h = 0; h < this.pool.helpers; h++) {
      bs = betterSplit(bs, readSplit(results, h * 2 * RESULT));
      bl = betterSplit(bl, readSplit(results, h * 2 * RESULT + RESULT));
    }
    this.keepChildSlots(parent, small, large);
    return [bs, bl];
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.control.ctl[OP] = OP_QUIT;
    this.pool.unbind(this.control);
  }

  /** Starts op on every helper, runs this thread's share, waits for the helpers. */
  private broadcast(op: number, local: () => void): void {
    if (this.closed) throw new Error('the GBDT thread engine is closed');
    const { ctl } = this.control;
    const helpers = this.pool.helpers;
    Atomics.store(ctl, DONE, 0);
    ctl[OP] = op;
    Atomics.add(ctl, SEQ, 1);
    Atomics.notify(ctl, SEQ);
    let failed: unknown = null;
    try {
      local();
    } catch (e) {
      // wait for the helpers all the same: the next op must not start while they still count into DONE
      failed = e;
    }
    const deadline = performance.now() + HELPER_TIMEOUT_MS;
    for (let done = Atomics.load(ctl, DONE); done < helpers; done = Atomics.load(ctl, DONE)) {
      waitChange(ctl, DONE, done, 1000);
      if (performance.now() > deadline) throw new Error(`GBDT helper threads did not finish within ${HELPER_TIMEOUT_MS / 1000} s`);
    }
    if (failed) throw failed;
    for (let h = 0; h < helpers; h++) if (ctl[ERR + h] !== 0) throw new Error(`GBDT helper ${h + 1} failed on its share of the features`);
  }
}
