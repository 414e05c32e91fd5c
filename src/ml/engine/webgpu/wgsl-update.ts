import { STEP_STRUCT } from './wgsl-common';

/** LossDims.task: sigmoid cross-entropy (binary, ordinal), softmax cross-entropy, squared error. */
export const LOSS_SIGMOID = 0;
export const LOSS_SOFTMAX = 1;
export const LOSS_SQUARED = 2;
/** the pair-margin + tie loss (losses.ts's pairMarginLossAndGrad) over 2n scores */
export const LOSS_PAIR_MARGIN = 3;

/** Threads of the one workgroup that reduces a batch's loss. */
export const LOSS_THREADS = 256;
/** Threads per workgroup of the element-wise kernels (colSum, Adam). */
export const LINEAR_THREADS = 64;

/**
 * The batch's loss and dLoss/dlogits, as losses.ts's taskLossAndGrad (same reductions: sigmoid CE
 * and squared error are means over every element, softmax CE a mean over rows), plus L2 as
 * dense-net.ts adds it: loss += l2·ΣW² over the kernels, read from `decay` (2·l2 on kernel
 * entries of the flat buffer, 0 on biases, so l2·W² = decay·W²/2). One workgroup: the batch is small
 * and the loss is a single number; its partial sums meet in a tree in workgroup memory. The loss
 * goes to losses[step.lossAt], read back only when the loop reports it.
 */
export const LOSS_WGSL = /* wgsl */ `
${STEP_STRUCT}

// margin: LOSS_PAIR_MARGIN's margin
struct LossDims { task: u32, width: u32, size: u32, margin: f32 }

@group(0) @binding(0) var<uniform> d: LossDims;
@group(0) @binding(1) var<uniform> step: Step;
@group(0) @binding(2) var<storage, read> z: array<f32>;
@group(0) @binding(3) var<storage, read> t: array<f32>;
@group(0) @binding(4) var<storage, read_write> dz: array<f32>;
@group(0) @binding(5) var<storage, read> params: array<f32>;
@group(0) @binding(6) var<storage, read> decay: array<f32>;
@group(0) @binding(7) var<storage, read_write> losses: array<f32>;

const THREADS = ${LOSS_THREADS}u;
var<workgroup> part: array<f32, ${LOSS_THREADS}>;

fn sigmoid(x: f32) -> f32 {
  if (x >= 0.0) {
    return 1.0 / (1.0 + exp(-x));
  }
  let e = exp(x);
  return e / (1.0 + e);
}

@compute @workgroup_size(${LOSS_THREADS})
fn main(@builtin(local_invocation_index) li: u32) {
  let rows = step.rows;
  let w = d.width;
  let n = rows * w;
  var s = 0.0;
  var inv = 1.0 / f32(n);
  if (d.task == ${LOSS_SOFTMAX}u) {
    inv = 1.0 / f32(rows);
    for (var r = li; r < rows; r += THREADS) {
      let o = r * w;
      var mx = z[o];
      for (var j = 1u; j < w; j++) {
        mx = max(mx, z[o + j]);
      }
      var se = 0.0;
      for (var j = 0u; j < w; j++) {
        se += exp(z[o + j] - mx);
      }
      let logS = log(se) + mx;
      var tSum = 0.0;
      for (var j = 0u; j < w; j++) {
        tSum += t[o + j];
        s -= t[o + j] * (z[o + j] - logS);
      }
      // d/dz of −Σ t log softmax(z) is softmax(z)·Σt − t
      for (var j = 0u; j < w; j++) {
        dz[o + j] = (exp(z[o + j] - logS) * tSum - t[o + j]) * inv;
      }
    }
  } else if (d.task == ${LOSS_PAIR_MARGIN}u) {
    // rows = 2n scores (the pairs' first items, then their second ones); t[i] is pair i's label:
    // ±decisiveness, or 0 for a tie. Mean over pairs of max(0, m − y·d) (decisive, weighted by |y|)
    // or max(0, |d| − m) (tie), with TF.js's subgradients at the kinks (0), as the CPU has them
    let pairs = rows / 2u;
    inv = 1.0 / f32(pairs);
    for (var i = li; i < pairs; i += THREADS) {
      let diff = z[i] - z[pairs + i];
      let y = t[i];
      var g = 0.0;
      if (y != 0.0) {
        let r = d.margin - y * diff;
        if (r > 0.0) {
          s += abs(y) * r;
          g = -abs(y) * y;
        }
      } else {
        let r = abs(diff) - d.margin;
        if (r > 0.0) {
          s += r;
          g = sign(diff);
        }
      }
      dz[i] = g * inv;
      dz[pairs + i] = -g * inv;
    }
  } else if (d.task == ${LOSS_SQUARED}u) {
    for (var i = li; i < n; i += THREADS) {
      let e = z[i] - t[i];
      s += e * e;
      dz[i] = 2.0 * e * inv;
    }
  } else {
    for (var i = li; i < n; i += THREADS) {
      let x = z[i];
      let y = t[i];
      // max(x,0) − x·y + log(1 + e^−|x|): never overflows
      s += max(x, 0.0) - x * y + log(1.0 + exp(-abs(x)));
      dz[i] = (sigmoid(x) - y) * inv;
    }
  }
  var sq = 0.0;
  for (var i = li; i < d.size; i += THREADS) {
    let p = params[i];
    sq += decay[i] * p * p;
  }
  part[li] = s * inv + 0.5 * sq;
  workgroupBarrier();
  for (var h = THREADS / 2u; h > 0u; h /= 2u) {
    if (li < h) {
      part[li] += part[li + h];
    }
    workgroupBarrier();
  }
  if (li == 0u) {
    losses[step.lossAt] = part[0];
  }
}
`;

/**
 * db[j] = Σ_rows dZ[i,j]: one thread per column walks the rows (the batch is a few hundred rows at
 * most, and the columns are the layer's units).
 */
export const COLSUM_WGSL = /* wgsl */ `
${STEP_STRUCT}

// pairs ≠ 0 (a pair loss): row i and row i + rows/2 are one pair's two items, whose
// gradients mostly cancel exactly (a unit active for both); they are added first, so a cancelling
// pair adds an exact 0 as the CPU engine's float64 sum does, not float32 noise Adam would amplify
struct ColSum { n: u32, outOff: u32, pairs: u32, pad1: u32 }

@group(0) @binding(0) var<uniform> c: ColSum;
@group(0) @binding(1) var<uniform> step: Step;
@group(0) @binding(2) var<storage, read> dz: array<f32>;
@group(0) @binding(3) var<storage, read_write> grad: array<f32>;

@compute @workgroup_size(${LINEAR_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let j = gid.x;
  if (j >= c.n) {
    return;
  }
  var s = 0.0;
  if (c.pairs != 0u) {
    let half = step.rows / 2u;
    for (var i = 0u; i < half; i++) {
      s += dz[i * c.n + j] + dz[(i + half) * c.n + j];
    }
  } else {
    for (var i = 0u; i < step.rows; i++) {
      s += dz[i * c.n + j];
    }
  }
  grad[c.outOff + j] = s;
}
`;

/**
 * One Adam update over the whole flat parameter buffer, as js-kernels.ts's adam (L2's gradient
 * is already in `grad`: the dW GEMM adds it). A 2-D grid, so a model past
 * 65,535 × 64 parameters still fits one dispatch.
 */
export const ADAM_WGSL = /* wgsl */ `
${STEP_STRUCT}

struct AdamDims { n: u32, lr: f32, beta1: f32, beta2: f32, eps: f32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<uniform> h: AdamDims;
@group(0) @binding(1) var<uniform> step: Step;
@group(0) @binding(2) var<storage, read_write> p: array<f32>;
@group(0) @binding(3) var<storage, read> grad: array<f32>;
@group(0) @binding(4) var<storage, read_write> m: array<f32>;
@group(0) @binding(5) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(${LINEAR_THREADS})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nw: vec3<u32>) {
  let i = gid.y * nw.x * ${LINEAR_THREADS}u + gid.x;
  if (i >= h.n) {
    return;
  }
  let gi = grad[i];
  let mi = h.beta1 * m[i] + (1.0 - h.beta1) * gi;
  let vi = h.beta2 * v[i] + (1.0 - h.beta2) * gi * gi;
  m[i] = mi;
  v[i] = vi;
  p[i] = p[i] - (h.lr * (mi / step.c1)) / (sqrt(vi / step.c2) + h.eps);
}
`;
