import { mulberry32, permutation } from '../data/rng';
import type { TaskKind } from '../task';
import { BatchReads, type StopReason } from '../models/loop-utils';
import { StepPacer } from '../models/step-pacer';
import type { NetCheckpoint } from '../models/checkpoint';
import { DROPOUT_SEED_OFFSET, type DenseFitConfig, type FitArrays, type FitHooks, type FitResult } from '../models/dense-fit';
import { Adam } from './adam';
import { DenseNet, type DenseNetSpec } from './dense-net';
import type { KernelFactory, Kernels } from './kernels';
import { taskLoss } from './losses';
import { FlatKeeper } from './flat-keeper';
import { closeEpoch, type EpochCloser } from './dense-epoch';
import { adamOf, checkEngineCheckpoint, setFlat, split } from './engine-checkpoint';
import { onOneMemory, type Workspace } from './workspace';

/** (kept here too: the families and workers import it from the fit) */
export type { KernelFactory } from './kernels';

/** What the engine trained, for the caller to put back into its TF.js model (getWeights() order). */
export interface EngineFitResult extends FitResult {
  weights: Float32Array[];
  kernels: string;
  /** bytes of the one memory the run used, the same from the first epoch to the last */
  memoryBytes: number;
}

/** Rows a validation pass runs at once. */
const EVAL_ROWS = 1024;

/**
 * A dense network's fit on Kiln's engine: the contract of models/dense-fit.ts that TF.js's loop
 * keeps too (hooks, early stopping, NaN guard, stop between steps, checkpoints a resume continues from),
 * the same batch order from the same seed, on a DenseNet whose parameters start from `initial`
 * (the TF.js model's weights, so both engines start alike and the result goes back into it).
 */
export async function fitDense(
  spec: DenseNetSpec,
  initial: Float32Array[],
  kind: TaskKind,
  data: FitArrays,
  config: DenseFitConfig,
  makeKernels: KernelFactory,
  hooks: FitHooks = {},
  resume?: NetCheckpoint,
): Promise<EngineFitResult> {
  const now = hooks.now ?? (() => performance.now());
  if (resume) checkEngineCheckpoint(resume, initial, data.nTrain);
  const batchSize = Math.min(config.batchSize, data.nTrain);
  const rows = Math.max(batchSize, Math.min(data.nVal, EVAL_ROWS));
  const size = initial.reduce((s, w) => s + w.length, 0);

  hooks.onStage?.('upload', `${(data.nTrain + data.nVal).toLocaleString('en-US')} rows × ${data.inputDim} features`);
  // one memory for the whole run, sized before any view exists (see Workspace)
  const plan = (ws: Workspace, k: Kernels) => ({
    params: ws.alloc(size),
    grad: ws.alloc(size),
    keeper: new FlatKeeper(ws, size, config.earlyStopping.restoreBestWeights),
    targets: ws.alloc(rows * data.targetWidth),
    net: new DenseNet(spec, k, rows, ws),
    adam: new Adam(k, size, ws, { learningRate: config.learningRate }),
  });
  return onOneMemory(plan, makeKernels, train);

  async function train({ params, grad, keeper, targets, net, adam }: ReturnType<typeof plan>, k: Kernels, memory: WebAssembly.Memory): Promise<EngineFitResult> {

    if (resume) {
      setFlat(params, resume.weights);
      adam.importState(adamOf(resume, initial.length));
    } else {
      setFlat(params, initial);
    }
    keeper.start(params);
    if (resume) keeper.importState(resume.keeper, params, resume.epoch);

    const rng = mulberry32(resume ? resume.rngState : config.seed);
    const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + DROPOUT_SEED_OFFSET) : undefined;
    const steps = Math.ceil(data.nTrain / batchSize);
    let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
    let message: string | undefined;
    let epochsRun = resume?.epoch ?? 0;
    let globalStep = epochsRun * steps;
    const tensorCounts: number[] = [];
    const reads = new BatchReads({ stepsPerEpoch: steps, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * steps, startGlobalStep: globalStep, now });
    const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs, now });
    const d = data.inputDim;
    const w = data.targetWidth;
    const noSync = () => Promise.resolve();
    const closer: EpochCloser = { hooks, config, keeper, initial, rng, dropRng, adam: () => adam.exportState() };
    hooks.onStage?.('first-step');

    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = now();
      pacer.reset();
      const perm = permutation(data.nTrain, rng);
      let lossSum = 0;
      let badBatch = false;
      for (let step = 0; step < steps; step++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          break;
        }
        const start = step * batchSize;
        const n = Math.min(batchSize, data.nTrain - start);
        for (let i = 0; i < n; i++) {
          const r = perm[start + i];
          net.input.set(data.xTrain.subarray(r * d, r * d + d), i * d);
          targets.set(data.yTrain.subarray(r * w, r * w + w), i * w);
        }
        net.forward(params, n, dropRng);
        const loss = net.backward(params, grad, targets, n);
        adam.step(params, grad);
        if (!Number.isFinite(loss)) badBatch = true;
        lossSum += loss * n;
        globalStep++;
        if (reads.step(step, n)) hooks.onBatch?.(reads.report({ epoch, step: step + 1, globalStep, samples: reads.mark() }, loss));
        await pacer.step(noSync);
      }
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const trainLoss = lossSum / data.nTrain;
      const valLogits = new Float32Array(data.nVal * spec.outputDim);
      let valLossSum = 0;
      for (let s = 0; s < data.nVal; s += rows) {
        const n = Math.min(rows, data.nVal - s);
        net.input.set(data.xVal.subarray(s * d, (s + n) * d));
        const z = net.forward(params, n);
        valLogits.set(z, s * spec.outputDim);
        // TF.js takes the mean over the whole split; chunk means are weighted back by their size
        valLossSum += taskLoss(kind, z, data.yVal.subarray(s * w, (s + n) * w), n, w) * n;
      }
      const valLoss = data.nVal > 0 ? valLossSum / data.nVal : NaN;
      ({ reason, message } = await closeEpoch({ epoch, trainLoss, valLoss, badBatch, valLogits, params, elapsedMs: now() - t0, nTrain: data.nTrain }, closer));
      if (reason !== 'non-finite-loss') tensorCounts.push(0);
    }
    keeper.restore(reason, params);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts, weights: split(params, initial), kernels: k.name, memoryBytes: memory.buffer.byteLength };
  }
}


