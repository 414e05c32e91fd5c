/** Lets queued messages (a stop request) run between steps without a timer's clamped delay. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** What a pause waits on: a read of the step's loss, which resolves once the device has run that step. */
export type DeviceSync = () => Promise<unknown>;

export interface PacerOptions {
  /** the most device time left queued between two pauses, and the most wall time between two yields */
  intervalMs?: number;
  now?: () => number;
  /** lets queued messages run; a test passes its own */
  yieldNow?: () => Promise<void>;
}

/**
 * Keeps a training loop stoppable between steps at a cost of one short pause per ~`intervalMs`.
 *
 * Two things made Stop wait for the end of an epoch. A worker's message handler (the stop request)
 * cannot run while the loop holds the thread, and the loop yielded only at its few loss reads per
 * epoch. And on a GPU backend the loop only enqueues work: without a sync, the device can be
 * handed a whole epoch of steps, which the loop (and, after a reload, the GPU process the page paints
 * with) must then sit out. A pause waits for the latest step to finish on the device, then yields.
 *
 * Pausing after every step would cost a pipeline drain and an event-loop turn per step; pausing
 * every `intervalMs` costs one per interval. On a fast CPU loop the wall clock decides; on a device
 * that runs behind the host, the step budget learned from the last pauses (device time per step)
 * keeps the queued work under `intervalMs` too.
 */
export class StepPacer {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly yieldNow: () => Promise<void>;
  private last: number;
  private steps = 0;
  /** steps allowed between pauses; starts at 1 so the first pause measures the device */
  private budget = 1;
  pauses = 0;

  constructor(o: PacerOptions = {}) {
    this.intervalMs = o.intervalMs ?? 100;
    this.now = o.now ?? (() => performance.now());
    this.yieldNow = o.yieldNow ?? yieldToEventLoop;
    this.last = this.now();
  }

  /** Call after each step has been enqueued; resolves at once unless a pause is due. */
  async step(sync: DeviceSync): Promise<void> {
    this.steps++;
    if (this.steps < this.budget && this.now() - this.last < this.intervalMs) return;
    await sync();
    await this.yieldNow();
    const t = this.now();
    const perStep = (t - this.last) / this.steps;
    // a step slower than the interval pauses after every step; a fast one runs for about intervalMs
    this.budget = perStep > 0 ? Math.max(1, Math.floor(this.intervalMs / perStep)) : Number.MAX_SAFE_INTEGER;
    this.steps = 0;
    this.last = t;
    this.pauses++;
  }

  /** Restarts the clock (after validation or anything else that is not a step). */
  reset(): void {
    this.steps = 0;
    this.last = this.now();
  }
}
