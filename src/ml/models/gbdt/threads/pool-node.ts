import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { compileSharedKernelsWasm, KERNELS_WASM_PATH, readBestKernelsWasm } from '../../../engine/wasm/kernels-wasm-node';
import { GbdtPool, type GbdtPoolMode } from './pool';

/** The helper entry: registers tsx, then runs helper-core.ts (Node 20 workers get no loader hooks from their parent). */
const HELPER = new URL('./helper-node.mjs', import.meta.url);

/**
 * A GBDT pool of worker_threads for Node: vitest, the benches, the CLI. Helpers are unref'd, so a
 * pool nobody closed never keeps the process alive. Node always has shared memory; `mode`
 * 'transfer' runs the message protocol pages without cross-origin isolation use (tests, benches).
 */
export async function startNodeGbdtPool(threads = os.availableParallelism(), mode: GbdtPoolMode = 'shared'): Promise<GbdtPool> {
  const [plain, shared] = await Promise.all([readBestKernelsWasm(KERNELS_WASM_PATH).then((b) => WebAssembly.compile(b)), compileSharedKernelsWasm()]);
  return GbdtPool.start(
    threads,
    (h) => {
      const w = new Worker(HELPER, { name: `kiln-gbdt-helper-${h + 1}` });
      w.unref();
      return {
        post: (req, transfer) => w.postMessage(req, transfer ?? []),
        onReply: (handler) => w.on('message', handler),
        onError: (handler) => w.on('error', handler),
        terminate: async () => {
          await w.terminate();
        },
      };
    },
    { plain, shared },
    mode,
  );
}
