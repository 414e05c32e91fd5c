import * as tf from '@tensorflow/tfjs';
import { mulberry32, type SeededRng } from '../data/rng';

/**
 * The uniform stream a model's dropout layers draw from, one per model: every layer draws from
 * it in forward order, as Kiln's engine draws its masks layer by layer from one generator, and
 * its state is what a checkpoint keeps so a resumed run drops the units the uninterrupted run
 * would have dropped.
 */
export class DropoutStream {
  private g: SeededRng;

  constructor(seed: number) {
    this.g = mulberry32(seed);
  }

  next(): number {
    return this.g();
  }

  state(): number {
    return this.g.state();
  }

  /** Continues from a state `state()` returned. */
  restore(state: number): void {
    this.g = mulberry32(state);
  }
}

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
  /** the stream this layer draws from: its own, or the one its model's other dropout layers share */
  readonly stream: DropoutStream;

  constructor(args: { rate: number; seed: number; name?: string; stream?: DropoutStream }) {
    super({ name: args.name });
    this.rate = args.rate;
    this.seed = args.seed;
    this.stream = args.stream ?? new DropoutStream(args.seed);
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
    for (let i = 0; i < mask.length; i++) mask[i] = this.stream.next() >= this.rate ? keep : 0;
    return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape, 'float32')));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}
tf.serialization.registerClass(StepDropout);

/** The stream a model's StepDropout layers draw from (they share one), or null when it has none. */
export function dropoutStreamOf(model: tf.LayersModel): DropoutStream | null {
  const layer = model.layers.find((l): l is StepDropout => l instanceof StepDropout);
  return layer ? layer.stream : null;
}
