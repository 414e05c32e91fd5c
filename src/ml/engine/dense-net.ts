import type { TaskKind } from '../task';
import { actCode, type ActivationName, type Kernels } from './kernels';
import { taskLossAndGrad } from './losses';
import type { Workspace } from './workspace';

/** A stack of dense layers ending in raw logits: linear models and MLPs (logistic: no hidden layer), and a pair scorer. */
export interface DenseNetSpec {
  inputDim: number;
  hidden: number[];
  activation: ActivationName;
  outputDim: number;
  /** dropout after each hidden layer (0: none) */
  dropout: number;
  /** L2 on the kernels (not the biases), as Keras' kernel_regularizer: loss += l2 · Σ W² */
  l2: number;
  task: TaskKind;
}

/** Where each layer's kernel and bias sit in the flat parameter buffer: TF.js's getWeights() order. */
export interface DenseLayout {
  layers: { inDim: number; outDim: number; kernel: number; bias: number; act: number }[];
  /** total parameters */
  size: number;
}

export function denseLayout(s: DenseNetSpec): DenseLayout {
  const widths = [s.inputDim, ...s.hidden, s.outputDim];
  const layers: DenseLayout['layers'] = [];
  let at = 0;
  for (let l = 0; l + 1 < widths.length; l++) {
    const inDim = widths[l];
    const outDim = widths[l + 1];
    const last = l + 2 === widths.length;
    layers.push({ inDim, outDim, kernel: at, bias: at + inDim * outDim, act: actCode(last ? 'linear' : s.activation) });
    at += inDim * outDim + outDim;
  }
  return { layers, size: at };
}

/**
 * The forward and hand-written backward pass of a DenseNet over one batch, on any `Kernels`.
 * Activations and gradients live in the workspace (one allocation for the run); parameters and
 * their gradients are views into the flat buffers, so Adam updates them all in one call.
 */
export class DenseNet {
  readonly layout: DenseLayout;
  private readonly acts: Float32Array[];
  /** dL/d(output of layer l); the backward pass writes dL/d(input of layer l) into grads[l − 1] */
  private readonly grads: Float32Array[];
  /** the last training forward's dropout factors per hidden layer (0 or 1/(1 − rate)) */
  readonly masks: Float32Array[];
  /** the batch's input rows (the caller fills `input`) */
  readonly input: Float32Array;

  constructor(
    readonly spec: DenseNetSpec,
    private readonly k: Kernels,
    readonly maxRows: number,
    ws: Workspace,
  ) {
    this.layout = denseLayout(spec);
    this.input = ws.alloc(maxRows * spec.inputDim);
    this.acts = this.layout.layers.map((l) => ws.alloc(maxRows * l.outDim));
    this.grads = this.layout.layers.map((l) => ws.alloc(maxRows * l.outDim));
    this.masks = spec.dropout > 0 ? spec.hidden.map((w) => ws.alloc(maxRows * w)) : [];
  }

  /** The logits of the last forward pass (rows × outputDim). */
  logits(rows: number): Float32Array {
    return this.acts[this.acts.length - 1].subarray(0, rows * this.spec.outputDim);
  }

  /**
   * Forward over the first `rows` rows of `input`. With `rng` (training), dropout draws a mask
   * per hidden unit and scales kept units by 1/(1 − rate), as TF.js's inverted dropout does.
   */
  forward(params: Float32Array, rows: number, rng?: () => number): Float32Array {
    const { layers } = this.layout;
    let x = this.input;
    for (let l = 0; l < layers.length; l++) {
      const L = layers[l];
      const z = this.acts[l];
      this.k.gemm(x, params.subarray(L.kernel, L.kernel + L.inDim * L.outDim), z, rows, L.outDim, L.inDim, false, false, false);
      this.k.biasAct(z, params.subarray(L.bias, L.bias + L.outDim), z, rows, L.outDim, L.act);
      if (rng && l < this.masks.length) dropout(z, this.masks[l], rows * L.outDim, this.spec.dropout, rng);
      x = z;
    }
    return this.logits(rows);
  }

  /**
   * The loss of the last forward pass against `targets` (rows × targetWidth), with L2, and its
   * gradient in `grad` (the flat buffer matching the parameters). Returns the loss.
   */
  backward(params: Float32Array, grad: Float32Array, targets: Float32Array, rows: number): number {
    return this.backwardWith(params, grad, rows, (z, dz) => taskLossAndGrad(this.spec.task, z, targets, dz, rows, this.spec.outputDim));
  }

  /**
   * Backward from any loss of the logits: `lossAndGrad` gets the last forward's logits (rows ×
   * outputDim) and writes dLoss/dlogits into `dz`, returning the loss (a pairwise
   * margin loss is one). L2 is added here. Returns the loss.
   */
  backwardWith(params: Float32Array, grad: Float32Array, rows: number, lossAndGrad: (z: Float32Array, dz: Float32Array) => number): number {
    const { layers } = this.layout;
    const last = layers.length - 1;
    const n0 = rows * this.spec.outputDim;
    let loss = lossAndGrad(this.acts[last].subarray(0, n0), this.grads[last].subarray(0, n0));
    for (let l = last; l >= 0; l--) {
      const L = layers[l];
      const dz = this.grads[l];
      const n = rows * L.outDim;
      if (l < this.masks.length) {
        // d(act(z)·m)/dz = m·act'(z), and act' is read from the activation before the mask: the
        // layer's output is unscaled in place (the layer above has already used it)
        const m = this.masks[l];
        const a = this.acts[l];
        for (let i = 0; i < n; i++) {
          dz[i] *= m[i];
          a[i] = m[i] === 0 ? 0 : a[i] / m[i];
        }
      }
      if (l < last) this.k.actBackward(this.acts[l], dz, dz, n, L.act);
      const xIn = l === 0 ? this.input : this.acts[l - 1];
      const dW = grad.subarray(L.kernel, L.kernel + L.inDim * L.outDim);
      // dW = Xᵀ·dZ, db = Σ_rows dZ, dX = dZ·Wᵀ
      this.k.gemm(xIn, dz, dW, L.inDim, L.outDim, rows, true, false, false);
      this.k.colSum(dz, grad.subarray(L.bias, L.bias + L.outDim), rows, L.outDim, false);
      if (l > 0) {
        const W = params.subarray(L.kernel, L.kernel + L.inDim * L.outDim);
        this.k.gemm(dz, W, this.grads[l - 1], rows, L.inDim, L.outDim, false, true, false);
      }
    }
    if (this.spec.l2 > 0) {
      const c = 2 * this.spec.l2;
      let sq = 0;
      for (const L of layers) {
        for (let i = L.kernel, e = L.kernel + L.inDim * L.outDim; i < e; i++) {
          const w = params[i];
          sq += w * w;
          grad[i] += c * w;
        }
      }
      loss += this.spec.l2 * sq;
    }
    return loss;
  }
}

/** Inverted dropout in place: each unit kept with probability 1 − rate and scaled by 1/(1 − rate); the mask keeps that factor (or 0) for backward. */
export function dropout(a: Float32Array, mask: Float32Array, n: number, rate: number, rng: () => number): void {
  const keep = 1 / (1 - rate);
  for (let i = 0; i < n; i++) {
    const m = rng() >= rate ? keep : 0;
    mask[i] = m;
    a[i] *= m;
  }
}
