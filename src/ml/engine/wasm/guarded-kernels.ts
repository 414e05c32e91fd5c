import { Arena } from '../arena';
import type { Kernels } from '../kernels';
import { readKernelsWasm } from './kernels-wasm-node';
import { createWasmKernels } from './wasm-kernels';

// For the tests of kernels.wasm (wasm-kernels.test.ts, wasm-activations.test.ts): arrays are views
// into the kernels' memory placed at odd offsets — at a random float offset (so mostly not 16-byte
// aligned) after a random gap, with guard floats around every output that must come back untouched.
// A pointer or stride bug shows either as a wrong value or as a written guard.

const GUARD = 8;
const SENTINEL = -12345.5;

export interface Placed {
  view: Float32Array;
  /** The view plus GUARD floats either side, all SENTINEL outside the view. */
  whole: Float32Array;
}

export interface GuardedKernels {
  memory: WebAssembly.Memory;
  arena: Arena;
  wasm: Kernels;
  /** A view of `length` floats at a random misalignment (0–3 floats) inside a guarded region. */
  place(length: number, rng: () => number): Placed;
}

export async function guardedKernels(): Promise<GuardedKernels> {
  const memory = new WebAssembly.Memory({ initial: 32 });
  // the arena starts well above 0: pointer 0 (or a dropped base) reads the wrong data
  const arena = new Arena(memory, 1024);
  const wasm = await createWasmKernels(memory, await readKernelsWasm());
  return {
    memory,
    arena,
    wasm,
    place(length, rng) {
      const shift = Math.floor(rng() * 4);
      const whole = arena.alloc(length + 2 * GUARD + shift).fill(SENTINEL);
      return { view: whole.subarray(GUARD + shift, GUARD + shift + length), whole };
    },
  };
}

/** Throws unless every float of `p.whole` outside `p.view` is still the sentinel. */
export function expectGuardsIntact(p: Placed, what: string): void {
  const start = (p.view.byteOffset - p.whole.byteOffset) / 4;
  for (let i = 0; i < p.whole.length; i++) {
    if (i >= start && i < start + p.view.length) continue;
    if (p.whole[i] !== SENTINEL) throw new Error(`${what}: guard float ${i - start} (relative to the view) was overwritten with ${p.whole[i]}`);
  }
}

/** Throws unless `x` is bit-for-bit `before` (cheaper than toEqual on thousands of floats). */
export function expectSame(x: Float32Array, before: Float32Array, what: string): void {
  for (let i = 0; i < x.length; i++) {
    if (!Object.is(x[i], before[i])) throw new Error(`${what} was written at ${i}: ${before[i]} → ${x[i]}`);
  }
}
