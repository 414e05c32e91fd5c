/**
 * One worker per run: a crashed or leaking run cannot poison the next, and terminate() frees its
 * memory. A worker crash surfaces as an 'error' event like any other failure.
 */
/**
 * A flag the worker's loop reads before every step (workers/stop-requests.ts), or null where
 * SharedArrayBuffer is unavailable (a page served without COOP/COEP): the 'stop' message then lands
 * at the loop's next pause instead.
 */
export function sharedStopFlag(): Int32Array | null {
  return typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated === true ? new Int32Array(new SharedArrayBuffer(4)) : null;
}

export class WorkerSession<Req extends { type: string; id: string }, E extends { status: string; id: string }> {
  private worker: Worker;
  private finished = false;
  private readonly stopFlag = sharedStopFlag();

  constructor(
    spawn: () => Worker,
    private readonly req: Req,
    private readonly onEvent: (ev: E) => void,
    /** the event to report when the worker itself dies */
    crashEvent: (message: string) => E,
    /** buffers of `req` to move rather than copy (the caller gives up these arrays) */
    transfer: Transferable[] = [],
  ) {
    this.worker = spawn();
    this.worker.onmessage = (e: MessageEvent<E>) => {
      if (e.data.id !== req.id) return;
      if (e.data.status === 'done' || e.data.status === 'error') this.finish();
      this.onEvent(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      if (this.finished) return;
      this.finish();
      this.onEvent(crashEvent(`the training worker crashed: ${e.message || 'unknown error'}`));
    };
    this.worker.postMessage(this.stopFlag ? { ...req, stopFlag: this.stopFlag } : req, transfer);
  }

  stop(): void {
    if (this.stopFlag) Atomics.store(this.stopFlag, 0, 1);
    this.worker.postMessage({ type: 'stop', id: this.req.id });
  }

  private finish(): void {
    this.finished = true;
    // let the last message's transfer complete before the worker goes
    setTimeout(() => this.worker.terminate(), 0);
  }

  terminate(): void {
    this.finish();
  }
}
