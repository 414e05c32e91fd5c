import { mulberry32 } from '../../data/rng';
import type { FitArrays } from '../../models/dense-fit';
import type { DenseNetSpec } from '../dense-net';
import { STEP_SLOTS } from './fit-dense-gpu';
import { flat } from '../engine-checkpoint';
import { GpuLoop } from './gpu-loop';
import { BatchGather } from './step-inputs';

/**
 * Samples/s of `steps` training steps (forward, backward, Adam; `batchSize` rows each, dropout
 * masks drawn and uploaded as a run does) of this model on this device, on a throwaway copy of
 * the weights: what the engine choice weighs against the CPU engine's rate. One warm-up step first
 * (pipeline compilation and first-use costs are not the rate), then the timed steps end with
 * onSubmittedWorkDone, so the time is the device's, not only the recording's.
 */
export async function gpuDenseStepRate(spec: DenseNetSpec, initial: Float32Array[], data: FitArrays, batchSize: number, device: GPUDevice, steps: number): Promise<number> {
  const rows = Math.max(1, Math.min(batchSize, data.nTrain));
  const options = { batchRows: rows, evalRows: 1, slots: STEP_SLOTS, lossEntries: 1, learningRate: 1e-3 };
  return GpuLoop.run(device, spec, options, { restoreBest: false, dropRng: spec.dropout > 0 ? mulberry32(1) : undefined }, async (loop) => {
    loop.net.writeParams(flat(initial));
    const batch = new BatchGather(data, rows);
    const order = Int32Array.from({ length: data.nTrain }, (_, i) => i);
    const step = (i: number) => {
      const start = ((i * rows) % Math.max(1, data.nTrain - rows + 1)) | 0;
      batch.gather(order, start, rows);
      loop.step(batch.x, batch.t, rows, 0);
    };
    step(0);
    await loop.sync();
    const t0 = performance.now();
    for (let i = 1; i <= steps; i++) step(i);
    await loop.sync();
    const ms = Math.max(performance.now() - t0, 1e-3);
    return ((steps * rows) / ms) * 1000;
  });
}
