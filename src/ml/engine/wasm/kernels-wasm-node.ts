import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Kernels } from '../kernels';
import { createWasmKernels, MISSING_WASM_HINT } from './wasm-kernels';

/**
 * kernels.wasm's bytes in Node (vitest, the CLI, benches), read from next to this file. Node only:
 * the studio and workers use ./kernels-wasm-browser.ts, so no browser bundle imports `fs`.
 */
export const KERNELS_WASM_PATH = fileURLToPath(new URL('./kernels.wasm', import.meta.url));

/** The shared-memory build of the same source, which threaded runs instantiate in every thread. */
export const SHARED_KERNELS_WASM_PATH = fileURLToPath(new URL('./kernels-shared.wasm', import.meta.url));

/** The relaxed-SIMD (FMA) builds, used where this Node's V8 validates them (Node ≥ 22). */
const RELAXED = { [KERNELS_WASM_PATH]: fileURLToPath(new URL('./kernels-relaxed.wasm', import.meta.url)), [SHARED_KERNELS_WASM_PATH]: fileURLToPath(new URL('./kernels-shared-relaxed.wasm', import.meta.url)) };

/** The fastest build this runtime runs: the relaxed-SIMD one when it validates, else the plain one. */
export async function readBestKernelsWasm(path: string): Promise<Uint8Array<ArrayBuffer>> {
  const relaxed = RELAXED[path];
  if (relaxed) {
    const bytes = await readKernelsWasm(relaxed);
    if (WebAssembly.validate(bytes)) return bytes;
  }
  return readKernelsWasm(path);
}

export async function readKernelsWasm(path = KERNELS_WASM_PATH): Promise<Uint8Array<ArrayBuffer>> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new Error(`${MISSING_WASM_HINT} (${(e as Error).message})`, { cause: e });
  }
}

let sharedModule: Promise<WebAssembly.Module> | undefined;

/** kernels-shared.wasm compiled once per process (the module is posted to every helper thread). */
export function compileSharedKernelsWasm(): Promise<WebAssembly.Module> {
  sharedModule ??= readBestKernelsWasm(SHARED_KERNELS_WASM_PATH).then((bytes) => WebAssembly.compile(bytes));
  sharedModule.catch(() => {
    sharedModule = undefined;
  });
  return sharedModule;
}

/** The WASM kernels over `memory`, in Node. */
export async function createNodeWasmKernels(memory: WebAssembly.Memory): Promise<Kernels> {
  return createWasmKernels(memory, await readBestKernelsWasm(KERNELS_WASM_PATH));
}
