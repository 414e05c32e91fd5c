import { careerPaths } from '../proxy/src/demo/careers';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData } from '../src/ml/models/sequence/config';
import { historyFrame } from '../src/ml/models/sequence/test-data';
import { prepareSequence } from '../src/ml/models/sequence/train-sequence';
import { runPythonPeer, type PeerResult } from './python-peer';

/**
 * The career BiLSTM bench in PyTorch: the examples Kiln's sequence bench worker trains on (the
 * same demo career paths through the same preparation), the same model, loss, batch size, epochs,
 * learning rate and per-epoch validation, at each thread count. Returns samples/s per repetition.
 */
export function torchBilstm(o: { candidates: number; batchSize: number; hiddenUnits: number; epochs: number; reps: number; threads: number[] }): PeerResult {
  const p = prepareSequence(historyFrame(careerPaths(o.candidates)), defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), 'candidates');
  const ex = p.dataset.examples;
  const { mean, std } = p.dataset.tenure;
  return runPythonPeer('torch_bilstm_peer.py', (file) => {
    const split = (prefix: string, rows: Int32Array) => {
      const ids = new Int32Array(rows.length * ex.maxLen);
      rows.forEach((r, i) => ids.set(ex.ids.subarray(r * ex.maxLen, (r + 1) * ex.maxLen), i * ex.maxLen));
      const months = Float32Array.from(rows, (r) => ex.tenureMonths[r]);
      return {
        [`${prefix}Ids`]: file(`${prefix}-ids.i32`, ids),
        [`${prefix}Len`]: file(`${prefix}-len.i32`, Int32Array.from(rows, (r) => ex.lengths[r])),
        [`${prefix}Title`]: file(`${prefix}-title.i32`, Int32Array.from(rows, (r) => ex.nextTitle[r])),
        [`${prefix}Tenure`]: file(`${prefix}-tenure.f32`, months.map((m) => (Number.isNaN(m) ? 0 : (m - mean) / std))),
        [`${prefix}Mask`]: file(`${prefix}-mask.f32`, months.map((m) => (Number.isNaN(m) ? 0 : 1))),
        [`${prefix}Hire`]: file(`${prefix}-hire.f32`, Float32Array.from(rows, (r) => ex.hire[r])),
      };
    };
    const c = DEFAULT_SEQUENCE_MODEL;
    return { ...split('train', p.rows.train), ...split('val', p.rows.validation), maxLen: ex.maxLen, vocabSize: p.dataset.vocab.tokens.length, embeddingDim: c.embeddingDim, hiddenUnits: o.hiddenUnits, dropout: c.dropout, lossWeights: c.lossWeights, learningRate: c.learningRate, batchSize: o.batchSize, epochs: o.epochs, reps: o.reps, threads: o.threads };
  });
}
