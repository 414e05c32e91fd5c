import { mulberry32 } from '../data/rng';
import { checkpointDue, type NetCheckpoint } from '../models/checkpoint';
import { BatchReads, nonFiniteMessage, type StopReason } from '../models/loop-utils';
import { StepPacer } from '../models/step-pacer';
import { batchIds, batchTargets } from '../models/sequence/batch-tensors';
import { bucketedEpoch } from '../models/sequence/batches';
import { DROPOUT_SEED_OFFSET } from '../models/sequence/build-model';
import type { SequenceModelConfig } from '../models/sequence/config';
import type { SequenceExamples } from '../models/sequence/examples';
import type { HeadLosses } from '../models/sequence/evaluate';
import { sequenceDataKey, type SequenceFitHooks, type SequenceFitResult } from '../models/sequence/fit-sequence';
import { scoreSequences, type SequenceOutputs } from '../models/sequence/predict';
import { Adam } from './adam';
import { adamOf, checkEngineCheckpoint, engineCheckpoint, setFlat, split } from './engine-checkpoint';
import type { KernelFactory } from './fit-dense';
import { FlatKeeper } from './flat-keeper';
import type { Kernels } from './kernels';
import { SequenceNet } from './sequence-net';
import type { SequenceNetSpec } from './sequence-layout';
import { onOneMemory, type Workspace } from './workspace';

/** Examples a validation pass runs at once. */
const EVAL_ROWS = 256;

export interface EngineSequenceFit extends SequenceFitResult {
  /** the trained weights, in the TF.js model's getWeights() order */
  weights: Float32Array[];
  kernels: string;
  memoryBytes: number;
}

/**
 * The sequence family's fit on Kiln's engine, with models/sequence/fit-sequence.ts's contract:
 * the same length-bucketed batches from the same seed, per-head train losses per epoch, a batch
 * loss a few times per epoch, early stopping on the validation loss `hooks.validate` returns
 * (it is handed the engine's predictor, so validation runs on the engine too), the best weights
 * restored, a NaN guard that keeps the last good weights, stop between steps, a checkpoint after
 * each epoch that `resume` continues from (epochs numbered on from it). Starts from `initial` (the
 * TF.js model's weights) and returns the trained ones.
 */
export async function fitSequenceOnEngine(
  spec: SequenceNetSpec,
  initial: Float32Array[],
  ex: SequenceExamples,
  trainRows: Int32Array,
  norm: { tenureMean: number; tenureStd: number },
  config: SequenceModelConfig,
  makeKernels: KernelFactory,
  hooks: SequenceFitHooks,
  resume?: NetCheckpoint,
): Promise<EngineSequenceFit> {
  if (trainRows.length === 0) throw new Error('no training examples: every entity falls after the validation cut, or no history is longer than the minimum prefix');
  const dataKey = sequenceDataKey(ex, trainRows);
  if (resume) checkEngineCheckpoint(resume, initial, trainRows.length, dataKey);
  const now = hooks.now ?? (() => performance.now());
  const batchSize = Math.min(config.batchSize, trainRows.length);
  const size = initial.reduce((s, w) => s + w.length, 0);
  const plan = (ws: Workspace, k: Kernels) => {
    const net = new SequenceNet(spec, k, Math.max(2, ex.maxLen), Math.max(batchSize, EVAL_ROWS), ws);
    if (net.layout.size !== size) throw new Error(`the model has ${size} weights, the engine's career net ${net.layout.size}`);
    return { net, params: ws.alloc(size), grad: ws.alloc(size), keeper: new FlatKeeper(ws, size, config.earlyStopping.restoreBestWeights), adam: new Adam(k, size, ws, { learningRate: config.learningRate }) };
  };
  return onOneMemory(plan, makeKernels, train);

  async function train({ net, params, grad, keeper, adam }: ReturnType<typeof plan>, k: Kernels, memory: WebAssembly.Memory): Promise<EngineSequenceFit> {
    setFlat(params, resume ? resume.weights : initial);
    if (resume) adam.importState(adamOf(resume, initial.length));
    keeper.start(params);
    if (resume) keeper.importState(resume.keeper, params, resume.epoch);

    // validation on the engine, placed as TF.js's predictor places its outputs
    const predict = (rows: Int32Array): Promise<SequenceOutputs> =>
      scoreSequences(ex, rows, spec.vocabSize, norm.tenureMean, norm.tenureStd, net.maxBatch, async (ids, b) => {
        net.forward(params, ids, b.size, b.steps);
        return { logits: net.logits, tenure: net.tenure, hire: net.hire };
      });

    const rng = mulberry32(resume ? resume.rngState : config.seed);
    // the stream the TF.js model's StepDropout draws from: both engines drop the same units
    const dropRng = spec.dropout > 0 ? mulberry32(resume?.dropoutRngState ?? config.seed + DROPOUT_SEED_OFFSET) : undefined;
    // a checkpoint whose patience has run out (config edited since) must not train on
    let reason: StopReason = resume && keeper.patienceRunOut(config.earlyStopping) ? 'early-stopped' : 'completed';
    let message: string | undefined;
    let epochsRun = resume?.epoch ?? 0;
    let midEpoch = false;
    // an epoch's batches are ceil(rows / batch size) chunks, whatever their lengths
    const stepsPerEpoch = Math.ceil(trainRows.length / batchSize);
    let globalStep = epochsRun * stepsPerEpoch;
    const reads = new BatchReads({ stepsPerEpoch, readsPerEpoch: config.readsPerEpoch, totalSteps: config.epochs * stepsPerEpoch, startGlobalStep: globalStep, now });
    const pacer = new StepPacer({ intervalMs: hooks.pauseEveryMs, now });
    const noSync = () => Promise.resolve();
    hooks.onStage?.('first-step');

    for (let epoch = epochsRun + 1; epoch <= config.epochs && reason === 'completed'; epoch++) {
      const t0 = now();
      pacer.reset();
      const { order, batches } = bucketedEpoch(trainRows, ex.lengths, batchSize, rng);
      const sums = [0, 0, 0];
      let seen = 0;
      let bad = false;
      for (let s = 0; s < batches.length; s++) {
        if (hooks.shouldStop?.()) {
          reason = 'user-stopped';
          midEpoch = s > 0;
          break;
        }
        const b = batches[s];
        net.forward(params, batchIds(ex, order, b), b.size, b.steps, dropRng);
        const parts = net.backward(params, grad, batchTargets(ex, order, b, norm.tenureMean, norm.tenureStd), config.lossWeights);
        adam.step(params, grad);
        if (!Number.isFinite(parts.total)) bad = true;
        sums[0] += parts.title * b.size;
        sums[1] += parts.tenure * b.size;
        sums[2] += parts.hire * b.size;
        seen += b.size;
        globalStep++;
        if (reads.step(s, b.size, batches.length)) hooks.onBatch?.(reads.report({ epoch, step: s + 1, globalStep, samples: reads.mark() }, parts.total, batches.length));
        await pacer.step(noSync);
      }
      if (reason === 'user-stopped') break;
      epochsRun = epoch;
      const [title, tenure, hire] = sums.map((v) => v / seen);
      const train: HeadLosses = { title, tenure, hire, total: title + config.lossWeights.tenure * tenure + config.lossWeights.hire * hire };
      const valLoss = await hooks.validate(epoch, predict);
      if (bad || !Number.isFinite(train.total) || !Number.isFinite(valLoss)) {
        reason = 'non-finite-loss';
        message = nonFiniteMessage(epoch, [train.total, valLoss]);
        break;
      }
      const isBest = keeper.record(epoch, valLoss, params);
      const elapsedMs = now() - t0;
      await hooks.onEpoch?.({ epoch, train, valLoss, isBest, elapsedMs, samplesPerSec: (seen / Math.max(elapsedMs, 1e-3)) * 1000, numTensors: 0 });
      if (keeper.patienceRunOut(config.earlyStopping)) reason = 'early-stopped';
      if (hooks.shouldStop?.()) reason = 'user-stopped';
      if (hooks.onCheckpoint && checkpointDue(1, epoch, config.epochs, reason === 'early-stopped', reason === 'user-stopped')) {
        await hooks.onCheckpoint(engineCheckpoint({ epoch, nTrain: trainRows.length, dataKey, params, initial, adam: adam.exportState(), rng, dropRng, keeper }));
      }
    }
    const restored = keeper.restore(reason, params);
    const keptEpoch = restored ?? (midEpoch || epochsRun === 0 ? null : epochsRun);
    const weights = split(params, initial);
    return { reason, epochsRun, bestEpoch: keeper.bestEpoch, bestValLoss: keeper.bestValLoss, message, tensorCounts: [], keptEpoch, weights, kernels: k.name, memoryBytes: memory.buffer.byteLength };
  }
}
