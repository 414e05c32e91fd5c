import type * as tf from '@tensorflow/tfjs';
import type { Frame } from '../../data/frame';
import { sequenceToOnnx } from '../../onnx/sequence-onnx';
import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../checkpoint';
import type { ModelFamily, Outputs } from '../family';
import type { SequenceModelSpec } from './build-model';
import { checkSequenceModelConfig } from './config';
import { defaultSequenceSetup, guessHistorySource, type SequenceSetup } from './defaults';
import { sequenceMetrics } from './evaluate';
import { predictSequences, type SequenceOutputs } from './predict';
import { loadSequenceModel, saveSequenceModel, type SavedSequenceModel } from './saved-model';
import { flatMetrics, prepareSequence, trainSequence, type PreparedSequence } from './train-sequence';
import { sequenceSearch } from './search';
import { oneTable, requireColumns } from '../../recipe/table-inputs';

export interface SequenceInput {
  frame: Frame;
  source: string;
}

export interface SequenceModel {
  net: tf.LayersModel;
  spec: SequenceModelSpec;
}

const NO_HISTORIES = 'needs a JSON work-history column, or title + start/end date columns';

function validationOutputs(m: SequenceModel, p: PreparedSequence): Promise<SequenceOutputs> {
  return predictSequences(m.net, p.dataset.examples, p.rows.validation, m.spec.vocabSize, m.spec.tenureMean, m.spec.tenureStd);
}

/** The three heads as the ONNX graph names them: next-title logits, tenure in months, P(hireable). */
function graphOutputs(o: SequenceOutputs): Outputs {
  return { next_title_logits: o.logits, tenure_months: o.tenure, hireability: Float32Array.from(o.hireLogit, (z) => 1 / (1 + Math.exp(-z))) };
}

/** The career model: an embedding of past titles into a (Bi)LSTM, heads for next title, tenure and hireability. */
export const sequenceFamily: ModelFamily<SequenceInput, SequenceSetup, PreparedSequence, SequenceModel, SavedSequenceModel, NetCheckpoint> = {
  id: 'sequence',
  title: 'Career sequence',
  detail: 'next title, tenure, hireability',
  unit: 'epoch',
  fits: (data) => (guessHistorySource(data.columns) ? { ok: true } : { ok: false, reason: NO_HISTORIES }),
  defaults(data) {
    const setup = defaultSequenceSetup(data.columns);
    if (!setup) throw new Error(`${data.name} ${NO_HISTORIES}`);
    return setup;
  },
  validate(c) {
    try {
      checkSequenceModelConfig(c.model);
      return [];
    } catch (e) {
      return [e instanceof Error ? e.message : String(e)];
    }
  },
  prepare: (input, c) => prepareSequence(input.frame, c.data, input.source),
  async fit(p, c, hooks, options = {}) {
    const engine = options.engine?.kind === 'kiln-webgpu' ? undefined : options.engine;
    const trained = await trainSequence(
      p,
      c.model,
      {
        onStage: hooks.onStage,
        onBatch: hooks.onBatch,
        shouldStop: hooks.shouldStop,
        onCheckpoint: hooks.onCheckpoint,
        onEpoch: (e) => hooks.onEpoch?.({ epoch: e.epoch, trainLoss: e.train.total, valLoss: e.val.total, metrics: e.valMetrics, isBest: e.isBest, elapsedMs: e.elapsedMs }),
      },
      engine,
      options.resume,
    );
    const { reason, epochsRun, bestEpoch, message } = trained.fit;
    return { model: { net: trained.model, spec: trained.spec }, reason, epochsRun, bestEpoch, message };
  },
  predict: async (m, p) => graphOutputs(await validationOutputs(m, p)),
  async evaluate(m, p) {
    const o = await validationOutputs(m, p);
    return flatMetrics(sequenceMetrics(p.dataset.examples, o, m.spec.config.lossWeights, m.spec.tenureStd));
  },
  save: (m) => saveSequenceModel(m.net, m.spec),
  load: (saved) => ({ net: loadSequenceModel(saved), spec: saved.spec }),
  dispose: (m) => m.net.dispose(),
  async toOnnx(m, p, meta) {
    const model = await saveSequenceModel(m.net, m.spec);
    return { model: sequenceToOnnx({ model, vocab: p.dataset.vocab.tokens, abbreviations: {}, ...meta }), files: {} };
  },
  onnxFeeds(_m, p) {
    const ex = p.dataset.examples;
    const rows = p.rows.validation;
    const data = new BigInt64Array(rows.length * ex.maxLen);
    rows.forEach((r, i) => {
      for (let s = 0; s < ex.maxLen; s++) data[i * ex.maxLen + s] = BigInt(ex.ids[r * ex.maxLen + s]);
    });
    return { title_ids: { type: 'int64', data, dims: [rows.length, ex.maxLen] } };
  },
  engines: { supported: true, webgpu: false },
  calibration: { supported: false, reason: 'The career model has three heads (next title, tenure, hireability); the studio calibrates none of them yet, so a recipe names no calibrator for it.' },
  studyOf: {
    base: (c) => c.model,
    input: (i, c) => ({ frame: i.frame, data: c.data, sourceName: i.source }),
    join: (c, base) => ({ ...c, model: base as SequenceSetup['model'] }),
  },
  tables: {
    ...oneTable<SequenceInput>((t) => ({ frame: t.frame, source: t.name }), 'the table of work histories'),
    input(tables, config) {
      const s = (config as SequenceSetup).data.source;
      requireColumns(tables.data, s.shape === 'json' ? [s.idColumn, s.historyColumn] : [s.idColumn, s.titleColumn, s.startColumn, s.endColumn], 'config.data.source');
      return { frame: tables.data.frame, source: tables.data.name };
    },
  },
  search: sequenceSearch,
  checkpoints: { supported: true, epochOf: (cp) => cp.epoch, bytes: checkpointBytes, transferables: checkpointTransferables },
  cv: { supported: false, reason: 'The career model is evaluated on a temporal cut (train on histories before it, validate after); shuffled folds would leak the future into training.' },
  modelArtifacts: ['sequence-model', 'sequence-result'],
  report: [
    { id: 'curves', title: 'Training curves per head' },
    { id: 'data', title: 'Histories, vocabulary and leakage' },
    { id: 'heads', title: 'Next title, tenure and hireability' },
  ],
};
