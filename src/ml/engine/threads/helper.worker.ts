/// <reference lib="webworker" />
import { startHelper } from './helper-core';
import type { HelperRequest } from './control';

// A GEMM helper in the browser: started by pool-browser.ts from inside the training worker (a
// nested dedicated worker, in the same agent cluster, so the run's shared memory can be posted to it).
declare const self: DedicatedWorkerGlobalScope;

startHelper({
  post: (reply) => self.postMessage(reply),
  listen: (handler) => {
    self.onmessage = (e: MessageEvent<HelperRequest>) => handler(e.data);
  },
});
