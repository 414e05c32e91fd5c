import type { CommonEvent, TrainStart } from '../../workers/train.protocol';
import { WorkerSession } from './worker-session';

/**
 * A run in the train worker: `R` is its runner's request (workers/train-runs/<run>.protocol.ts),
 * `E` the events it posts, which include the CommonEvent every run may post.
 */
export class TrainSession<R extends TrainStart, E extends { status: string; id: string }> extends WorkerSession<R, E> {
  constructor(req: R, onEvent: (ev: E) => void, transfer: Transferable[] = []) {
    super(
      () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module' }),
      req,
      onEvent,
      (message) => ({ status: 'error', id: req.id, message }) satisfies CommonEvent as unknown as E,
      transfer,
    );
  }
}
