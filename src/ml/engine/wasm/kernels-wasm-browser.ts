import kernelsWasmUrl from './kernels.wasm?url';
import sharedKernelsWasmUrl from './kernels-shared.wasm?url';
import relaxedKernelsWasmUrl from './kernels-relaxed.wasm?url';
import sharedRelaxedKernelsWasmUrl from './kernels-shared-relaxed.wasm?url';
import type { Kernels } from '../kernels';
import { createWasmKernels, MISSING_WASM_HINT } from './wasm-kernels';

/**
 * kernels.wasm in the studio and its workers: Vite emits it as a hashed asset (precached by the
 * PWA like TF.js's and onnxruntime's wasm) and this fetches and compiles it once per realm. Node
 * uses ./kernels-wasm-node.ts instead.
 */
const compiled = new Map<string, Promise<WebAssembly.Module>>();

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${MISSING_WASM_HINT} (fetch ${url}: ${response.status})`);
  return response.arrayBuffer();
}

/**
 * The relaxed-SIMD (FMA) build where this browser validates it (Chromium ≥ 114), else the plain
 * one; compiled from bytes rather than compileStreaming: no dependence on the server's wasm MIME type.
 */
function compileOnce(relaxedUrl: string, url: string): Promise<WebAssembly.Module> {
  let module = compiled.get(url);
  if (!module) {
    module = (async () => {
      const relaxed = await fetchBytes(relaxedUrl);
      return WebAssembly.compile(WebAssembly.validate(relaxed) ? relaxed : await fetchBytes(url));
    })();
    compiled.set(url, module);
    // a failed fetch is not cached: the next call tries again
    module.catch(() => compiled.delete(url));
  }
  return module;
}

export function compileKernelsWasm(): Promise<WebAssembly.Module> {
  return compileOnce(relaxedKernelsWasmUrl, kernelsWasmUrl);
}

/** kernels-shared.wasm: the same kernels importing a shared memory, for threaded runs (../threads/). */
export function compileSharedKernelsWasm(): Promise<WebAssembly.Module> {
  return compileOnce(sharedRelaxedKernelsWasmUrl, sharedKernelsWasmUrl);
}

/** The WASM kernels over `memory`, in a browser realm (page or worker). */
export async function createBrowserWasmKernels(memory: WebAssembly.Memory): Promise<Kernels> {
  return createWasmKernels(memory, await compileKernelsWasm());
}
