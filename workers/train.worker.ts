/// <reference lib="webworker" />
import type { CommonEvent, TrainRequest, TrainRunner, TrainStart } from './train.protocol';
import { StopRequests } from './stop-requests';

declare const self: DedicatedWorkerGlobalScope;

/**
 * The runners, found by file name: a run kind is a file of train-runs/, so adding a family's runner
 * touches nothing here, and a run loads only its own family's code (a tree or TF-IDF run never
 * loads TF.js). This file imports no runner, so it starts within moments and answers every request
 * at once; a runner's module (TF.js and its backends for a network: seconds on a busy machine,
 * longer on a cold cache) loads on its run's request.
 */
const RUNNERS = import.meta.glob<TrainRunner<TrainStart, unknown>>(['./train-runs/*.ts', '!./train-runs/*.protocol.ts'], { import: 'run' });

const stops = new StopRequests();

function post(ev: unknown, transfer: Transferable[] = []): void {
  self.postMessage(ev, transfer);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function start(req: TrainStart): Promise<void> {
  // the page shows "loading the training engine" while the runner's code (TF.js for a network) loads
  post({ status: 'stage', id: req.id, stage: 'load' } satisfies CommonEvent);
  const load = RUNNERS[`./train-runs/${req.run}.ts`];
  if (!load) {
    const kinds = Object.keys(RUNNERS).map((k) => k.replace(/^\.\/train-runs\/|\.ts$/g, ''));
    throw new Error(`the train worker has no runner "${req.run}" (it has: ${kinds.join(', ')})`);
  }
  const run = await load().catch((err: unknown) => {
    // an offline cache miss ends the run with the reason
    throw new Error(`the training engine could not load: ${message(err)}`);
  });
  await run(req, post, stops.of(req.id));
}

self.onmessage = (e: MessageEvent<TrainRequest>) => {
  const req = e.data;
  if (req.type === 'stop') {
    stops.request(req.id);
    return;
  }
  stops.watch(req);
  start(req)
    .catch((err: unknown) => post({ status: 'error', id: req.id, message: message(err) } satisfies CommonEvent))
    .finally(() => stops.done(req.id));
};
