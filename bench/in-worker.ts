import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

/** Runs a TypeScript worker script in a worker thread (as the studio's Web Workers run), posts one message and resolves with its one reply. */
export function inWorker<T>(script: string, message: unknown): Promise<T> {
  return new Promise((res, rej) => {
    const w = new Worker(resolve(import.meta.dirname, 'ts-worker-entry.mjs'), { workerData: { script: resolve(import.meta.dirname, script) } });
    w.once('message', (m: T) => {
      void w.terminate();
      res(m);
    });
    w.once('error', rej);
    w.postMessage(message);
  });
}
