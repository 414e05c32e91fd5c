import type { DenseNetSpec } from '../dense-net';
import type { FitArrays } from '../../models/dense-fit';

/**
 * Adam's bias corrections as adam.ts computes them: β1^t and β2^t as float32 running products
 * starting at β1, β2, each correction 1 − product rounded to float32. The GPU gets c1, c2 per step
 * and never computes a power, so it rounds exactly as the CPU engine (and TF.js) does.
 */
export class BiasCorrection {
  private acc1: number;
  private acc2: number;

  constructor(
    public step = 0,
    accBeta?: [number, number],
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
  ) {
    [this.acc1, this.acc2] = accBeta ?? [Math.fround(beta1), Math.fround(beta2)];
  }

  /** c1, c2 for the next step, then advances. */
  next(): [number, number] {
    this.step++;
    const c = [Math.fround(1 - this.acc1), Math.fround(1 - this.acc2)] as [number, number];
    this.acc1 = Math.fround(this.acc1 * Math.fround(this.beta1));
    this.acc2 = Math.fround(this.acc2 * Math.fround(this.beta2));
    return c;
  }

  get accBeta(): [number, number] {
    return [this.acc1, this.acc2];
  }
}

/**
 * The dropout factors of one training forward pass, drawn on the CPU in exactly DenseNet.forward's
 * order (dense-net.ts's dropout: layer by layer, row-major within a layer, one draw per unit), so
 * the GPU drops the units the CPU engine drops from the same generator.
 */
export function drawMasks(spec: DenseNetSpec, rows: number, rng: () => number, masks: Float32Array[]): void {
  const keep = 1 / (1 - spec.dropout);
  spec.hidden.forEach((w, l) => {
    const m = masks[l];
    for (let i = 0, n = rows * w; i < n; i++) m[i] = rng() >= spec.dropout ? keep : 0;
  });
}

/** The host side of a batch: rows gathered from the training arrays in the permutation's order. */
export class BatchGather {
  readonly x: Float32Array;
  readonly t: Float32Array;

  constructor(
    private readonly data: FitArrays,
    batchRows: number,
  ) {
    this.x = new Float32Array(batchRows * data.inputDim);
    this.t = new Float32Array(batchRows * data.targetWidth);
  }

  /** Gathers rows perm[start … start + n). */
  gather(perm: Int32Array, start: number, n: number): void {
    const { xTrain, yTrain, inputDim: d, targetWidth: w } = this.data;
    for (let i = 0; i < n; i++) {
      const r = perm[start + i];
      this.x.set(xTrain.subarray(r * d, r * d + d), i * d);
      this.t.set(yTrain.subarray(r * w, r * w + w), i * w);
    }
  }
}
