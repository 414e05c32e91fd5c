import type { GbdtThreads } from '../fit-gbdt';
import type { HistEngine, HistEngineInput } from '../hist-engine';
import { WasmHistEngine } from '../wasm-hist-engine';
import { OP_QUIT, OP, SEQ, type BindRequest, type GbdtHelperReply, type GbdtHelperRequest, type SharedControl, type TransferBindRequest, type TransferOp } from './protocol';
import { TransferHistEngine, type HelperMessenger } from './transfer-engine';
import { ThreadedHistEngine, type HelperBinder } from './threaded-engine';

/** One helper thread as the pool sees it: a browser Worker or a Node worker_thread (./pool-browser.ts, ./pool-node.ts). */
export interface GbdtHelperThread {
  post(req: GbdtHelperRequest, transfer?: ArrayBuffer[]): void;
  onReply(handler: (reply: GbdtHelperReply) => void): void;
  onError(handler: (error: Error) => void): void;
  terminate(): Promise<void> | void;
}

/**
 * How a pool's threads meet: in shared memory (SharedArrayBuffer: Node, a cross-origin isolated
 * page), or by messages that carry each op's rows (any page).
 */
export type GbdtPoolMode = 'shared' | 'transfer';

/** Shared memory where this realm has it (a page only when cross-origin isolated), messages elsewhere. */
export function defaultPoolMode(): GbdtPoolMode {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return typeof SharedArrayBuffer === 'function' && isolated !== false ? 'shared' : 'transfer';
}

/**
 * A persistent pool of helper threads for GBDT fits: started once per realm, bound to one fit at a
 * time (a fit that finds it busy, as a second fit at once would, runs on its own thread in wasm).
 * Also what fitGbdt takes as its `threads`: the plain kernels module for the one-thread fallback
 * and transfer fits, the shared one for shared-memory fits.
 */
export class GbdtPool implements GbdtThreads, HelperBinder, HelperMessenger {
  private readonly waiting: (((r: GbdtHelperReply) => void) | undefined)[];
  private busy = false;
  private broken: string | null = null;
  /** fits that ran on the helpers (tests and the studio's e2e read it) */
  threadedFits = 0;

  private constructor(
    private readonly threadsOf: GbdtHelperThread[],
    private readonly modules: { plain: WebAssembly.Module; shared: WebAssembly.Module },
    readonly mode: GbdtPoolMode,
  ) {
    this.waiting = threadsOf.map(() => undefined);
  }

  get helpers(): number {
    return this.threadsOf.length;
  }

  /** Starts `threads − 1` helpers with `spawn` and waits until each has loaded. */
  static async start(threads: number, spawn: (index: number) => GbdtHelperThread, modules: { plain: WebAssembly.Module; shared: WebAssembly.Module }, mode = defaultPoolMode(), timeoutMs = 30_000): Promise<GbdtPool> {
    if (!(threads >= 2)) throw new Error(`a GBDT pool needs 2 threads or more, not ${threads}`);
    if (mode === 'shared' && typeof SharedArrayBuffer !== 'function') throw new Error('SharedArrayBuffer is unavailable (the page is not cross-origin isolated)');
    const helpers: GbdtHelperThread[] = [];
    const pool = new GbdtPool(helpers, modules, mode);
    const ready: Promise<void>[] = [];
    for (let h = 0; h < threads - 1; h++) {
      const t = spawn(h);
      helpers.push(t);
      pool.waiting.push(undefined);
      ready.push(
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`GBDT helper ${h + 1} did not start within ${timeoutMs} ms`)), timeoutMs);
          pool.waiting[h] = (r) => {
            clearTimeout(timer);
            if (r.type === 'ready') resolve();
            else reject(new Error(`GBDT helper ${h + 1}: ${r.type === 'error' ? r.message : r.type}`));
          };
          t.onError((e) => {
            clearTimeout(timer);
            pool.broken ??= `GBDT helper ${h + 1} failed: ${e.message}`;
            pool.reply(h, { type: 'error', message: e.message });
            reject(new Error(`GBDT helper ${h + 1} failed: ${e.message}`));
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

  private reply(h: number, r: GbdtHelperReply): void {
    if (r.type === 'unbound') return;
    const resolve = this.waiting[h];
    this.waiting[h] = undefined;
    resolve?.(r);
  }

  /** fitGbdt's engine: the helpers when free, else this thread alone. */
  async engine(input: HistEngineInput): Promise<HistEngine> {
    if (this.busy || this.broken) return new WasmHistEngine(input, this.modules.plain);
    this.busy = true;
    try {
      const e = this.mode === 'shared' ? await ThreadedHistEngine.start(input, this.modules.shared, this) : await TransferHistEngine.start(input, this.modules.plain, this);
      this.threadedFits++;
      return e;
    } catch (err) {
      this.busy = false;
      throw err;
    }
  }

  async bind(req: (thread: number) => BindRequest | TransferBindRequest): Promise<void> {
    const replies = this.threadsOf.map(
      (t, h) =>
        new Promise<GbdtHelperReply>((resolve) => {
          this.waiting[h] = resolve;
          t.post(req(h + 1));
        }),
    );
    const failed = (await Promise.all(replies)).find((r) => r.type !== 'bound');
    if (failed) throw new Error(`GBDT helper could not join the fit: ${failed.type === 'error' ? failed.message : failed.type}`);
  }

  ask(thread: number, op: TransferOp, transfer: ArrayBuffer[]): Promise<GbdtHelperReply> {
    const h = thread - 1;
    return new Promise((resolve) => {
      this.waiting[h] = resolve;
      this.threadsOf[h].post({ type: 'op', body: op }, transfer);
    });
  }

  tell(thread: number, op: TransferOp): void {
    this.threadsOf[thread - 1].post({ type: 'op', body: op });
  }

  /** The end of a transfer fit: every helper drops its copy of the fit. */
  release(): void {
    for (const t of this.threadsOf) t.post({ type: 'unbind-transfer' });
    this.busy = false;
  }

  unbind(control: SharedControl): void {
    control.ctl[OP] = OP_QUIT;
    Atomics.add(control.ctl, SEQ, 1);
    Atomics.notify(control.ctl, SEQ);
    this.busy = false;
  }

  async close(): Promise<void> {
    this.broken ??= 'closed';
    await Promise.all(this.threadsOf.map((t) => t.terminate()));
  }
}
