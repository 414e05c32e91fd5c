import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { careerPaths } from '../../../proxy/src/demo/careers';
import { sampleBytes } from '../../test-utils/fixtures';
import { parseFile } from '../data/parse-file';
import { DEFAULT_PREPROCESS, transform, type FittedPreprocess } from '../data/preprocess';
import { splitScores } from '../evaluation/held-out';
import { buildBundle } from '../onnx/bundle';
import type { TaskSpec } from '../task';
import { DEFAULT_RANKER } from './ranker/config';
import { normalizeFeatures } from './ranker/items';
import { saveRanker } from './ranker/scorer';
import { syntheticPairs, syntheticPool } from './ranker/synthetic';
import { trainRanker } from './ranker/train-ranker';
import { DEFAULT_SEQUENCE_MODEL, defaultSequenceData } from './sequence/config';
import { paritySample } from './sequence/run-result';
import { saveSequenceModel } from './sequence/saved-model';
import { historyFrame } from './sequence/test-data';
import { prepareSequence, trainSequence } from './sequence/train-sequence';
import { defaultTabularConfig, type TabularConfig } from './tabular/config';
import { logitsToScores } from './tabular/losses';
import { prepareTabular } from './tabular/prepare';
import { saveTabularModel } from './tabular/saved-model';
import { trainTabular } from './tabular/train-tabular';
import type { TfjsLayersFiles } from './tfjs-layers-export';
import { rankerTfjsFiles } from './ranker/tfjs-files';
import { sequenceTfjsFiles } from './sequence/tfjs-files';
import { tabularTfjsFiles } from './tabular/tfjs-files';

/**
 * The bundle's tfjs/ folder must be what TF.js itself reads: each case zips a bundle with
 * buildBundle, serves the unzipped files over HTTP and loads them with the stock
 * tf.loadLayersModel(url) (which follows model.json's weightsManifest to weights.bin, as a
 * browser or a service would), then compares with the studio's own predictions of the run.
 */
let server: Server;
let files: Record<string, Uint8Array> = {};
let base = '';

beforeAll(async () => {
  await tf.setBackend('cpu');
  server = createServer((req, res) => {
    const f = files[decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1))];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': req.url?.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(Buffer.from(f));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** Zips the TF.js files as an export does, unzips them and loads tfjs/model.json by URL. */
async function loadFromBundle(tfjs: TfjsLayersFiles & { 'preprocess.json'?: string }): Promise<{ model: tf.LayersModel; unzipped: Record<string, Uint8Array> }> {
  // model.onnx is not under test here; the real graphs have their own parity tests
  files = unzipSync(buildBundle({ 'model.onnx': new Uint8Array(0), 'model-card.md': '', 'metadata.json': {}, tfjs }));
  expect(Object.keys(files).filter((k) => k.startsWith('tfjs/')).sort()).toEqual(['tfjs/model.json', ...(tfjs['preprocess.json'] ? ['tfjs/preprocess.json'] : []), 'tfjs/weights.bin']);
  const json = JSON.parse(new TextDecoder().decode(files['tfjs/model.json'])) as { format: string; weightsManifest: { paths: string[] }[] };
  expect(json.format).toBe('layers-model');
  expect(json.weightsManifest.flatMap((m) => m.paths)).toEqual(['weights.bin']);
  return { model: await tf.loadLayersModel(`${base}/tfjs/model.json`), unzipped: files };
}

function maxGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

const TABULAR: { name: string; file: string; task: Omit<TaskSpec, 'features'>; model: Partial<TabularConfig> }[] = [
  { name: 'MLP binary', file: 'breast_cancer.csv', task: { target: 'diagnosis', kind: 'binary' }, model: { hiddenUnits: [16, 8], activation: 'relu', dropout: 0.1 } },
  { name: 'logistic binary', file: 'breast_cancer.csv', task: { target: 'diagnosis', kind: 'binary' }, model: { architecture: 'linear' } },
  { name: 'MLP multiclass', file: 'wine.csv', task: { target: 'cultivar', kind: 'multiclass' }, model: { hiddenUnits: [12], activation: 'tanh' } },
  { name: 'MLP regression', file: 'diabetes.csv', task: { target: 'progression', kind: 'regression' }, model: { hiddenUnits: [16], activation: 'elu' } },
  { name: 'MLP ordinal', file: 'wine.csv', task: { target: 'cultivar', kind: 'ordinal', labels: ['class_0', 'class_1', 'class_2'] }, model: { hiddenUnits: [8], activation: 'selu' } },
];

describe('tabular bundles: tfjs/model.json loads with tf.loadLayersModel and reproduces the studio’s validation predictions', () => {
  it.each(TABULAR)('$name', async (c) => {
    const frame = await parseFile(c.file, sampleBytes(c.file));
    const features = frame.columns.map((x) => x.name).filter((n) => n !== c.task.target);
    const prepared = prepareTabular(frame, { ...c.task, features }, { strategy: 'random', seed: 3, validationFraction: 0.2, testFraction: 0.1 }, DEFAULT_PREPROCESS);
    const trained = await trainTabular(prepared, { ...defaultTabularConfig(), epochs: 2, ...c.model });
    const saved = await saveTabularModel(trained.model, trained.spec);
    trained.model.dispose();
    const pred = trained.predictions;
    // what the studio shows and stores for the run: its held-out scores
    const { scores: studio } = splitScores(pred, 'validation');

    const files = await tabularTfjsFiles(saved);
    // TF.js's own layers only: Kiln's StepDropout trains, the export loads in any TF.js
    expect(files['model.json']).not.toContain('KilnStepDropout');
    if (c.model.dropout) expect(files['model.json']).toContain('"class_name":"Dropout"');
    const { model, unzipped } = await loadFromBundle({ ...files, 'preprocess.json': JSON.stringify(prepared.preprocess) });
    const pre = JSON.parse(new TextDecoder().decode(unzipped['tfjs/preprocess.json'])) as FittedPreprocess;
    const rows = pred.validation.rows;
    const x = tf.tensor2d(transform(frame, pre, rows), [rows.length, pre.featureNames.length]);
    const out = model.predict(x) as tf.Tensor;
    const logits = (await out.data()) as Float32Array;
    tf.dispose([x, out]);
    model.dispose();
    // the link the bundle's metadata documents for the network's output
    const got = logitsToScores(c.task.kind, logits, pred.classes, pred.yMean, pred.yStd);
    expect(got.length).toBe(studio.length);
    expect(maxGap(got, studio)).toBeLessThanOrEqual(c.task.kind === 'regression' ? 1e-9 * pred.yStd + 1e-4 : 1e-6);
    expect(maxGap(logits, pred.validation.logits)).toBeLessThanOrEqual(1e-6);
  }, 120_000);
});

describe('sequence bundle: the standard-Embedding model.json loads without Kiln’s custom layer and reproduces the parity sample', () => {
  it.each([
    { name: 'biLSTM, 2 layers', config: { bidirectional: true, layers: 2, hiddenUnits: 12, embeddingDim: 8 } },
    { name: 'LSTM, 1 layer', config: { bidirectional: false, layers: 1, hiddenUnits: 16, embeddingDim: 16 } },
  ])('$name', async (c) => {
    const prepared = prepareSequence(historyFrame(careerPaths(300, 11)), { ...defaultSequenceData({ shape: 'json', idColumn: 'id', historyColumn: 'work_history' }), vocab: { minFrequency: 1, maxSize: 500 } });
    const trained = await trainSequence(prepared, { ...DEFAULT_SEQUENCE_MODEL, ...c.config, epochs: 1, dropout: 0.2 });
    const saved = await saveSequenceModel(trained.model, trained.spec);
    trained.model.dispose();
    // the studio's stored outputs for the export check (padded validation examples of mixed lengths)
    const sample = paritySample(prepared.dataset.examples, trained.outputs.validation, 200);
    expect(new Set(Array.from({ length: sample.n }, (_, i) => sample.ids.subarray(i * sample.maxLen, (i + 1) * sample.maxLen).indexOf(0))).size).toBeGreaterThan(2);

    const { model, unzipped } = await loadFromBundle(await sequenceTfjsFiles(saved));
    const json = new TextDecoder().decode(unzipped['tfjs/model.json']);
    expect(json).not.toContain('KilnTitleEmbedding');
    expect(json).toContain('"class_name":"Embedding"');
    const ids = tf.tensor2d(sample.ids, [sample.n, sample.maxLen], 'int32');
    const [l, t, h] = model.predict(ids) as tf.Tensor[];
    const { tenureMean, tenureStd } = saved.spec;
    const logits = l.dataSync();
    const tenure = Float32Array.from(t.dataSync(), (z) => z * tenureStd + tenureMean);
    const hire = Float32Array.from(h.dataSync(), (z) => 1 / (1 + Math.exp(-z)));
    tf.dispose([ids, l, t, h]);
    model.dispose();
    expect(maxGap(logits, sample.logits)).toBeLessThanOrEqual(1e-5);
    expect(maxGap(tenure, sample.tenure)).toBeLessThanOrEqual(1e-4);
    expect(maxGap(hire, sample.hire)).toBeLessThanOrEqual(1e-6);
  }, 120_000);
});

describe('ranker bundle: tfjs/model.json loads with tf.loadLayersModel and gives the studio’s scores', () => {
  it.each([
    { name: 'two hidden layers', config: { hiddenUnits: 24, hiddenLayers: 2 as const } },
    { name: 'linear', config: { hiddenLayers: 0 as const } },
  ])('$name', async (c) => {
    const s = syntheticPool(200, 8, 5);
    const pool = { size: s.size, dim: 8, features: s.features, featureNames: Array.from({ length: 8 }, (_, i) => `emb_${i}`), metricCount: 0, relevance: null };
    const trained = await trainRanker(pool, syntheticPairs(s, 400, 0.1, 3), { ...DEFAULT_RANKER, ...c.config, epochs: 2, dropout: 0.2 });
    const saved = await saveRanker(trained.model, trained.spec);
    trained.model.dispose();
    const files = await rankerTfjsFiles(saved);
    expect(files['model.json']).not.toContain('KilnStepDropout');
    const { model } = await loadFromBundle(files);
    const x = tf.tensor2d(normalizeFeatures(pool.features, pool.dim, saved.spec.normalization), [pool.size, pool.dim]);
    const out = model.predict(x) as tf.Tensor;
    const got = (await out.data()) as Float32Array;
    tf.dispose([x, out]);
    model.dispose();
    expect(maxGap(got, trained.scores)).toBeLessThanOrEqual(1e-6);
  }, 120_000);
});
