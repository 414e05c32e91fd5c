import { compileKernelsWasm, compileSharedKernelsWasm } from '../../../engine/wasm/kernels-wasm-browser';
import type { GbdtThreads } from '../fit-gbdt';
import { WasmHistEngine } from '../wasm-hist-engine';
import { GbdtPool } from './pool';

let pool: Promise<GbdtPool> | undefined;

/**
 * The GBDT threads of a browser worker: a pool of nested module workers (Vite bundles
 * helper.worker.ts from this `new URL`) when the machine has more than one core, started on first
 * use and kept for the worker's later fits. They share memory when the page is cross-origin
 * isolated and pass each op's rows by message when it is not (defaultPoolMode). With one core, or
 * when the pool cannot start, the wasm kernels run on this thread alone. The pool is also left on the
 * worker's global as `__kilnGbdtPool`, where the e2e reads how many fits ran on its helpers.
 */
export async function browserGbdtThreads(threads = navigator.hardwareConcurrency): Promise<GbdtThreads> {
  const plain = await compileKernelsWasm();
  const alone: GbdtThreads = { engine: async (input) => new WasmHistEngine(input, plain) };
  if (!(threads >= 2)) return alone;
  pool ??= (async () => {
    const shared = await compileSharedKernelsWasm();
    return GbdtPool.start(
      Math.min(threads, 8),
      (h) => {
        const w = new Worker(new URL('./helper.worker.ts', import.meta.url), { type: 'module', name: `kiln-gbdt-helper-${h + 1}` });
        return {
          post: (req, transfer) => w.postMessage(req, transfer ?? []),
          onReply: (handler) => w.addEventListener('message', (e: MessageEvent) => handler(e.data)),
          onError: (handler) => w.addEventListener('error', (e) => handler(new Error(e.message || 'the GBDT helper failed to load'))),
          terminate: () => w.terminate(),
        };
      },
      { plain, shared },
    );
  })();
  try {
    const p = await pool;
    Object.assign(globalThis, { __kilnGbdtPool: p });
    return p;
  } catch {
    // a pool that failed to start is not kept: a later fit may try again
    pool = undefined;
    return alone;
  }
}
