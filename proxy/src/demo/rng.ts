/** Seeded PRNG (mulberry32): the demo data is the same on every machine and in every test. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

/** Standard normal draw (Box–Muller); two uniforms per call keeps the stream simple to reason about. */
export const gauss = (r: () => number): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

/** Poisson count (Knuth's method): counts of errors, claims, etc. in the demo data have small means. */
export function poisson(r: () => number, mean: number): number {
  const limit = Math.exp(-Math.min(mean, 500));
  let k = 0;
  for (let p = r(); p > limit; p *= r()) k++;
  return k;
}
