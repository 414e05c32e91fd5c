import type { RankerTrainEvent, SequenceTrainEvent, TrainEvent, TrainRequest } from '../../workers/train.protocol';

type TrainStart = Extract<TrainRequest, { type: 'train' | 'train-sequence' | 'train-ranker' }>;
type AnyEvent = TrainEvent | SequenceTrainEvent | RankerTrainEvent;

/**
 * One worker per run: a crashed or leaking run cannot poison the next, and terminate() frees
 * its GPU memory. A worker crash surfaces as an 'error' event like any other failure.
 */
export class TrainSession<E extends AnyEvent = TrainEvent> {
  private worker: Worker;
  private finished = false;

  constructor(
    private readonly req: TrainStart,
    private readonly onEvent: (ev: E) => void,
    /** buffers of `req` to move rather than copy (the caller gives up these arrays) */
    transfer: Transferable[] = [],
  ) {
    this.worker = new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<E>) => {
      if (e.data.id !== req.id) return;
      if (e.data.status === 'done' || e.data.status === 'error') this.finish();
      this.onEvent(e.data);
    };
    this.worker.onerror = (e) => {
      e.preventDefault();
      if (this.finished) return;
      this.finish();
      const message = `the training worker crashed: ${e.message || 'unknown error'}`;
      const family = req.type === 'train-sequence' ? { family: 'sequence' } : req.type === 'train-ranker' ? { family: 'ranker' } : {};
      this.onEvent({ status: 'error', ...family, id: req.id, message } as E);
    };
    this.worker.postMessage(req satisfies TrainRequest, transfer);
  }

  stop(): void {
    this.worker.postMessage({ type: 'stop', id: this.req.id } satisfies TrainRequest);
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
