import * as tf from '@tensorflow/tfjs';

/**
 * An embedding computed as one-hot × matrix. TF.js's Embedding layer gathers rows, and the
 * gradient of a gather needs UnsortedSegmentSum, which the WASM backend lacks; a matmul trains
 * on every backend (WebGPU, WebGL, WASM, CPU) and, for vocabularies of a few hundred titles, costs
 * little. Index 0 is padding: the layer emits a mask so recurrent layers skip padded steps.
 */
export class TitleEmbedding extends tf.layers.Layer {
  static className = 'KilnTitleEmbedding';
  private embeddings: tf.LayerVariable | null = null;
  readonly inputDim: number;
  readonly outputDim: number;
  private readonly seed: number;

  constructor(args: { inputDim: number; outputDim: number; seed: number; name?: string }) {
    super({ name: args.name });
    this.inputDim = args.inputDim;
    this.outputDim = args.outputDim;
    this.seed = args.seed;
    this.supportsMasking = true;
  }

  build(): void {
    this.embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], 'float32', tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed }));
    this.built = true;
  }

  computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...(inputShape as tf.Shape), this.outputDim];
  }

  computeMask(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.notEqual(x, tf.zerosLike(x));
  }

  call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const ids = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor2D;
      const [b, t] = ids.shape;
      // one-hot as a comparison cast to float: tf.oneHot's float32 dtype is ignored by the WASM
      // backend (it writes integer bits), and an int32 → float32 cast on WebGPU only relabels the
      // buffer; bool → float32 is exact everywhere (on WebGPU through patchWebGpuCast)
      const flat = tf.reshape(tf.cast(ids, 'int32'), [-1, 1]);
      const oneHot = tf.cast(tf.equal(flat, tf.range(0, this.inputDim, 1, 'int32')), 'float32');
      return tf.reshape(tf.matMul(oneHot, this.embeddings!.read()), [b, t, this.outputDim]);
    });
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), inputDim: this.inputDim, outputDim: this.outputDim, seed: this.seed };
  }
}
tf.serialization.registerClass(TitleEmbedding);
