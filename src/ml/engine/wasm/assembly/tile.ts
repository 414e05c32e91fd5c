// Shared by the GEMM families (gemm.ts, gemm-dot.ts): how a tile's results reach C.

// @ts-ignore: decorator
@inline export const F: usize = 4; // bytes per f32

/** Writes one f32x4 of results to C, adding what is there when accumulating. */
// @ts-ignore: decorator
@inline export function put(c: usize, v: v128, acc: bool): void {
  v128.store(c, acc ? f32x4.add(v128.load(c), v) : v);
}

/** Same for one scalar result. */
// @ts-ignore: decorator
@inline export function put1(c: usize, v: f32, acc: bool): void {
  store<f32>(c, acc ? load<f32>(c) + v : v);
}
