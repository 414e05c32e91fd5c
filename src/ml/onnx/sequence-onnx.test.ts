import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { careerPaths } from '../../../proxy/src/demo/careers';
import { expectClose } from '../../test-utils/close';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData, type SequenceModelConfig } from '../models/sequence/config';
import { saveSequenceModel } from '../models/sequence/saved-model';
import { prepareSequence, trainSequence, type PreparedSequence } from '../models/sequence/train-sequence';
import { historyFrame } from '../models/sequence/test-data';
import { sequenceToOnnx } from './sequence-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/sequence');
const N = 500;

const CASES: { name: string; config: Partial<SequenceModelConfig> }[] = [
  { name: 'bilstm-2-layers', config: { bidirectional: true, layers: 2, hiddenUnits: 12, embeddingDim: 8 } },
  { name: 'lstm-1-layer', config: { bidirectional: false, layers: 1, hiddenUnits: 16, embeddingDim: 16 } },
];

let prepared: PreparedSequence;
/** 500 examples of every prefix length present, in a fixed interleaved order */
let rows: Int32Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
  mkdirSync(EXPORT_DIR, { recursive: true });
  prepared = prepareSequence(historyFrame(careerPaths(800, 11)), { ...defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), vocab: { minFrequency: 1, maxSize: 500 } });
  const ex = prepared.dataset.examples;
  const byLen = new Map<number, number[]>();
  for (let j = 0; j < ex.n; j++) byLen.set(ex.lengths[j], [...(byLen.get(ex.lengths[j]) ?? []), j]);
  const lens = [...byLen.keys()].sort((a, b) => a - b);
  const picked: number[] = [];
  for (let i = 0; picked.length < N; i++) {
    const pool = byLen.get(lens[i % lens.length])!;
    picked.push(pool[Math.floor(i / lens.length) % pool.length]);
  }
  rows = Int32Array.from(picked);
});

describe.each(CASES)('ONNX export of the sequence model ($name) equals TF.js', (c) => {
  let session: ort.InferenceSession;
  let tfOut: { logits: Float32Array; tenure: Float32Array; hire: Float32Array };
  let vocabSize: number;

  beforeAll(async () => {
    const config = { ...DEFAULT_SEQUENCE_MODEL, ...c.config, epochs: 1, dropout: 0.2 };
    const trained = await trainSequence(prepared, config);
    const saved = await saveSequenceModel(trained.model, trained.spec);
    vocabSize = trained.spec.vocabSize;
    const bytes = sequenceToOnnx({ model: saved, vocab: prepared.dataset.vocab.tokens, abbreviations: {}, modelId: c.name, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, `${c.name}.onnx`), bytes);
    session = await ort.InferenceSession.create(bytes);
    // TF.js reference: the whole padded batch at once
    const ex = prepared.dataset.examples;
    const ids = tf.tensor2d(Int32Array.from({ length: N * ex.maxLen }, (_, i) => ex.ids[rows[Math.floor(i / ex.maxLen)] * ex.maxLen + (i % ex.maxLen)]), [N, ex.maxLen], 'int32');
    const [l, t, h] = trained.model.predict(ids) as tf.Tensor[];
    const { tenureMean, tenureStd } = trained.spec;
    tfOut = {
      logits: l.dataSync() as Float32Array,
      tenure: Float32Array.from(t.dataSync(), (z) => z * tenureStd + tenureMean),
      hire: Float32Array.from(h.dataSync(), (z) => 1 / (1 + Math.exp(-z))),
    };
    tf.dispose([ids, l, t, h]);
    trained.model.dispose();
  }, 120_000);

  const feed = (from: number, to: number, padded: boolean) => {
    const ex = prepared.dataset.examples;
    const width = padded ? ex.maxLen : ex.lengths[rows[from]];
    const data = new BigInt64Array((to - from) * width);
    for (let i = from; i < to; i++) for (let s = 0; s < width; s++) data[(i - from) * width + s] = BigInt(ex.ids[rows[i] * ex.maxLen + s]);
    return { title_ids: new ort.Tensor('int64', data, [to - from, width]) };
  };

  it('has the three named outputs, dynamic batch and sequence axes', () => {
    expect(session.inputNames).toEqual(['title_ids']);
    expect(session.outputNames).toEqual(['next_title_logits', 'tenure_months', 'hireability']);
  });

  it('batch 500 (padded, mixed lengths): all three heads within 1e-4', async () => {
    const out = await session.run(feed(0, N, true));
    const gap = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(b, (v, i) => Math.abs(a[i] - v)));
    console.log(
      `${c.name}, batch ${N}: max |ONNX − TF.js| logits ${gap(out.next_title_logits.data as Float32Array, tfOut.logits).toExponential(2)}, tenure ${gap(out.tenure_months.data as Float32Array, tfOut.tenure).toExponential(2)}, hireability ${gap(out.hireability.data as Float32Array, tfOut.hire).toExponential(2)}`,
    );
    expectClose(out.next_title_logits.data as Float32Array, tfOut.logits, 1e-4, 1e-4);
    expectClose(out.tenure_months.data as Float32Array, tfOut.tenure, 1e-4, 1e-4);
    expectClose(out.hireability.data as Float32Array, tfOut.hire, 1e-4, 1e-4);
    expect(new Set(Array.from(rows, (r) => prepared.dataset.examples.lengths[r])).size).toBeGreaterThanOrEqual(5);
  });

  it('batch 1 (each sequence unpadded, at its own length): all three heads within 1e-4', async () => {
    for (let i = 0; i < N; i++) {
      const out = await session.run(feed(i, i + 1, false));
      expectClose(out.next_title_logits.data as Float32Array, tfOut.logits.subarray(i * vocabSize, (i + 1) * vocabSize), 1e-4, 1e-4);
      expectClose(out.tenure_months.data as Float32Array, tfOut.tenure.subarray(i, i + 1), 1e-4, 1e-4);
      expectClose(out.hireability.data as Float32Array, tfOut.hire.subarray(i, i + 1), 1e-4, 1e-4);
    }
  }, 60_000);

  it('passes the official ONNX checker (full_check)', () => {
    const file = resolve(EXPORT_DIR, `${c.name}.onnx`);
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), file], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
