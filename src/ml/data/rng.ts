/**
 * Seeded PRNG (mulberry32). Splits, shuffles and weight init must be reproducible from one
 * integer seed, in the worker, in Node tests and later in the CLI; Math.random is none of these.
 */
export type Rng = () => number;

/**
 * A mulberry32 generator whose whole state is one uint32: `mulberry32(g.state())` continues the
 * exact series of draws of `g`, which is what lets a checkpointed run resume with the same batch order.
 */
export type SeededRng = Rng & { state: () => number };

export function mulberry32(seed: number): SeededRng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Object.assign(next, { state: () => a });
}

/** Fisher–Yates in place. */
export function shuffleInPlace<T>(arr: T[] | Int32Array | Uint32Array, rng: Rng): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = arr[i];
    arr[i] = arr[j];
    arr[j] = tmp;
  }
}

export function permutation(n: number, rng: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  shuffleInPlace(idx, rng);
  return idx;
}
