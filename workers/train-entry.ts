/// <reference lib="webworker" />
import type { ErrorEvent, StageEvent, TrainRequest } from './train.protocol';

/**
 * The train worker's entry. It imports nothing heavy, so it runs within moments of the worker's
 * start and says "loading the training engine" for every run request while TF.js and its backends
 * load (seconds on a busy machine, longer on a cold cache). Requests that arrive meanwhile are
 * replayed, in order, to the real handler (train.worker.ts sets `self.onmessage` when it loads).
 */
declare const self: DedicatedWorkerGlobalScope;

const early: MessageEvent<TrainRequest>[] = [];

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  early.push(e);
  const req = e.data;
  if (req.type !== 'stop') self.postMessage({ status: 'stage', id: req.id, stage: 'load' } satisfies StageEvent);
};

void import('./train.worker').then(
  () => {
    const handler = self.onmessage;
    for (const e of early.splice(0)) handler?.call(self, e);
  },
  (err: unknown) => {
    // a failed load (an offline cache miss) ends every waiting run with the reason
    const message = `the training engine could not load: ${err instanceof Error ? err.message : String(err)}`;
    for (const e of early.splice(0)) if (e.data.type !== 'stop') self.postMessage({ status: 'error', id: e.data.id, message } satisfies ErrorEvent);
  },
);
