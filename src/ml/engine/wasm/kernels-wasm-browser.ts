import kernelsWasmUrl from './kernels.wasm?url';
import type { Kernels } from '../kernels';
import { createWasmKernels, MISSING_WASM_HINT } from './wasm-kernels';

/**
 * kernels.wasm in the studio and its workers: Vite emits it as a hashed asset (precached by the
 * PWA like TF.js's and onnxruntime's wasm) and this fetches and compiles it once per realm. Node
 * uses ./kernels-wasm-node.ts instead.
 */
let compiled: Promise<WebAssembly.Module> | undefined;

export function compileKernelsWasm(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const response = await fetch(kernelsWasmUrl);
    if (!response.ok) throw new Error(`${MISSING_WASM_HINT} (fetch ${kernelsWasmUrl}: ${response.status})`);
    // compile from bytes rather than compileStreaming: no dependence on the server's wasm MIME type
    return WebAssembly.compile(await response.arrayBuffer());
  })();
  // a failed fetch is not cached: the next call tries again
  compiled.catch(() => {
    compiled = undefined;
  });
  return compiled;
}

/** The WASM kernels over `memory`, in a browser realm (page or worker). */
export async function createBrowserWasmKernels(memory: WebAssembly.Memory): Promise<Kernels> {
  return createWasmKernels(memory, await compileKernelsWasm());
}
