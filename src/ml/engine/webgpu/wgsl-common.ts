/**
 * WGSL shared by the engine's kernels: the per-step uniform every training dispatch reads (with a
 * dynamic offset: one 256-byte slot per step of a command buffer) and the activations, with the
 * same codes as kernels.ts's ACTIVATIONS.
 */

/** Bytes between two step slots: WebGPU's default minUniformBufferOffsetAlignment (and storage's). */
export const SLOT_ALIGN = 256;

/**
 * rows: the batch's rows (the last batch of an epoch is shorter; a validation chunk has its own);
 * lossAt: where the loss kernel writes this step's loss; c1, c2: Adam's bias corrections, computed
 * in JS as adam.ts does (float32 running products), so the GPU never rounds them differently.
 */
export const STEP_STRUCT = /* wgsl */ `
struct Step {
  rows: u32,
  lossAt: u32,
  c1: f32,
  c2: f32,
}
`;

/**
 * act(x) and act'(·) from the output, as js-kernels.ts's activate/activationGrad. Written out
 * rather than with WGSL's tanh: tanh(x) = sign(x)·(1 − e)/(1 + e) with e = exp(−2|x|) never
 * overflows (a naive (e^2x − 1)/(e^2x + 1) is inf/inf = NaN past |x| ≈ 44, as some drivers' builtin
 * is), and the sigmoid takes the branch whose exp cannot overflow, as the CPU does. elu and selu use
 * exp(x) − 1 for expm1: the absolute error is an ulp of 1, well under the tests' 1e-4 of the
 * largest activation.
 */
export const ACTIVATION_FNS = /* wgsl */ `
const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

fn stableTanh(x: f32) -> f32 {
  let e = exp(-2.0 * abs(x));
  return sign(x) * (1.0 - e) / (1.0 + e);
}

fn sigmoid(x: f32) -> f32 {
  if (x >= 0.0) {
    return 1.0 / (1.0 + exp(-x));
  }
  let e = exp(x);
  return e / (1.0 + e);
}

fn activate(x: f32, act: u32) -> f32 {
  switch act {
    case 1u: { return max(x, 0.0); }
    case 2u: { return stableTanh(x); }
    case 3u: { return sigmoid(x); }
    case 4u: { return select(exp(x) - 1.0, x, x > 0.0); }
    case 5u: { return select(SELU_SCALE * SELU_ALPHA * (exp(x) - 1.0), SELU_SCALE * x, x > 0.0); }
    default: { return x; }
  }
}

// the derivative written from the activation's output a, as every activation here allows
fn activationGrad(a: f32, act: u32) -> f32 {
  switch act {
    case 1u: { return select(0.0, 1.0, a > 0.0); }
    case 2u: { return 1.0 - a * a; }
    case 3u: { return a * (1.0 - a); }
    case 4u: { return select(a + 1.0, 1.0, a > 0.0); }
    case 5u: { return select(a + SELU_SCALE * SELU_ALPHA, SELU_SCALE, a > 0.0); }
    default: { return 1.0; }
  }
}
`;
