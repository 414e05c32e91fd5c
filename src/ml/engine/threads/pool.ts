import { ARGS, controlInts, DONE, ERR, OP, OP_GEMM, OP_QUIT, SEQ, slotOf, type GemmBlock, type HelperReply, type HelperRequest } from './control';

/** One helper thread as the pool sees it: a browser Worker or a Node worker_thread (./pool-browser.ts, ./pool-node.ts). */
export interface HelperThread {
  post(req: HelperRequest): void;
  onReply(handler: (reply: HelperReply) => void): void;
  /** the thread failed to load or crashed */
  onError(handler: (error: Error) => void): void;
  terminate(): Promise<void> | void;
}

/** A block of C: rows [i0, i1) × columns [j0, j1). */
export type Block = readonly [i0: number, i1: number, j0: number, j1: number];
/** gemm's arguments as the wasm sees them: byte offsets and 0/1 flags. */
export type GemmArgs = readonly [a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, accumulate: number];

/** How long the caller waits for its helpers before calling the pool broken (a block is milliseconds). */
const HELPER_TIMEOUT_MS = 60_000;

/** Whether this thread may block in Atomics.wait (a page's main thread may not; workers and Node may). */
export function canBlock(): boolean {
  try {
    // the agent check comes before the value check: a main thread throws, anyone else gets 'not-equal' at once
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A persistent pool of `threads − 1` helper threads; the thread that calls gemm is the last one.
 * Helpers outlive runs: each run binds the pool to its own shared memory (`bind`) and releases it
 * at its end, so a run pays for instantiating ~10 KB of wasm per helper, not for starting threads.
 * One binding at a time: a new bind unbinds the previous one, whose kernels then run on one thread
 * (still correct; a binding that was never released cannot keep the pool from later runs).
 */
export class ThreadPool {
  private readonly ctl: Int32Array;
  private current: PoolBinding | null = null;
  /** binds run one after another: a helper must be inside its wait loop before an unbind reaches it */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly pending: (((r: HelperReply) => void) | undefined)[];
  private closed = false;
  /** helpers that reported leaving a binding (tests count these) */
  unbinds = 0;
  /** blocks of C helpers computed and reported done, over every binding (tests read it, e2e through the training worker) */
  helperBlocks = 0;

  private constructor(
    private readonly helpers: HelperThread[],
    count: number,
  ) {
    this.ctl = new Int32Array(new SharedArrayBuffer(controlInts(count) * 4));
    this.pending = Array.from({ length: count }, () => undefined);
  }

  /** Every thread that works on a GEMM, the caller included. */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Starts `threads − 1` helpers with `spawn` and waits until each has loaded. */
  static async start(threads: number, spawn: (index: number) => HelperThread, timeoutMs = 30_000): Promise<ThreadPool> {
    if (!(threads >= 2)) throw new Error(`a thread pool needs 2 threads or more, not ${threads}`);
    if (typeof SharedArrayBuffer !== 'function') throw new Error('SharedArrayBuffer is unavailable (the page is not cross-origin isolated)');
    if (!canBlock()) throw new Error('this thread may not block in Atomics.wait (a page’s main thread); train in a worker');
    const helpers: HelperThread[] = [];
    const pool = new ThreadPool(helpers, threads - 1);
    const ready: Promise<void>[] = [];
    for (let h = 0; h < threads - 1; h++) {
      const t = spawn(h);
      helpers.push(t);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`GEMM helper ${h} did not start within ${timeoutMs} ms`)), timeoutMs);
          pool.pending[h] = (r) => {
            clearTimeout(timer);
            if (r.type === 'ready') resolve();
            else reject(new Error(`GEMM helper ${h}: ${r.type === 'error' ? r.message : r.type}`));
          };
          t.onError((e) => {
            clearTimeout(timer);
            pool.helperFailed(h, e);
            reject(new Error(`GEMM helper ${h} failed: ${e.message}`));
          });
        }),
      );
      t.onReply((r) => pool.reply(h, r));
    }
    try {
      await Promise.all(ready);
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  private reply(h: number, r: HelperReply): void {
    if (r.type === 'unbound') {
      this.unbinds++;
      return;
    }
    const resolve = this.pending[h];
    this.pending[h] = undefined;
    resolve?.(r);
  }

  /** A helper that crashed: the binding using it must not wait for it again. */
  private helperFailed(h: number, e: Error): void {
    this.current?.lose(`GEMM helper ${h} failed: ${e.message}`);
    this.reply(h, { type: 'error', helper: h, message: e.message });
  }

  /** Binds every helper to `memory` (a shared WebAssembly.Memory) with the shared build of the kernels. */
  bind(memory: WebAssembly.Memory, module: WebAssembly.Module): Promise<PoolBinding> {
    if (this.closed) return Promise.reject(new Error('the thread pool is closed'));
    if (!(memory.buffer instanceof SharedArrayBuffer)) return Promise.reject(new Error('threads need a shared WebAssembly.Memory'));
    const next = this.queue.then(async () => {
      this.unbind(this.current);
      const replies = this.helpers.map(
        (t, h) =>
          new Promise<HelperReply>((resolve) => {
            this.pending[h] = resolve;
            t.post({ type: 'bind', module, memory, control: this.ctl.buffer as SharedArrayBuffer, helper: h });
          }),
      );
      const binding = new PoolBinding(this.ctl, this.helpers.length, (b) => this.unbind(b), (blocks) => (this.helperBlocks += blocks));
      this.current = binding;
      const failed = (await Promise.all(replies)).find((r) => r.type !== 'bound');
      if (failed) {
        this.unbind(binding);
        throw new Error(`GEMM helper could not bind: ${failed.type === 'error' ? failed.message : failed.type}`);
      }
      return binding;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Sends every helper of `binding` back to its message loop (no wait: the quit is seen within microseconds). */
  private unbind(binding: PoolBinding | null): void {
    if (!binding || binding !== this.current) return;
    binding.lose('released');
    this.current = null;
    for (let h = 0; h < this.helpers.length; h++) {
      const s = slotOf(h);
      this.ctl[s + OP] = OP_QUIT;
      Atomics.add(this.ctl, s + SEQ, 1);
      Atomics.notify(this.ctl, s + SEQ);
    }
  }

  /** Ends every helper thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unbind(this.current);
    await Promise.all(this.helpers.map((t) => t.terminate()));
  }
}

/** One run's hold on the pool: its GEMMs are split across the helpers until `release()`. */
export class PoolBinding {
  private why: string | null = null;

  constructor(
    private readonly ctl: Int32Array,
    readonly helpers: number,
    private readonly onRelease: (b: PoolBinding) => void,
    private readonly onDone: (helperBlocks: number) => void,
  ) {}

  /** False once released, replaced by a later run's binding, or a helper failed. */
  get active(): boolean {
    return this.why === null;
  }

  lose(why: string): void {
    this.why ??= why;
  }

  release(): void {
    this.onRelease(this);
  }

  /**
   * Computes blocks[0] on this thread with `local` and blocks[1..] on helpers 0.. (at most
   * `helpers` of them), then waits until every helper is done. Every block is disjoint, so no two
   * threads ever write one element of C.
   */
  run(args: GemmArgs, blocks: readonly Block[], local: GemmBlock): void {
    if (!this.active) throw new Error(`the thread pool binding is gone (${this.why})`);
    if (blocks.length > this.helpers + 1) throw new RangeError(`${blocks.length} blocks for ${this.helpers + 1} threads`);
    const ctl = this.ctl;
    const used = blocks.length - 1;
    Atomics.store(ctl, DONE, 0);
    for (let h = 0; h < used; h++) {
      const s = slotOf(h);
      ctl[s + OP] = OP_GEMM;
      ctl[s + ERR] = 0;
      ctl.set(args, s + ARGS);
      ctl.set(blocks[h + 1], s + ARGS + args.length);
      Atomics.add(ctl, s + SEQ, 1);
      Atomics.notify(ctl, s + SEQ);
    }
    const [a, b, c, m, n, k, ta, tb, acc] = args;
    const [i0, i1, j0, j1] = blocks[0];
    let failed: unknown = null;
    try {
      local(a, b, c, m, n, k, ta, tb, acc, i0, i1, j0, j1);
    } catch (e) {
      // wait for the helpers all the same: the next GEMM must not start while they still count into DONE
      failed = e;
    }
    const deadline = performance.now() + HELPER_TIMEOUT_MS;
    for (let done = Atomics.load(ctl, DONE); done < used; done = Atomics.load(ctl, DONE)) {
      Atomics.wait(ctl, DONE, done, 1000);
      if (performance.now() > deadline) {
        this.lose('a helper stopped answering');
        throw new Error(`GEMM helpers did not finish within ${HELPER_TIMEOUT_MS / 1000} s`);
      }
    }
    if (failed) throw failed;
    for (let h = 0; h < used; h++) if (ctl[slotOf(h) + ERR] !== 0) throw new Error(`GEMM helper ${h} failed on its block of a ${m}×${n}×${k} product`);
    this.onDone(used);
  }
}
