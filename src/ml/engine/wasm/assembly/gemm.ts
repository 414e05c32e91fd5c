// GEMM for Kiln's training engine: C[m×n] = (acc ? C : 0) + op(A)·op(B), row-major float32.
//
// Every pointer is a byte offset into the one imported memory and every stride below is in bytes,
// so one kernel serves several storage layouts: a layout is just a pair of strides.
//
// Two micro-kernel families, chosen by which operand is contiguous where:
//  - "broadcast" (NN and TN): op(B)'s rows are contiguous along j (B stored k×n), so a tile of C
//    is built as Σ_p  op(A)[i,p] (one scalar, splatted) ⊗ B[p, j..j+8] (two f32x4 loads). op(A) is
//    read by stride: NN walks A's rows (A[i*k + p]), TN walks its columns (A[p*m + i]).
//  - "dot" (NT, in gemm-dot.ts): both op(A)'s rows and op(B)'s columns are contiguous along p
//    (A stored m×k, B stored n×k), so every C element is a dot product of two contiguous vectors,
//    accumulated four lanes at a time and reduced horizontally once at the end.
// TT (never needed by a dense layer) is a plain scalar fallback.
//
// Tile sizes are set by the register file: x86-64 has 16 xmm registers. The 4×8 broadcast tile
// keeps 8 accumulators + 2 B vectors + 1 splat + 1 product = 12 live vectors; the 2×4 dot tile
// keeps 8 accumulators + 2 A vectors + 1 B + 1 product. Bigger tiles spill to the stack and lose.
// There is no packing (no scratch memory is ours to use): the j-outer / i-inner loop order keeps
// one k×8 panel of B (k cache lines) hot in L1/L2 while the rows of A stream past it. Measured on
// the bench machine (bench/gemm-bench.ts): ~20–26 GFLOP/s per CPU-second for 256-sized shapes;
// unrolling the p loop by two made no measurable difference, so the loops stay simple.

import { F, madd, put, put1 } from './tile';
import { gemmDot } from './gemm-dot';

// ---------------------------------------------------------------------------------------------
// Broadcast kernels (NN, TN). a points at op(A)[i0, 0]; ars = bytes between rows of op(A), aps =
// bytes between its columns. b points at B[0, j0]; bps = bytes between rows of B (n·4).

/** The main tile: 4 rows × 8 columns of C. */
function bcast4x8(a: usize, ars: usize, aps: usize, b: usize, bps: usize, c: usize, ldc: usize, k: i32, acc: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  const a1 = ars, a2 = ars * 2, a3 = ars * 3;
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load32_splat(a);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(a + a1);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(a + a2);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(a + a3);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    a += aps;
    b += bps;
  }
  put(c, c00, acc); put(c + 16, c01, acc); c += ldc;
  put(c, c10, acc); put(c + 16, c11, acc); c += ldc;
  put(c, c20, acc); put(c + 16, c21, acc); c += ldc;
  put(c, c30, acc); put(c + 16, c31, acc);
}

/** Row tail (m % 4 rows): 1 row × 8 columns. */
function bcast1x8(a: usize, aps: usize, b: usize, bps: usize, c: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    const av = v128.load32_splat(a);
    c0 = madd(av, v128.load(b), c0);
    c1 = madd(av, v128.load(b, 16), c1);
    a += aps;
    b += bps;
  }
  put(c, c0, acc); put(c + 16, c1, acc);
}

/** Column tail (n % 8 ≥ 4): 4 rows × 4 columns. */
function bcast4x4(a: usize, ars: usize, aps: usize, b: usize, bps: usize, c: usize, ldc: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0), c2 = f32x4.splat(0), c3 = f32x4.splat(0);
  const a1 = ars, a2 = ars * 2, a3 = ars * 3;
  for (let p = 0; p < k; p++) {
    const bv = v128.load(b);
    c0 = madd(v128.load32_splat(a), bv, c0);
    c1 = madd(v128.load32_splat(a + a1), bv, c1);
    c2 = madd(v128.load32_splat(a + a2), bv, c2);
    c3 = madd(v128.load32_splat(a + a3), bv, c3);
    a += aps;
    b += bps;
  }
  put(c, c0, acc); c += ldc;
  put(c, c1, acc); c += ldc;
  put(c, c2, acc); c += ldc;
  put(c, c3, acc);
}

/** Both tails: 1 row × 4 columns. */
function bcast1x4(a: usize, aps: usize, b: usize, bps: usize, c: usize, k: i32, acc: bool): void {
  let c0 = f32x4.splat(0);
  for (let p = 0; p < k; p++) {
    c0 = madd(v128.load32_splat(a), v128.load(b), c0);
    a += aps;
    b += bps;
  }
  put(c, c0, acc);
}

/** The last n % 4 columns, one scalar dot product per element (at most 3 columns: ≤ 3·m·k work). */
function scalarColumn(a: usize, ars: usize, aps: usize, b: usize, bps: usize, c: usize, ldc: usize, m: i32, k: i32, acc: bool): void {
  for (let i = 0; i < m; i++) {
    let s: f32 = 0;
    let pa = a, pb = b;
    for (let p = 0; p < k; p++) {
      s += load<f32>(pa) * load<f32>(pb);
      pa += aps;
      pb += bps;
    }
    put1(c, s, acc);
    a += ars;
    c += ldc;
  }
}

/**
 * NN and TN, the block C[i0..i1, j0..j1): op(B) is B stored k×n. j-outer so one k×8 panel of B is
 * reused by every row block. Every C element is the same p-ordered sum of f32 products whichever
 * tile computes it (a lane of a 4×8 or 1×4 tile, or a scalar column), so a block of C comes out
 * bit-identical to the same elements of a whole-matrix call: that is what lets threads split C.
 */
function gemmBroadcast(a: usize, ars: usize, aps: usize, b: usize, c: usize, n: i32, k: i32, i0: i32, i1: i32, j0: i32, j1: i32, acc: bool): void {
  const bps = <usize>n * F;
  const ldc = <usize>n * F;
  const i4 = i0 + ((i1 - i0) & ~3);
  let j = j0;
  for (; j + 8 <= j1; j += 8) {
    const bj = b + <usize>j * F;
    const cj = c + <usize>j * F;
    let i = i0;
    for (; i < i4; i += 4) bcast4x8(a + <usize>i * ars, ars, aps, bj, bps, cj + <usize>i * ldc, ldc, k, acc);
    for (; i < i1; i++) bcast1x8(a + <usize>i * ars, aps, bj, bps, cj + <usize>i * ldc, k, acc);
  }
  if (j + 4 <= j1) {
    const bj = b + <usize>j * F;
    const cj = c + <usize>j * F;
    let i = i0;
    for (; i < i4; i += 4) bcast4x4(a + <usize>i * ars, ars, aps, bj, bps, cj + <usize>i * ldc, ldc, k, acc);
    for (; i < i1; i++) bcast1x4(a + <usize>i * ars, aps, bj, bps, cj + <usize>i * ldc, k, acc);
    j += 4;
  }
  const ai = a + <usize>i0 * ars, ci = c + <usize>i0 * ldc;
  for (; j < j1; j++) scalarColumn(ai, ars, aps, b + <usize>j * F, bps, ci + <usize>j * F, ldc, i1 - i0, k, acc);
}

/** TT, the block C[i0..i1, j0..j1): op(A)[i,p] = A[p*m + i], op(B)[p,j] = B[j*k + p]. Plain loops: no dense-layer pass uses it. */
function gemmTT(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, i0: i32, i1: i32, j0: i32, j1: i32, acc: bool): void {
  const am = <usize>m * F, bk = <usize>k * F;
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s: f32 = 0;
      let pa = a + <usize>i * F, pb = b + <usize>j * bk;
      for (let p = 0; p < k; p++) {
        s += load<f32>(pa) * load<f32>(pb);
        pa += am;
        pb += F;
      }
      put1(c + (<usize>i * <usize>n + <usize>j) * F, s, acc);
    }
  }
}

/** The exported entry: dispatches on the transposes. Flags are i32 (0/1) at the JS boundary. */
export function gemm(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: i32, transB: i32, accumulate: i32): void {
  gemmBlock(a, b, c, m, n, k, transA, transB, accumulate, 0, m, 0, n);
}

/**
 * The block C[i0..i1, j0..j1) of the m×n×k product gemm() computes, every element bit-identical to
 * gemm()'s (see gemmBroadcast and gemmDot), read and written through the whole matrices' strides:
 * the threaded kernels (../threads/) give each thread one block of C. Ranges are clamped to C.
 */
export function gemmBlock(a: usize, b: usize, c: usize, m: i32, n: i32, k: i32, transA: i32, transB: i32, accumulate: i32, i0: i32, i1: i32, j0: i32, j1: i32): void {
  if (i0 < 0) i0 = 0;
  if (j0 < 0) j0 = 0;
  if (i1 > m) i1 = m;
  if (j1 > n) j1 = n;
  if (i1 <= i0 || j1 <= j0) return;
  const acc = accumulate != 0;
  if (k <= 0) {
    // op(A)·op(B) is all zeros: the block stays (accumulate) or is cleared
    if (!acc) for (let i = i0; i < i1; i++) memory.fill(c + (<usize>i * <usize>n + <usize>j0) * F, 0, <usize>(j1 - j0) * F);
    return;
  }
  if (transB == 0) {
    // NN: op(A) rows are A's rows (stride k); TN: op(A) rows are A's columns (stride 1, p-stride m)
    if (transA == 0) gemmBroadcast(a, <usize>k * F, F, b, c, n, k, i0, i1, j0, j1, acc);
    else gemmBroadcast(a, F, <usize>m * F, b, c, n, k, i0, i1, j0, j1, acc);
  } else if (transA == 0) {
    gemmDot(a, b, c, n, k, i0, i1, j0, j1, acc);
  } else {
    gemmTT(a, b, c, m, n, k, i0, i1, j0, j1, acc);
  }
}
