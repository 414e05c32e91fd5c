import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../../data/rng';

/**
 * Inverted dropout whose mask comes from a seeded stream that advances at every training call.
 * TF.js's Dropout layer with a seed draws the SAME mask at every step (its randomUniform restarts
 * from the seed on each call), so a seeded run never really dropped out; an unseeded one is not
 * reproducible. Here each call draws batch × units values from mulberry32(seed), row-major, unit
 * kept when the draw ≥ rate and scaled by 1/(1 − rate): the order Kiln's engine draws its masks
 * in (engine/dense-net.ts's dropout), so both engines drop the same units at the same step.
 * Identity at inference.
 */
export class StepDropout extends tf.layers.Layer {
  static className = 'KilnStepDropout';
  readonly rate: number;
  readonly seed: number;
  private readonly rng: () => number;

  constructor(args: { rate: number; seed: number; name?: string }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
    this.rng = mulberry32(args.seed);
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training || this.rate <= 0) return tf.clone(x);
    const keep = 1 / (1 - this.rate);
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = this.rng() >= this.rate ? keep : 0;
    return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(StepDropout);
