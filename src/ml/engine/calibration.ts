import { mulberry32 } from '../data/rng';
import type { FitArrays } from '../models/dense-fit';
import { Adam } from './adam';
import { DenseNet, denseLayout, type DenseNetSpec } from './dense-net';
import type { CalibrationEntry } from './engine-choice';
import type { KernelFactory, Kernels } from './kernels';
import { onOneMemory, type Workspace } from './workspace';

/** One engine auto may train on, with a way to measure it on the run's own model. */
export interface CalibrationCandidate {
  runsOn: string;
  threads: number;
  adapter?: string;
  /** training samples/s over a few steps of the run's model */
  rate: () => Promise<number>;
}

/**
 * Measures each candidate in turn and picks the fastest: the answer to "which engine trains this
 * model fastest here" depends on the model's widths, the batch and the machine (a discrete GPU
 * wins on wide layers and large batches, the WASM engine on small ones, where a GPU step is
 * dominated by dispatch latency), so auto measures rather than guesses. A candidate that throws is
 * recorded with its error and never picked; when every one fails the first is returned, and its
 * run reports the same failure when it trains.
 */
export async function calibrate(candidates: readonly CalibrationCandidate[], now: () => number = () => performance.now()): Promise<{ pick: number; entries: CalibrationEntry[]; ms: number }> {
  const t0 = now();
  const entries: CalibrationEntry[] = [];
  let pick = 0;
  let best = -1;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const base = { runsOn: c.runsOn, threads: c.threads, ...(c.adapter ? { adapter: c.adapter } : {}) };
    try {
      const r = await c.rate();
      if (!Number.isFinite(r) || r <= 0) throw new Error(`measured ${r} samples/s`);
      entries.push({ ...base, samplesPerSec: r });
      if (r > best) {
        best = r;
        pick = i;
      }
    } catch (e) {
      entries.push({ ...base, samplesPerSec: null, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { pick, entries, ms: now() - t0 };
}

/** How long a CPU measurement runs, and at most how many steps: a few tens of ms on any model. */
export interface StepRateBudget {
  ms: number;
  maxSteps: number;
  now?: () => number;
}

/**
 * Weights for a measurement: Glorot-uniform-sized values from a fixed seed. The run's own initial
 * weights are not needed (a step costs the same whatever the values), and drawing these leaves the
 * run's TF.js model, and hence its seed-determined initial weights, untouched.
 */
export function calibrationWeights(spec: DenseNetSpec, seed = 7): Float32Array {
  const layout = denseLayout(spec);
  const w = new Float32Array(layout.size);
  const rng = mulberry32(seed);
  for (const L of layout.layers) {
    const limit = Math.sqrt(6 / (L.inDim + L.outDim));
    for (let i = L.kernel; i < L.kernel + L.inDim * L.outDim; i++) w[i] = (rng() * 2 - 1) * limit;
  }
  return w;
}

/**
 * Training samples/s of the CPU engine on this model: forward, backward and Adam on batches of the
 * run's own training rows (the first `batchSize`, then the next…), on a throwaway copy of the
 * weights in a memory of its own, after one warm-up step, for `budget.ms` or `budget.maxSteps`.
 */
export async function cpuDenseStepRate(spec: DenseNetSpec, data: FitArrays, batchSize: number, makeKernels: KernelFactory, budget: StepRateBudget): Promise<number> {
  const now = budget.now ?? (() => performance.now());
  const rows = Math.max(1, Math.min(batchSize, data.nTrain));
  const size = denseLayout(spec).size;
  const plan = (ws: Workspace, k: Kernels) => ({
    params: ws.alloc(size),
    grad: ws.alloc(size),
    targets: ws.alloc(rows * data.targetWidth),
    net: new DenseNet(spec, k, rows, ws),
    adam: new Adam(k, size, ws, { learningRate: 1e-3 }),
  });
  return onOneMemory(plan, makeKernels, async ({ params, grad, targets, net, adam }) => {
    params.set(calibrationWeights(spec));
    const d = data.inputDim;
    const w = data.targetWidth;
    const dropRng = spec.dropout > 0 ? mulberry32(1) : undefined;
    let at = 0;
    const step = () => {
      const n = Math.min(rows, data.nTrain - at);
      net.input.set(data.xTrain.subarray(at * d, (at + n) * d));
      targets.set(data.yTrain.subarray(at * w, (at + n) * w));
      at = at + n >= data.nTrain ? 0 : at + n;
      net.forward(params, n, dropRng);
      net.backward(params, grad, targets, n);
      adam.step(params, grad);
      return n;
    };
    step();
    let samples = 0;
    let steps = 0;
    const t0 = now();
    let elapsed: number;
    do {
      samples += step();
      steps++;
      elapsed = now() - t0;
    } while (elapsed < budget.ms && steps < budget.maxSteps);
    return (samples / Math.max(elapsed, 1e-3)) * 1000;
  });
}
