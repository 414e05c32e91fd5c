import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KernelFactory } from '../fit-dense';
import { compileSharedKernelsWasm } from '../wasm/kernels-wasm-node';
import type { HelperReply } from './control';
import { ThreadPool } from './pool';
import { threadedKernelFactory, type ThreadedOptions } from './threaded-kernels';

/** The helper entry: registers tsx, then runs helper-core.ts (Node 20 workers get no loader hooks from their parent). */
const HELPER = new URL('./helper-node.mjs', import.meta.url);

/**
 * A GEMM pool of worker_threads for Node: vitest, the benches, the CLI. Helpers are unref'd, so a
 * pool nobody closed never keeps the process alive (a helper blocked in Atomics.wait ends with it).
 */
export function startNodeThreadPool(threads = os.availableParallelism()): Promise<ThreadPool> {
  return ThreadPool.start(threads, (h) => {
    const w = new Worker(HELPER, { name: `kiln-gemm-helper-${h}` });
    w.unref();
    return {
      post: (req) => w.postMessage(req),
      onReply: (handler) => w.on('message', (r: HelperReply) => handler(r)),
      onError: (handler) => w.on('error', handler),
      terminate: async () => {
        await w.terminate();
      },
    };
  });
}

/** Threaded WASM kernels in Node, on `pool`. */
export function nodeThreadedKernels(pool: ThreadPool, options: ThreadedOptions = {}): KernelFactory {
  return threadedKernelFactory(pool, compileSharedKernelsWasm, options);
}
