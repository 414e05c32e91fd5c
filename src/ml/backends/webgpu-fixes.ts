import * as tf from '@tensorflow/tfjs';

let castPatched = false;

/**
 * tfjs-backend-webgpu casts bool (and int32) to float32 by relabelling the tensor and sharing its
 * buffer, which still holds 32-bit integers. Kernels that read the buffer by its storage type
 * then see integer bits: a transposed mask reads 1.4e-45 instead of 1, and the recurrent layers
 * (which cast and transpose their timestep mask) compute garbage on padded batches. This
 * replaces the bool → float32 path with a real conversion, select(mask, 1, 0); every other cast
 * keeps the original kernel.
 */
export function patchWebGpuCast(): void {
  if (castPatched) return;
  const cast = tf.getKernel('Cast', 'webgpu');
  const select = tf.getKernel('Select', 'webgpu');
  const fill = tf.getKernel('Fill', 'webgpu');
  if (!cast || !select || !fill) return;
  tf.unregisterKernel('Cast', 'webgpu');
  tf.registerKernel({
    ...cast,
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      const dtype = (args.attrs as { dtype: tf.DataType }).dtype;
      if (x.dtype !== 'bool' || dtype !== 'float32') return cast.kernelFunc(args);
      const backend = args.backend as { disposeData: (id: object) => void };
      const full = (value: number) => fill.kernelFunc({ inputs: {}, backend: args.backend, attrs: { shape: x.shape, value, dtype: 'float32' } }) as tf.TensorInfo;
      const ones = full(1);
      const zeros = full(0);
      const out = select.kernelFunc({ inputs: { condition: x, t: ones, e: zeros }, backend: args.backend, attrs: {} });
      backend.disposeData(ones.dataId);
      backend.disposeData(zeros.dataId);
      return out;
    },
  });
  castPatched = true;
}

/** A cast mask read through a transpose, as recurrent layers do: must give back 0/1. */
export async function maskSmokeTest(): Promise<void> {
  // as TitleEmbedding.computeMask and tfjs-layers' rnn() build it, so the mask lives on the device
  const ids = tf.tensor2d([[1, 0, 1], [0, 1, 1]], [2, 3], 'int32');
  const mask = tf.notEqual(ids, tf.zerosLike(ids));
  const t = tf.transpose(tf.expandDims(tf.cast(tf.cast(mask, 'bool'), 'float32'), -1), [1, 0, 2]);
  const got = Array.from(await t.data());
  tf.dispose([ids, mask, t]);
  const want = [1, 0, 0, 1, 1, 1];
  if (got.some((v, i) => v !== want[i])) throw new Error(`mask smoke test read ${JSON.stringify(got)} instead of ${JSON.stringify(want)}`);
}
