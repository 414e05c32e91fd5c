/**
 * The engine's GEMM before register blocking (commit aabe805, wgsl-gemm.ts): one element of C per
 * thread, 16×16 tiles. Kept only so e2e/harness/webgpu-gemm-bench.ts can time it interleaved with
 * the current kernel on the same adapter; the same Gemm uniform and bindings, epilogue dropped
 * (the bench times GEMM_PLAIN).
 */
import { STEP_STRUCT } from '../../src/ml/engine/webgpu/wgsl-common';

export const BASELINE_TILE = 16;

export const BASELINE_GEMM_WGSL = /* wgsl */ `
${STEP_STRUCT}
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
@group(0) @binding(5) var<storage, read> mask: array<f32>;
@group(0) @binding(6) var<storage, read> E: array<f32>;
const T = 16u;
var<workgroup> tileA: array<array<f32, 16>, 16>;
var<workgroup> tileB: array<array<f32, 16>, 16>;
@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = select(g.m, step.rows, g.rowsAt == 1u);
  let K = select(g.k, step.rows, g.rowsAt == 3u);
  let N = g.n;
  let i = wid.y * T + lid.y;
  let j = wid.x * T + lid.x;
  var acc = 0.0;
  for (var t = 0u; t < K; t += T) {
    let p = t + lid.x;
    var a = 0.0;
    if (i < M && p < K) { a = A[g.aOff + i * g.aI + p * g.aP]; }
    tileA[lid.y][lid.x] = a;
    let q = t + lid.y;
    var b = 0.0;
    if (q < K && j < N) { b = B[g.bOff + q * g.bP + j * g.bJ]; }
    tileB[lid.y][lid.x] = b;
    workgroupBarrier();
    for (var u = 0u; u < T; u++) { acc += tileA[lid.y][u] * tileB[u][lid.x]; }
    workgroupBarrier();
  }
  if (i >= M || j >= N) { return; }
  C[g.cOff + i * N + j] = acc;
}
`;
