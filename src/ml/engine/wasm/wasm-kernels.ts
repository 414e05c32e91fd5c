import type { Kernels } from '../kernels';

/**
 * The WASM SIMD kernels (AssemblyScript source in ./assembly/, compiled by `npm run build:wasm`
 * into ./kernels.wasm). The module imports its memory (env.memory): the caller makes ONE
 * WebAssembly.Memory, carves every array from it (see ../arena.ts) and passes views; each
 * view's byteOffset is the pointer the kernels read. A view into any other buffer (or one the
 * memory's growth has detached) is refused, as is one shorter than its shape says.
 *
 * Getting the bytes is environment specific and lives apart, so this module stays free of both
 * `fs` and Vite: ./kernels-wasm-node.ts (Node, vitest, CLI) and ./kernels-wasm-browser.ts
 * (studio and workers, through a Vite `?url` import).
 */

/** The module's exports: the Kernels methods with byte offsets for arrays and 0/1 for flags. */
export interface KernelExports {
  gemm(a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, accumulate: number): void;
  /** the block C[i0..i1, j0..j1) of gemm's product, bit-identical to gemm's elements (the threads' share of C) */
  gemmBlock(a: number, b: number, c: number, m: number, n: number, k: number, transA: number, transB: number, accumulate: number, i0: number, i1: number, j0: number, j1: number): void;
  biasAct(z: number, bias: number, out: number, rows: number, cols: number, act: number): void;
  actBackward(a: number, da: number, dz: number, n: number, act: number): void;
  colSum(dz: number, db: number, rows: number, cols: number, accumulate: number): void;
  adam(p: number, g: number, m: number, v: number, n: number, lr: number, beta1: number, beta2: number, eps: number, c1: number, c2: number): void;
  lstmCell(gates: number, cPrev: number, hPrev: number, c: number, h: number, tanhC: number, mask: number, batch: number, units: number): void;
  lstmCellBackward(gates: number, cPrev: number, tanhC: number, mask: number, dOut: number, dh: number, dc: number, dGates: number, batch: number, units: number): void;
}

const EXPORTS: readonly (keyof KernelExports)[] = ['gemm', 'gemmBlock', 'biasAct', 'actBackward', 'colSum', 'adam', 'lstmCell', 'lstmCellBackward'];

/** Message of the error every loader throws when kernels.wasm was never built. */
export const MISSING_WASM_HINT = 'src/ml/engine/wasm/kernels.wasm is missing or unreadable: run npm run build:wasm';

/**
 * A tiny module using one SIMD instruction (i32.const 0; i8x16.splat; drop; the probe of
 * wasm-feature-detect): WebAssembly.validate tells whether this
 * engine has fixed-width SIMD (every current browser and Node ≥ 16 does), so a caller can fall
 * back to jsKernels instead of failing to compile kernels.wasm.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 9, 1, 7, 0, 65, 0, 253, 15, 26, 11]);

export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/**
 * What runs a GEMM once its views are checked and turned into byte offsets: the module's own gemm
 * by default; the threaded kernels (../threads/threaded-kernels.ts) pass one that splits C.
 */
export type RawGemm = KernelExports['gemm'];

/**
 * The kernels over `memory`, from kernels.wasm's bytes or compiled module (kernels-shared.wasm's
 * for a shared memory). `gemmWith` may replace the GEMM, given the instance's exports.
 */
export async function createWasmKernels(memory: WebAssembly.Memory, bytes: BufferSource | WebAssembly.Module, gemmWith?: (wasm: KernelExports) => RawGemm): Promise<Kernels> {
  const imports = {
    env: {
      memory,
      // built with --noAssert, so nothing calls it; AssemblyScript modules may still import it
      abort: (_msg: number, _file: number, line: number, column: number): never => {
        throw new Error(`wasm kernels aborted at ${line}:${column}`);
      },
    },
  };
  const instance = bytes instanceof WebAssembly.Module ? await WebAssembly.instantiate(bytes, imports) : (await WebAssembly.instantiate(bytes, imports)).instance;
  for (const name of EXPORTS) {
    if (typeof instance.exports[name] !== 'function') throw new Error(`kernels.wasm exports no ${name}(): stale build? run npm run build:wasm`);
  }
  const wasm = instance.exports as unknown as KernelExports;
  const runGemm = gemmWith ? gemmWith(wasm) : wasm.gemm;

  /** The pointer of a view, after checking it lies in the kernels' memory and holds `need` floats. */
  const ptr = (what: string, view: Float32Array, need: number): number => {
    if (view.buffer !== memory.buffer) {
      throw new Error(`wasm kernels: ${what} is not a view into the kernels' WebAssembly.Memory (or the memory grew and detached it); allocate it from the Arena`);
    }
    if (view.length < need) throw new RangeError(`wasm kernels: ${what} holds ${view.length} floats, ${need} needed`);
    return view.byteOffset;
  };
  const flag = (b: boolean): number => (b ? 1 : 0);

  return {
    name: 'wasm-simd',
    gemm(a, b, c, m, n, k, transA, transB, accumulate) {
      runGemm(ptr('A', a, m * k), ptr('B', b, k * n), ptr('C', c, m * n), m, n, k, flag(transA), flag(transB), flag(accumulate));
    },
    biasAct(z, bias, out, rows, cols, act) {
      wasm.biasAct(ptr('z', z, rows * cols), ptr('bias', bias, cols), ptr('out', out, rows * cols), rows, cols, act);
    },
    actBackward(a, da, dz, n, act) {
      wasm.actBackward(ptr('a', a, n), ptr('da', da, n), ptr('dz', dz, n), n, act);
    },
    colSum(dz, db, rows, cols, accumulate) {
      wasm.colSum(ptr('dz', dz, rows * cols), ptr('db', db, cols), rows, cols, flag(accumulate));
    },
    adam(p, g, m, v, n, lr, beta1, beta2, eps, c1, c2) {
      wasm.adam(ptr('p', p, n), ptr('g', g, n), ptr('m', m, n), ptr('v', v, n), n, lr, beta1, beta2, eps, c1, c2);
    },
    lstmCell(gates, cPrev, hPrev, c, h, tanhC, mask, batch, units) {
      const n = batch * units;
      wasm.lstmCell(ptr('gates', gates, 4 * n), ptr('cPrev', cPrev, n), ptr('hPrev', hPrev, n), ptr('c', c, n), ptr('h', h, n), ptr('tanhC', tanhC, n), ptr('mask', mask, batch), batch, units);
    },
    lstmCellBackward(gates, cPrev, tanhC, mask, dOut, dh, dc, dGates, batch, units) {
      const n = batch * units;
      wasm.lstmCellBackward(ptr('gates', gates, 4 * n), ptr('cPrev', cPrev, n), ptr('tanhC', tanhC, n), ptr('mask', mask, batch), ptr('dOut', dOut, n), ptr('dh', dh, n), ptr('dc', dc, n), ptr('dGates', dGates, 4 * n), batch, units);
    },
  };
}
