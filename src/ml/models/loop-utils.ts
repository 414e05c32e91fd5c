import * as tf from '@tensorflow/tfjs';

/** Shared by the training loops of every TF.js family. */
export type StopReason = 'completed' | 'early-stopped' | 'user-stopped' | 'non-finite-loss';

/** Lets queued messages (a stop request) run between steps without a timer's clamped delay. */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

export function snapshot(model: tf.LayersModel): tf.Tensor[] {
  return model.getWeights().map((w) => tf.clone(w));
}

export function disposeAll(ts: tf.Tensor[] | null): void {
  if (ts) for (const t of ts) t.dispose();
}

export function nonFiniteMessage(epoch: number, values: number[]): string {
  return `the loss became ${values.some(Number.isNaN) ? 'NaN' : 'infinite'} in epoch ${epoch}; training stopped and the last good weights (epoch ${epoch - 1}) were kept. Try a lower learning rate or check the features for extreme values.`;
}
