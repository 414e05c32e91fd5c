import { ACTIVATION_FNS, STEP_STRUCT } from './wgsl-common';

/** Edge of a GEMM tile: a 16×16 workgroup computes a 16×16 block of C, one element per thread. */
export const TILE = 16;

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
 * One tiled GEMM for every product of the dense net, C[m×n] = op(A)·op(B), with the operands read
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
export const GEMM_WGSL = /* wgsl */ `
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

const T = ${TILE}u;
var<workgroup> tileA: array<array<f32, ${TILE}>, ${TILE}>;
var<workgroup> tileB: array<array<f32, ${TILE}>, ${TILE}>;

@compute @workgroup_size(${TILE}, ${TILE})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = select(g.m, step.rows, g.rowsAt == ${ROWS_M}u);
  let K = select(g.k, step.rows, g.rowsAt == ${ROWS_K}u);
  let N = g.n;
  let i = wid.y * T + lid.y;
  let j = wid.x * T + lid.x;
  var acc = 0.0;
  for (var t = 0u; t < K; t += T) {
    // each thread loads one element of each tile; outside the matrices the tiles hold 0
    let p = t + lid.x;
    var a = 0.0;
    if (i < M && p < K) {
      a = A[g.aOff + i * g.aI + p * g.aP];
    }
    tileA[lid.y][lid.x] = a;
    let q = t + lid.y;
    var b = 0.0;
    if (q < K && j < N) {
      b = B[g.bOff + q * g.bP + j * g.bJ];
    }
    tileB[lid.y][lid.x] = b;
    workgroupBarrier();
    for (var u = 0u; u < T; u++) {
      acc += tileA[lid.y][u] * tileB[u][lid.x];
    }
    workgroupBarrier();
  }
  if (i >= M || j >= N) {
    return;
  }
  let at = i * N + j;
  if (g.mode == ${GEMM_FORWARD}u) {
    var z = activate(acc + B[g.biasOff + j], g.act);
    if (g.masked == 1u) {
      z *= mask[at];
    }
    C[g.cOff + at] = z;
  } else if (g.mode == ${GEMM_BACKWARD_INPUT}u) {
    var d = acc;
    var a = E[at];
    if (g.masked == 1u) {
      let m = mask[at];
      d *= m;
      a = select(a / m, 0.0, m == 0.0);
    }
    C[g.cOff + at] = d * activationGrad(a, g.act);
  } else if (g.decay != 0.0) {
    // dW of a kernel under L2: + 2·l2·W (E is the flat parameter buffer, laid out as the gradient)
    C[g.cOff + at] = acc + g.decay * E[g.cOff + at];
  } else {
    C[g.cOff + at] = acc;
  }
}
`;
