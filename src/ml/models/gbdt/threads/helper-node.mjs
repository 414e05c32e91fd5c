// A GBDT helper in Node (vitest, benches, the CLI), started by pool-node.ts as a worker_thread.
// Node 20 does not pass a parent's --import loader hooks to workers, so tsx is registered here
// (as the GEMM helper does) before the TypeScript helper loads.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { startGbdtHelper } = await import('./helper-core.ts');
startGbdtHelper({ post: (reply) => parentPort.postMessage(reply), listen: (handler) => parentPort.on('message', handler) });
