import type { RankerTrainEvent, SequenceTrainEvent, TabularCvEvent, TrainEvent, TrainRequest } from '../../workers/train.protocol';
import { WorkerSession } from './worker-session';

type TrainStart = Extract<TrainRequest, { type: 'train' | 'train-sequence' | 'train-ranker' | 'train-cv' }>;
type AnyEvent = TrainEvent | SequenceTrainEvent | RankerTrainEvent | TabularCvEvent;
const FAMILY: Partial<Record<TrainStart['type'], string>> = { 'train-sequence': 'sequence', 'train-ranker': 'ranker', 'train-cv': 'tabular-cv' };

/** A run of the TF.js train worker (tabular, sequence, ranker). */
export class TrainSession<E extends AnyEvent = TrainEvent> extends WorkerSession<TrainStart, E> {
  constructor(req: TrainStart, onEvent: (ev: E) => void, transfer: Transferable[] = []) {
    const family = FAMILY[req.type] ? { family: FAMILY[req.type] } : {};
    super(
      () => new Worker(new URL('../../workers/train-entry.ts', import.meta.url), { type: 'module' }),
      req,
      onEvent,
      (message) => ({ status: 'error', ...family, id: req.id, message }) as E,
      transfer,
    );
  }
}
