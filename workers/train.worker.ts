/// <reference lib="webworker" />
import { configureWorkerWasm } from './wasm-binaries';
import type { CommonEvent, TrainRequest, TrainRunner, TrainStart } from './train.protocol';
import { StopRequests } from './stop-requests';

declare const self: DedicatedWorkerGlobalScope;

configureWorkerWasm();

/**
 * The runners, found by file name: a run kind is a file of train-runs/, so adding a family's runner
 * touches nothing here, and a run loads only its own family's code.
 */
const RUNNERS = import.meta.glob<TrainRunner<TrainStart, unknown>>(['./train-runs/*.ts', '!./train-runs/*.protocol.ts'], { import: 'run' });

const stops = new StopRequests();

function post(ev: unknown, transfer: Transferable[] = []): void {
  self.postMessage(ev, transfer);
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function start(req: TrainStart): Promise<void> {
  const load = RUNNERS[`./train-runs/${req.run}.ts`];
  if (!load) {
    const kinds = Object.keys(RUNNERS).map((k) => k.replace(/^\.\/train-runs\/|\.ts$/g, ''));
    throw new Error(`the train worker has no runner "${req.run}" (it has: ${kinds.join(', ')})`);
  }
  const run = await load().catch((err: unknown) => {
    // a lazily loaded runner can miss the offline cache as the entry can
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
