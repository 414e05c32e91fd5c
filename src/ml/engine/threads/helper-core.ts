import { SEQ, serveBlocks, slotOf, type GemmBlock, type HelperReply, type HelperRequest } from './control';

/** How a helper talks to its pool: a worker's global scope in a browser, parentPort in Node. */
export interface HelperEndpoint {
  post(reply: HelperReply): void;
  listen(handler: (req: HelperRequest) => void): void;
}

/**
 * A helper thread of the GEMM pool (./pool.ts). It idles in its message loop; a 'bind' gives it a
 * run's shared memory and the shared build of the kernels, which it instantiates on that memory
 * (the same module on the same memory as the calling thread: one address space, so the byte
 * offsets the caller writes into the control block mean the same here). Then it blocks in
 * serveBlocks until the pool unbinds it, and is back in its message loop for the next run.
 */
export function startHelper(endpoint: HelperEndpoint): void {
  endpoint.listen((req) => {
    if (req.type !== 'bind') return;
    let gemmBlock: GemmBlock;
    try {
      // synchronous: the module is ~10 KB and already compiled, and a worker may block
      const instance = new WebAssembly.Instance(req.module, {
        env: {
          memory: req.memory,
          abort: () => {
            throw new Error('wasm kernels aborted');
          },
        },
      });
      gemmBlock = instance.exports.gemmBlock as GemmBlock;
      if (typeof gemmBlock !== 'function') throw new Error('kernels-shared.wasm exports no gemmBlock(): stale build? run npm run build:wasm');
    } catch (e) {
      endpoint.post({ type: 'error', helper: req.helper, message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const ctl = new Int32Array(req.control);
    const seen = Atomics.load(ctl, slotOf(req.helper) + SEQ);
    endpoint.post({ type: 'bound', helper: req.helper });
    serveBlocks(ctl, req.helper, gemmBlock, seen);
    endpoint.post({ type: 'unbound', helper: req.helper });
  });
  endpoint.post({ type: 'ready' });
}
