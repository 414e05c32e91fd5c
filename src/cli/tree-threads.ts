import { KERNELS_WASM_PATH, readBestKernelsWasm } from '../ml/engine/wasm/kernels-wasm-node';
import type { GbdtThreads } from '../ml/models/gbdt/fit-gbdt';
import type { GbdtPool } from '../ml/models/gbdt/threads/pool';
import { startNodeGbdtPool } from '../ml/models/gbdt/threads/pool-node';
import { WasmHistEngine } from '../ml/models/gbdt/wasm-hist-engine';

/**
 * The trees' histogram threads for one CLI command, started only when a fit asks for them (a
 * family without histograms never pays for the helpers): a pool of `threads` worker_threads, or
 * with one thread the wasm kernels on the main thread. Trees come out the same either way.
 */
export function lazyTreeThreads(threads: number): { threads: GbdtThreads; label: () => string | null; close: () => Promise<void> } {
  let pool: Promise<GbdtPool> | undefined;
  let module: Promise<WebAssembly.Module> | undefined;
  let used = false;
  const tree: GbdtThreads = {
    async engine(input) {
      used = true;
      if (threads > 1) return (await (pool ??= startNodeGbdtPool(threads))).engine(input);
      module ??= readBestKernelsWasm(KERNELS_WASM_PATH).then((b) => WebAssembly.compile(b));
      return new WasmHistEngine(input, await module);
    },
  };
  return {
    threads: tree,
    label: () => (used ? `Kiln's histogram kernels (WASM, ${threads} thread${threads > 1 ? 's' : ''})` : null),
    close: async () => {
      if (pool) await (await pool).close();
    },
  };
}
