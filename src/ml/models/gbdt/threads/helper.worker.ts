/// <reference lib="webworker" />
import { startGbdtHelper } from './helper-core';
import type { GbdtHelperRequest } from './protocol';

// A GBDT helper in the browser: started by pool-browser.ts from inside the training worker (a
// nested dedicated worker, in the same agent cluster, so the fit's shared memory can be posted to it).
declare const self: DedicatedWorkerGlobalScope;

startGbdtHelper({
  post: (reply) => self.postMessage(reply),
  listen: (handler) => {
    self.onmessage = (e: MessageEvent<GbdtHelperRequest>) => handler(e.data);
  },
});
