import { describe, expect, it, vi } from 'vitest';

// kernels.wasm absent (a fresh clone that skipped npm run build:wasm): the error says what to run.
vi.mock('node:fs/promises', () => ({
  readFile: () => Promise.reject(Object.assign(new Error("ENOENT: no such file or directory, open 'kernels.wasm'"), { code: 'ENOENT' })),
}));

describe('readKernelsWasm', () => {
  it('names the build script when kernels.wasm is missing', async () => {
    const { readKernelsWasm, createNodeWasmKernels } = await import('./kernels-wasm-node');
    await expect(readKernelsWasm()).rejects.toThrow(/run npm run build:wasm.*ENOENT/);
    await expect(createNodeWasmKernels(new WebAssembly.Memory({ initial: 1 }))).rejects.toThrow(/npm run build:wasm/);
  });
});
