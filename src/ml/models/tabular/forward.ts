import type { Activation } from './config';
import type { SavedTabularModel } from './saved-model';

const SELU_SCALE = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;

function activate(a: Activation, v: number): number {
  switch (a) {
    case 'relu':
      return v > 0 ? v : 0;
    case 'tanh':
      return Math.tanh(v);
    case 'elu':
      return v > 0 ? v : Math.expm1(v);
    case 'selu':
      return v > 0 ? SELU_SCALE * v : SELU_SCALE * SELU_ALPHA * Math.expm1(v);
    case 'sigmoid':
      return 1 / (1 + Math.exp(-v));
  }
}

/**
 * The stored network's logits for a few rows, in plain JavaScript: the dense layers of the saved
 * weights (kernel [in, out] then bias, as TF.js's getWeights orders them), dropout being the
 * identity at inference. It lets the main thread score a hand-edited row without loading TF.js.
 */
export function forwardLogits(saved: SavedTabularModel, x: Float32Array, n: number): Float32Array {
  const { spec, weights } = saved;
  const hidden = spec.config.architecture === 'mlp' ? spec.config.hiddenUnits.length : 0;
  if (weights.length !== 2 * (hidden + 1)) throw new Error(`saved tabular model has ${weights.length} weight tensors; ${2 * (hidden + 1)} expected for ${hidden} hidden layers`);
  if (x.length !== n * spec.inputDim) throw new Error(`${x.length} input values for ${n} rows of ${spec.inputDim} features`);
  let h: Float64Array = Float64Array.from(x);
  let width = spec.inputDim;
  for (let l = 0; l <= hidden; l++) {
    const kernel = weights[2 * l];
    const bias = weights[2 * l + 1].data;
    const [inDim, outDim] = kernel.shape;
    if (inDim !== width) throw new Error(`layer ${l} expects ${inDim} inputs, got ${width}`);
    const out = new Float64Array(n * outDim);
    for (let i = 0; i < n; i++) {
      for (let o = 0; o < outDim; o++) {
        let s = bias[o];
        for (let k = 0; k < inDim; k++) s += h[i * inDim + k] * kernel.data[k * outDim + o];
        out[i * outDim + o] = l < hidden ? activate(spec.config.activation, s) : s;
      }
    }
    h = out;
    width = outDim;
  }
  return Float32Array.from(h);
}
