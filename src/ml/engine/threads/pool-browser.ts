import type { KernelFactory } from '../fit-dense';
import { compileSharedKernelsWasm } from '../wasm/kernels-wasm-browser';
import type { HelperReply } from './control';
import { ThreadPool } from './pool';
import { threadedKernelFactory } from './threaded-kernels';

let pool: Promise<ThreadPool> | undefined;

/**
 * This realm's GEMM pool: started on first use and kept for every later run in the realm, so a run
 * only binds it (microseconds per helper) instead of starting threads. The studio starts a training
 * worker per run, so there the pool lives as long as its run; the bench worker's many runs share one.
 * Helpers are nested module workers: Vite bundles helper.worker.ts from this `new URL`.
 * The pool is also left on the worker's global as `__kilnThreadPool`, where e2e/engine.spec.ts
 * reads how many blocks of C the helpers computed.
 */
export function browserThreadPool(threads: number): Promise<ThreadPool> {
  pool ??= ThreadPool.start(threads, (h) => {
    const w = new Worker(new URL('./helper.worker.ts', import.meta.url), { type: 'module', name: `kiln-gemm-helper-${h}` });
    return {
      post: (req) => w.postMessage(req),
      onReply: (handler) => w.addEventListener('message', (e: MessageEvent<HelperReply>) => handler(e.data)),
      onError: (handler) => w.addEventListener('error', (e) => handler(new Error(e.message || 'the helper worker failed to load'))),
      terminate: () => w.terminate(),
    };
  });
  // a pool that failed to start is not kept: a later run may try again
  pool.then(
    (p) => Object.assign(globalThis, { __kilnThreadPool: p }),
    () => {
      pool = undefined;
    },
  );
  return pool;
}

/** Threaded WASM kernels in a browser worker, on `pool`. */
export function browserThreadedKernels(p: ThreadPool): KernelFactory {
  return threadedKernelFactory(p, compileSharedKernelsWasm);
}
