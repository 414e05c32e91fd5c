import type { RankerTrainEvent, SequenceTrainEvent, TrainEvent, TrainRequest } from '../../workers/train.protocol';
import { WorkerSession } from './worker-session';

type TrainStart = Extract<TrainRequest, { type: 'train' | 'train-sequence' | 'train-ranker' }>;
type AnyEvent = TrainEvent | SequenceTrainEvent | RankerTrainEvent;

/** A run of the TF.js train worker (tabular, sequence, ranker). */
export class TrainSession<E extends AnyEvent = TrainEvent> extends WorkerSession<TrainStart, E> {
  constructor(req: TrainStart, onEvent: (ev: E) => void, transfer: Transferable[] = []) {
    const family = req.type === 'train-sequence' ? { family: 'sequence' } : req.type === 'train-ranker' ? { family: 'ranker' } : {};
    super(
      () => new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module' }),
      req,
      onEvent,
      (message) => ({ status: 'error', ...family, id: req.id, message }) as E,
      transfer,
    );
  }
}
