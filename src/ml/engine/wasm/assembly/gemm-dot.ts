// The "dot" GEMM family (NT: both op(A)'s rows and op(B)'s columns contiguous along p), split from
// gemm.ts, whose header explains the families, the tiles and why they are that size.
import { F, madd, put, put1 } from './tile';

// ---------------------------------------------------------------------------------------------
// Dot kernels (NT). a points at A[i0, 0] (rows of k floats), b at B[j0, 0] (rows of k floats).

/**
 * Horizontal sums of four accumulators into one vector [Σv0, Σv1, Σv2, Σv3]: two rounds of
 * interleave-and-add instead of twelve lane extractions, so a whole row of four C elements is
 * stored with one v128.store.
 */
// @ts-ignore: decorator
@inline function hsum4(v0: v128, v1: v128, v2: v128, v3: v128): v128 {
  // [v0.0+v0.2, v1.0+v1.2, v0.1+v0.3, v1.1+v1.3]
  const t0 = f32x4.add(v128.shuffle<f32>(v0, v1, 0, 4, 1, 5), v128.shuffle<f32>(v0, v1, 2, 6, 3, 7));
  const t1 = f32x4.add(v128.shuffle<f32>(v2, v3, 0, 4, 1, 5), v128.shuffle<f32>(v2, v3, 2, 6, 3, 7));
  // lanes 0,1 of t0 + lanes 2,3 of t0 → Σv0, Σv1; likewise t1 → Σv2, Σv3
  return f32x4.add(v128.shuffle<f32>(t0, t1, 0, 1, 4, 5), v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** The main NT tile: 2 rows × 4 columns of C, eight dot products walked together along p. */
function dot2x4(a: usize, lda: usize, b: usize, ldb: usize, c: usize, ldc: usize, k: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c02 = f32x4.splat(0), c03 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0), c12 = f32x4.splat(0), c13 = f32x4.splat(0);
  const a0 = a, a1 = a + lda;
  const b0 = b, b1 = b + ldb, b2 = b + ldb * 2, b3 = b + ldb * 3;
  const k4 = <usize>(k & ~3) * F;
  let o: usize = 0;
  for (; o < k4; o += 16) {
    const x0 = v128.load(a0 + o);
    const x1 = v128.load(a1 + o);
    let y = v128.load(b0 + o);
    c00 = madd(x0, y, c00);
    c10 = madd(x1, y, c10);
    y = v128.load(b1 + o);
    c01 = madd(x0, y, c01);
    c11 = madd(x1, y, c11);
    y = v128.load(b2 + o);
    c02 = madd(x0, y, c02);
    c12 = madd(x1, y, c12);
    y = v128.load(b3 + o);
    c03 = madd(x0, y, c03);
    c13 = madd(x1, y, c13);
  }
  let r0 = hsum4(c00, c01, c02, c03);
  let r1 = hsum4(c10, c11, c12, c13);
  // k % 4 leftover terms: the four B values of one p gathered into a vector
  const kb = <usize>k * F;
  for (; o < kb; o += F) {
    const y = f32x4(load<f32>(b0 + o), load<f32>(b1 + o), load<f32>(b2 + o), load<f32>(b3 + o));
    r0 = madd(v128.load32_splat(a0 + o), y, r0);
    r1 = madd(v128.load32_splat(a1 + o), y, r1);
  }
  put(c, r0, acc);
  put(c + ldc, r1, acc);
}

/** Row tail (odd m): 1 row × 4 columns. */
function dot1x4(a: usize, b: usize, ldb: usize, c: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const b0 = b, b1 = b + ldb, b2 = b + ldb * 2, b3 = b + ldb * 3;
  const k4 = <usize>(k & ~3) * F;
  let o: usize = 0;
  for (; o < k4; o += 16) {
    const x = v128.load(a + o);
    c0 = madd(x, v128.load(b0 + o), c0);
    c1 = madd(x, v128.load(b1 + o), c1);
    c2 = madd(x, v128.load(b2 + o), c2);
    c3 = madd(x, v128.load(b3 + o), c3);
  }
  let r = hsum4(c0, c1, c2, c3);
  const kb = <usize>k * F;
  for (; o < kb; o += F) {
    const y = f32x4(load<f32>(b0 + o), load<f32>(b1 + o), load<f32>(b2 + o), load<f32>(b3 + o));
    r = madd(v128.load32_splat(a + o), y, r);
  }
  put(c, r, acc);
}

/** Column tail (n % 4): one dot product. */
function dot1x1(a: usize, b: usize, c: usize, k: i32, acc: bool): void {
  let s0 = f32x4.splat(0);
  const k4 = <usize>(k & ~3) * F;
  let o: usize = 0;
  for (; o < k4; o += 16) s0 = madd(v128.load(a + o), v128.load(b + o), s0);
  let s = hsum(s0);
  const kb = <usize>k * F;
  for (; o < kb; o += F) s += load<f32>(a + o) * load<f32>(b + o);
  put1(c, s, acc);
}

/**
 * NT, the block C[i0..i1, j0..j1): A stored m×k, B stored n×k; C[i,j] = A row i · B row j. A 2×4
 * tile and the 1×4 row tail reduce alike (hsum4, then the k % 4 leftovers), so rows may be split
 * anywhere; the 1×1 column tail reduces in another order, so a column split must fall on a
 * multiple of 4 (the caller's splits fall on multiples of 8) to leave the tail where it was.
 */
export function gemmDot(a: usize, b: usize, c: usize, n: i32, k: i32, i0: i32, i1: i32, j0: i32, j1: i32, acc: bool): void {
  const lda = <usize>k * F, ldb = <usize>k * F, ldc = <usize>n * F;
  const i2 = i0 + ((i1 - i0) & ~1);
  let j = j0;
  for (; j + 4 <= j1; j += 4) {
    const bj = b + <usize>j * ldb;
    const cj = c + <usize>j * F;
    let i = i0;
    for (; i < i2; i += 2) dot2x4(a + <usize>i * lda, lda, bj, ldb, cj + <usize>i * ldc, ldc, k, acc);
    if (i < i1) dot1x4(a + <usize>i * lda, bj, ldb, cj + <usize>i * ldc, k, acc);
  }
  for (; j < j1; j++) {
    for (let i = i0; i < i1; i++) dot1x1(a + <usize>i * lda, b + <usize>j * ldb, c + <usize>i * ldc + <usize>j * F, k, acc);
  }
}
