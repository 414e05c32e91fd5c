import { ACTIVATION_FNS, STEP_STRUCT } from './wgsl-common';

/**
 * Register blocking: each thread computes a 4×4 block of C (four vec4 accumulators), a workgroup of
 * THREADS×THREADS threads a TILE×TILE block; K is walked in slices of K_SLICE staged in workgroup
 * memory. Per slice step a thread reads one vec4 of A and one of B from workgroup memory for 16
 * FMAs (the 16×16 one-element kernel read 2 floats per FMA), and its 16 accumulators are
 * independent chains. 8×8 threads × 4×4 = 32×32, as TF.js webgpu's matMul: the dense nets here are
 * at most a few hundred wide, and a 64×64 tile would leave most of a small layer's threads idle.
 */
export const THREADS = 8;
export const TILE = THREADS * 4;
export const K_SLICE = 32;

/** Workgroups of a GEMM dispatch for an m×n C: x along C's columns, y along its rows. */
export const gemmGrid = (m: number, n: number): [number, number] => [Math.max(1, Math.ceil(n / TILE)), Math.max(1, Math.ceil(m / TILE))];

/** What a GEMM dispatch does after its dot products (Gemm.mode). */
export const GEMM_PLAIN = 0;
/** forward: C = act(A·B + bias) (· dropout mask) */
export const GEMM_FORWARD = 1;
/** backward dX: C = (dZ·Wᵀ) · mask · act'(the layer's unmasked output) */
export const GEMM_BACKWARD_INPUT = 2;

/** Gemm.rowsAt: which dimension is the batch's rows, read per step from the Step slot. */
export const ROWS_NONE = 0;
export const ROWS_M = 1;
export const ROWS_K = 3;

/** Floats of the Gemm uniform (16 u32 words). */
export const GEMM_UNIFORM_WORDS = 16;

/**
 * One register-blocked GEMM for every product of the dense net, C[m×n] = op(A)·op(B), with the operands read
 * by stride (A[i,p] at aOff + i·aI + p·aP, B[p,j] at bOff + p·bP + j·bJ): the transposed products
 * of the backward pass (dW = Xᵀ·dZ, dX = dZ·Wᵀ) read their operand in place instead of copying a
 * transpose. The parameters live in one flat buffer (TF.js's weight layout), so kernels and biases
 * are element offsets into it.
 *
 * The epilogue fuses what follows each product on the CPU (dense-net.ts), saving a pass over C:
 * - GEMM_FORWARD: + bias, activation, then inverted dropout by the uploaded mask;
 * - GEMM_PLAIN with a decay (dW of a kernel): + 2·l2·W, L2's gradient, as DenseNet.backward
 *   adds it, so the gradient buffer holds the whole gradient and Adam reads only it;
 * - GEMM_BACKWARD_INPUT: the gradient reaching the layer below is multiplied by its mask and by
 *   act' read from its output; as the CPU does, act' is taken at output / mask (the unmasked
 *   activation), 0 where the unit was dropped.
 */
export function gemmWgsl(threads: number, kSlice: number): string {
  const tile = threads * 4;
  return /* wgsl */ `
${STEP_STRUCT}
${ACTIVATION_FNS}

struct Gemm {
  m: u32, n: u32, k: u32, rowsAt: u32,
  aOff: u32, aI: u32, aP: u32, bOff: u32,
  bP: u32, bJ: u32, cOff: u32, biasOff: u32,
  mode: u32, act: u32, masked: u32, decay: f32,
}

@group(0) @binding(0) var<uniform> g: Gemm;
@group(0) @binding(1) var<uniform> step: Step;
@group(0) @binding(2) var<storage, read> A: array<f32>;
@group(0) @binding(3) var<storage, read> B: array<f32>;
@group(0) @binding(4) var<storage, read_write> C: array<f32>;
// the dropout factors of C's layer (0 or 1/(1 − rate)), laid out as C
@group(0) @binding(5) var<storage, read> mask: array<f32>;
// GEMM_BACKWARD_INPUT: the output of C's layer (masked, as the forward pass stored it);
// GEMM_PLAIN with decay: the parameters, for L2's gradient
@group(0) @binding(6) var<storage, read> E: array<f32>;

// A slice of op(A), stored transposed: tileA[kk][g] holds rows 4g..4g+3 of the block at k = t + kk,
// so a thread's four rows are one vec4 read. tileB[kk][g]: columns 4g..4g+3 at k = t + kk.
// 2 × K_SLICE × TILE floats = 8 KB (of the 16 KB WebGPU guarantees).
var<workgroup> tileA: array<array<vec4<f32>, ${threads}>, ${kSlice}>;
var<workgroup> tileB: array<array<vec4<f32>, ${threads}>, ${kSlice}>;

fn loadA(i: u32, p: u32, M: u32, K: u32) -> f32 {
  if (i < M && p < K) {
    return A[g.aOff + i * g.aI + p * g.aP];
  }
  return 0.0;
}

fn loadB(p: u32, j: u32, K: u32, N: u32) -> f32 {
  if (p < K && j < N) {
    return B[g.bOff + p * g.bP + j * g.bJ];
  }
  return 0.0;
}

// C[i, j] = the dot product v, then the dispatch's epilogue (the same math as one element per thread)
fn store(i: u32, j: u32, N: u32, v: f32) {
  let at = i * N + j;
  if (g.mode == ${GEMM_FORWARD}u) {
    var z = activate(v + B[g.biasOff + j], g.act);
    if (g.masked == 1u) {
      z *= mask[at];
    }
    C[g.cOff + at] = z;
  } else if (g.mode == ${GEMM_BACKWARD_INPUT}u) {
    var d = v;
    var a = E[at];
    if (g.masked == 1u) {
      let m = mask[at];
      d *= m;
      a = select(a / m, 0.0, m == 0.0);
    }
    C[g.cOff + at] = d * activationGrad(a, g.act);
  } else if (g.decay != 0.0) {
    // dW of a kernel under L2: + 2·l2·W (E is the flat parameter buffer, laid out as the gradient)
    C[g.cOff + at] = v + g.decay * E[g.cOff + at];
  } else {
    C[g.cOff + at] = v;
  }
}

@compute @workgroup_size(${threads}, ${threads})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = select(g.m, step.rows, g.rowsAt == ${ROWS_M}u);
  let K = select(g.k, step.rows, g.rowsAt == ${ROWS_K}u);
  let N = g.n;
  let row0 = wid.y * ${tile}u;
  let col0 = wid.x * ${tile}u;
  let li = lid.y * ${threads}u + lid.x;
  var acc: array<vec4<f32>, 4>;
  for (var t = 0u; t < K; t += ${kSlice}u) {
    // the workgroup stages K_SLICE × TILE of each operand, one vec4 (4 strided reads) per thread per
    // pass; outside the matrices the tiles hold 0, so the product loop needs no bounds checks
    for (var e = li; e < ${kSlice * threads}u; e += ${threads * threads}u) {
      // A: k fastest across threads (contiguous for the forward and dX reads, where A's k stride is 1)
      let kk = e % ${kSlice}u;
      let i = row0 + (e / ${kSlice}u) * 4u;
      let p = t + kk;
      tileA[kk][e / ${kSlice}u] = vec4(loadA(i, p, M, K), loadA(i + 1u, p, M, K), loadA(i + 2u, p, M, K), loadA(i + 3u, p, M, K));
      // B: columns fastest (contiguous where B's column stride is 1: forward and dW)
      let q = t + e / ${threads}u;
      let j = col0 + (e % ${threads}u) * 4u;
      tileB[e / ${threads}u][e % ${threads}u] = vec4(loadB(q, j, K, N), loadB(q, j + 1u, K, N), loadB(q, j + 2u, K, N), loadB(q, j + 3u, K, N));
    }
    workgroupBarrier();
    // the last slice stops at K (a thin product, k = 1 or 10, does not run 32 zero steps)
    let kEnd = min(${kSlice}u, K - t);
    for (var kk = 0u; kk < kEnd; kk++) {
      let a = tileA[kk][lid.y];
      let b = tileB[kk][lid.x];
      acc[0] += a.x * b;
      acc[1] += a.y * b;
      acc[2] += a.z * b;
      acc[3] += a.w * b;
    }
    workgroupBarrier();
  }
  let i0 = row0 + lid.y * 4u;
  let j0 = col0 + lid.x * 4u;
  for (var r = 0u; r < 4u; r++) {
    for (var c = 0u; c < 4u; c++) {
      if (i0 + r < M && j0 + c < N) {
        store(i0 + r, j0 + c, N, acc[r][c]);
      }
    }
  }
}
`;
}

export const GEMM_WGSL = gemmWgsl(THREADS, K_SLICE);
