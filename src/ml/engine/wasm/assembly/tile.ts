// Shared by the GEMM families (gemm.ts, gemm-dot.ts): how a tile's results reach C.

// @ts-ignore: decorator
@inline export const F: usize = 4; // bytes per f32

/**
 * c + a·b for four lanes: one fused multiply-add where the build enables relaxed SIMD
 * (kernels-relaxed.wasm; V8 lowers f32x4.relaxed_madd to an FMA instruction on x86 with FMA3 and on
 * ARM), a multiply then an add otherwise. The constant folds at compile time: each build has one
 * form. relaxed_madd may round once or twice depending on the machine, never differently within a
 * run, so a threaded run still equals its one-thread run bit for bit.
 */
// @ts-ignore: decorator
@inline export function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

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
