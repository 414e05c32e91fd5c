import { mulberry32, permutation } from '../data/rng';
import type { TaskKind } from '../task';
import { BatchReads, nonFiniteMessage, type StopReason } from '../models/loop-utils';
import { StepPacer } from '../models/step-pacer';
import { DROPOUT_SEED_OFFSET, type TabularConfig } from '../models/tabular/config';
import type { TabularCheckpoint } from '../models/tabular/checkpoint';
import type { FitArrays, FitHooks, FitResult } from '../models/tabular/train-loop';
import { Adam } from './adam';
import { DenseNet, type DenseNetSpec } from './dense-net';
import type { KernelFactory, Kernels } from './kernels';
import { taskLoss } from './losses';
import { FlatKeeper } from './flat-keeper';
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
 * The tabular fit on Kiln's engine: the contract of models/tabular/train-loop.ts's fitTabular
 * (hooks, early stopping, NaN guard, stop between steps, checkpoints a resume continues from),
 * the same batch order from the same seed, on a DenseNet whose parameters start from `initial`
 * (the TF.js model's weights, so both engines start alike and the result goes back into it).
 */
export async function fitDense(
  spec: DenseNetSpec,
  initial: Float32Array[],
  kind: TaskKind,
  data: FitArrays,
  config: TabularConfig,
  makeKernels: KernelFactory,
  hooks: FitHooks = {},
  resume?: TabularCheckpoint,
): Promise<EngineFitResult> {
  const now = hooks.now ?? (() => performance.now());
  if (resume && resume.nTrain !== data.nTrain) throw new Error(`the checkpoint was taken on ${resume.nTrain} training rows, this data has ${data.nTrain}`);
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
      checkFits(resume, initial);
      setFlat(params, resume.weights);
      adam.importState({ step: resume.optimizer.iterations, m: flat(resume.optimizer.slots.slice(0, initial.length)), v: flat(resume.optimizer.slots.slice(initial.length)), accBeta: resume.optimizer.accBeta ?? [Math.pow(0.9, resume.optimizer.iterations + 1), Math.pow(0.999, resume.optimizer.iterations + 1)] });
    } else {
      setFlat(params, initial);
    }
    keeper.start(params);
    if (resume) keeper.importState(resume.keeper, params, resume.epoch);

    const rng = mulberry32(resume ? resume.rngState : config.seed);
    const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + DROPOUT_SEED_OFFSET) : undefined;
    const steps = Math.ceil(data.nTrain / batchSize);
    const checkpointEvery = hooks.onCheckpoint ? (config.checkpointEvery ?? 0) : 0;
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
      if (badBatch || !Number.isFinite(trainLoss) || !Number.isFinite(valLoss)) {
        reason = 'non-finite-loss';
        message = nonFiniteMessage(epoch, [trainLoss, valLoss]);
        break;
      }
      const isBest = keeper.record(epoch, valLoss, params);
      const elapsedMs = now() - t0;
      tensorCounts.push(0);
      await hooks.onEpoch?.({ epoch, trainLoss, valLoss, valLogits, numTensors: 0, elapsedMs, samplesPerSec: (data.nTrain / Math.max(elapsedMs, 1e-3)) * 1000, isBest });
      if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
      if (hooks.shouldStop?.()) reason = 'user-stopped';
      if (hooks.onCheckpoint && checkpointEvery > 0 && epoch < config.epochs && reason !== 'early-stopped' && (epoch % checkpointEvery === 0 || reason === 'user-stopped')) {
        const a = adam.exportState();
        await hooks.onCheckpoint({
          epoch,
          nTrain: data.nTrain,
          weights: split(params, initial),
          optimizer: { iterations: a.step, slots: [...split(a.m, initial), ...split(a.v, initial)], accBeta: a.accBeta },
          rngState: rng.state(),
          ...(dropRng ? { dropoutRngState: dropRng.state() } : {}),
          keeper: keeper.exportState(initial),
        });
      }
    }
    keeper.restore(reason, params);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts, weights: split(params, initial), kernels: k.name, memoryBytes: memory.buffer.byteLength };
  }
}


function setFlat(dst: Float32Array, parts: Float32Array[]): void {
  let at = 0;
  for (const p of parts) {
    dst.set(p, at);
    at += p.length;
  }
}

function flat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  setFlat(out, parts);
  return out;
}

/** Copies of the flat buffer cut as `like` is: separate buffers, since checkpoints and results get transferred. */
function split(src: Float32Array, like: Float32Array[]): Float32Array[] {
  let at = 0;
  return like.map((p) => src.slice(at, (at += p.length)));
}

function checkFits(cp: TabularCheckpoint, initial: Float32Array[]): void {
  if (cp.weights.length !== initial.length || cp.weights.some((w, i) => w.length !== initial[i].length)) {
    throw new Error('the checkpoint does not fit this model: its weights have other shapes (was the model config changed?)');
  }
  if (cp.optimizer.slots.length !== 2 * initial.length) throw new Error('the checkpoint does not fit this model: its optimizer state is for other weights');
}
