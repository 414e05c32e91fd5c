import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { careerPaths } from '../../../proxy/src/demo/careers';
import { DEMO_COUNTS } from '../../../proxy/src/demo/generate';
import { buildSequenceModel } from '../models/sequence/build-model';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceModelConfig } from '../models/sequence/config';
import { sequenceMetrics } from '../models/sequence/evaluate';
import { fitSequence, type SequenceFitHooks } from '../models/sequence/fit-sequence';
import { historyFrame } from '../models/sequence/test-data';
import { prepareSequence, trainSequence } from '../models/sequence/train-sequence';
import { fitSequenceOnEngine } from './fit-sequence-engine';
import { maxRelativeError } from './test-helpers';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';

const source = { shape: 'json', idColumn: 'id', historyColumn: 'work_history' } as const;

describe('the career BiLSTM on the engine vs TF.js', () => {
  for (const shape of [
    { layers: 1, bidirectional: true, dropout: 0 },
    { layers: 2, bidirectional: true, dropout: 0 },
    { layers: 1, bidirectional: false, dropout: 0 },
    // the TF.js model's StepDropout and the engine draw their masks from the same stream
    { layers: 1, bidirectional: true, dropout: 0.3 },
  ]) {
    it(`same initial weights, same batches, 20 Adam steps: every step's loss, the validation losses and the final weights agree (≤ 1e-4) — ${shape.layers} ${shape.bidirectional ? 'BiLSTM' : 'LSTM'} layer(s), dropout ${shape.dropout}`, async () => {
      await tf.setBackend('cpu');
      const p = prepareSequence(historyFrame(careerPaths(600)), defaultSequenceData(source), 'candidates');
      const ex = p.dataset.examples;
      // 320 rows in batches of 32: 10 steps an epoch, 2 epochs
      const train = p.rows.train.slice(0, 320);
      const config: SequenceModelConfig = { ...DEFAULT_SEQUENCE_MODEL, ...shape, embeddingDim: 8, hiddenUnits: 8, batchSize: 32, epochs: 2, readsPerEpoch: 10, earlyStopping: { enabled: false, patience: 3, restoreBestWeights: false } };
      const spec = { vocabSize: p.dataset.vocab.tokens.length, config, tenureMean: p.dataset.tenure.mean, tenureStd: p.dataset.tenure.std };
      const run = () => {
        const losses: number[] = [];
        const val: number[] = [];
        const train: number[] = [];
        const hooks: SequenceFitHooks = {
          onBatch: (b) => void losses.push(b.loss),
          validate: async (_e, predict) => {
            const l = sequenceMetrics(ex, await predict(p.rows.validation), config.lossWeights, spec.tenureStd).losses.total;
            val.push(l);
            return l;
          },
          onEpoch: (e) => void train.push(e.train.title, e.train.tenure, e.train.hire),
        };
        return { losses, val, train, hooks };
      };
      const model = buildSequenceModel(spec);
      const initial = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
      const viaTf = run();
      await fitSequence(model, ex, train, spec, config, viaTf.hooks);
      const viaEngine = run();
      const e = await fitSequenceOnEngine({ vocabSize: spec.vocabSize, embeddingDim: 8, hiddenUnits: 8, layers: shape.layers, bidirectional: shape.bidirectional, dropout: shape.dropout }, initial, ex, train, spec, config, createNodeWasmKernels, viaEngine.hooks);
      expect(viaTf.losses).toHaveLength(20);
      expect(viaEngine.losses).toHaveLength(20);
      expect(maxRelativeError(viaEngine.losses, viaTf.losses)).toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(viaEngine.train, viaTf.train)).toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(viaEngine.val, viaTf.val)).toBeLessThanOrEqual(1e-4);
      model.getWeights().forEach((w, i) => expect(maxRelativeError(e.weights[i], w.dataSync()), `weight ${i} ${w.shape}`).toBeLessThanOrEqual(1e-4));
      model.dispose();
    }, 120_000);
  }

  // Early stopping is off here: with patience 3 on a validation loss that flattens out, float32
  // rounding alone (TF.js's wasm kernels vs the engine's) moves the stopping epoch by several
  // epochs (observed: 6 vs 11), which says nothing about the engines; the same number of epochs does.
  it(`a full run on the demo candidates (${DEMO_COUNTS.candidates}, the default model: BiLSTM, dropout; 10 epochs) reaches TF.js's validation top-1 within 1 point`, async () => {
    await tf.setBackend('wasm');
    const p = prepareSequence(historyFrame(careerPaths(DEMO_COUNTS.candidates)), defaultSequenceData(source), 'candidates');
    const config: SequenceModelConfig = { ...DEFAULT_SEQUENCE_MODEL, epochs: 10, earlyStopping: { enabled: false, patience: 3, restoreBestWeights: false } };
    const viaTf = await trainSequence(p, config);
    const viaEngine = await trainSequence(p, config, {}, { kind: 'kiln', kernels: createNodeWasmKernels });
    const [a, b] = [viaTf.report.validation, viaEngine.report.validation];
    console.log(`demo candidates, validation top-1: TF.js ${a.top1.toFixed(4)} (${viaTf.fit.epochsRun} epochs), engine ${b.top1.toFixed(4)} (${viaEngine.fit.epochsRun} epochs); top-5 ${a.top5.toFixed(4)} vs ${b.top5.toFixed(4)}; hire AUC ${a.hireAuc.toFixed(3)} vs ${b.hireAuc.toFixed(3)}`);
    expect(viaEngine.fit.engine?.kernels).toBe('wasm-simd');
    expect(Math.abs(b.top1 - a.top1)).toBeLessThanOrEqual(0.01);
    expect(b.top1).toBeGreaterThan(viaEngine.report.baseline.validation.top1);
    viaTf.model.dispose();
    viaEngine.model.dispose();
  }, 600_000);
});
