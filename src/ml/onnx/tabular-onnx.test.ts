import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBytes } from '../../test-utils/fixtures';
import { applyCalibrator, fitCalibrator, type CalibratorJson } from '../calibration/calibrator';
import type { Column, Frame } from '../data/frame';
import { parseFile } from '../data/parse-file';
import { DEFAULT_PREPROCESS, transform } from '../data/preprocess';
import { defaultTabularConfig, type TabularConfig } from '../models/tabular/config';
import { logitsToScores } from '../models/tabular/losses';
import { prepareTabular, type PreparedTabular } from '../models/tabular/prepare';
import { saveTabularModel } from '../models/tabular/saved-model';
import { predictLogits } from '../models/tabular/train-loop';
import { trainTabular } from '../models/tabular/train-tabular';
import type { TaskSpec } from '../task';
import { rawFeeds } from './raw-feeds';
import { tabularToOnnx } from './tabular-onnx';

/** Exports land here for the ONNX checker (scripts/check-onnx.py) to read. */
export const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports');

interface Case {
  name: string;
  file: string;
  task: Omit<TaskSpec, 'features'>;
  model: Partial<TabularConfig>;
  calibrator?: 'isotonic' | 'platt' | 'temperature';
}

const CASES: Case[] = [
  { name: 'logistic-binary', file: 'breast_cancer.csv', task: { target: 'diagnosis', kind: 'binary' }, model: { architecture: 'linear' }, calibrator: 'isotonic' },
  { name: 'mlp-binary', file: 'breast_cancer.csv', task: { target: 'diagnosis', kind: 'binary' }, model: { hiddenUnits: [16, 8], activation: 'relu' }, calibrator: 'platt' },
  { name: 'mlp-multiclass', file: 'wine.csv', task: { target: 'cultivar', kind: 'multiclass' }, model: { hiddenUnits: [12], activation: 'tanh' }, calibrator: 'temperature' },
  { name: 'mlp-regressor', file: 'diabetes.csv', task: { target: 'progression', kind: 'regression' }, model: { hiddenUnits: [16], activation: 'elu' } },
  { name: 'mlp-ordinal', file: 'wine.csv', task: { target: 'cultivar', kind: 'ordinal', labels: ['class_0', 'class_1', 'class_2'] }, model: { hiddenUnits: [8], activation: 'selu' } },
];

/** 1,000 rows by cycling the dataset's rows (the datasets are smaller than that). */
const rowsOf = (frame: Frame, n = 1000) => Int32Array.from({ length: n }, (_, i) => i % frame.rowCount);

async function onnxRun(session: ort.InferenceSession, feeds: { numeric: Float32Array; categorical: string[] }, nNum: number, nCat: number, from: number, to: number): Promise<Record<string, ort.Tensor>> {
  const n = to - from;
  const input: Record<string, ort.Tensor> = {};
  if (nNum) input.numeric = new ort.Tensor('float32', feeds.numeric.slice(from * nNum, to * nNum), [n, nNum]);
  if (nCat) input.categorical = new ort.Tensor('string', feeds.categorical.slice(from * nCat, to * nCat), [n, nCat]);
  return session.run(input);
}

/** Runs all rows through the session in batches of `batch`, concatenating one output. */
async function onnxOutput(session: ort.InferenceSession, feeds: { numeric: Float32Array; categorical: string[] }, nNum: number, nCat: number, rows: number, batch: number, output: string): Promise<Float64Array> {
  const parts: number[] = [];
  for (let s = 0; s < rows; s += batch) {
    const r = await onnxRun(session, feeds, nNum, nCat, s, Math.min(rows, s + batch));
    parts.push(...Array.from(r[output].data as Float32Array | Float64Array));
  }
  return Float64Array.from(parts);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
  mkdirSync(EXPORT_DIR, { recursive: true });
});

describe.each(CASES)('ONNX export of $name equals TF.js', (c) => {
  let frame: Frame;
  let prepared: PreparedTabular;
  let session: ort.InferenceSession;
  let tfScores: Float64Array;
  let tfLogits: Float32Array;
  let feeds: { numeric: Float32Array; categorical: string[] };
  let calibrator: CalibratorJson | undefined;
  const rows = 1000;

  beforeAll(async () => {
    frame = await parseFile(c.file, sampleBytes(c.file));
    const features = frame.columns.map((x) => x.name).filter((n) => n !== c.task.target);
    prepared = prepareTabular(frame, { ...c.task, features }, { strategy: 'random', seed: 3, validationFraction: 0.2, testFraction: 0.1 }, DEFAULT_PREPROCESS);
    const config = { ...defaultTabularConfig(), epochs: 3, ...c.model };
    const trained = await trainTabular(prepared, config);
    const idx = rowsOf(frame, rows);
    const x = tf.tensor2d(transform(frame, prepared.preprocess, idx), [rows, prepared.arrays.inputDim]);
    const logitsT = predictLogits(trained.model, x);
    tfLogits = (await logitsT.data()) as Float32Array;
    tf.dispose([x, logitsT]);
    tfScores = logitsToScores(c.task.kind, tfLogits, prepared.classes, prepared.yMean, prepared.yStd);
    if (c.calibrator) {
      const v = trained.predictions.validation;
      const scores = c.calibrator === 'isotonic' ? logitsToScores('binary', v.logits, 2) : v.logits;
      calibrator = fitCalibrator(c.calibrator, { y: v.y, scores, classes: prepared.classes }, { rows: v.y.length, split: 'validation', created_at: '2026-01-01T00:00:00Z' }, { plattInput: 'logit' });
    }
    const bytes = tabularToOnnx({
      model: await saveTabularModel(trained.model, trained.spec),
      preprocess: prepared.preprocess,
      labels: prepared.labels,
      classes: prepared.classes,
      yMean: prepared.yMean,
      yStd: prepared.yStd,
      calibrator,
      modelId: `test_${c.name}_v1.0`,
      kilnVersion: '0.1.0',
      createdAt: '2026-01-01T00:00:00Z',
    });
    writeFileSync(resolve(EXPORT_DIR, `${c.name}.onnx`), bytes);
    trained.model.dispose();
    session = await ort.InferenceSession.create(bytes);
    feeds = rawFeeds(frame, prepared.preprocess, idx);
  }, 120_000);

  it.each([1, 7, 1000])('raw features in, same outputs out, batch size %i', async (batch) => {
    const nNum = prepared.preprocess.steps.filter((s) => s.kind === 'numeric').length;
    const out = c.task.kind === 'regression' ? 'prediction' : 'probabilities';
    let got = await onnxOutput(session, feeds, nNum, 0, rows, batch, out);
    // binary: the studio's score is P(positive), the graph's second probability column
    if (c.task.kind === 'binary') got = got.filter((_, j) => j % 2 === 1);
    let want = tfScores.subarray(0, got.length);
    if (c.task.kind === 'regression') {
      // Both networks compute in float32, whose spacing at the diabetes targets (~300) is 3e-5:
      // 1e-5 absolute is checked on the network's own (standardized) output instead.
      const z = (v: number) => (v - prepared.yMean) / prepared.yStd;
      got = got.map(z);
      want = want.map(z);
    }
    expect(maxAbsDiff(got, want)).toBeLessThanOrEqual(1e-5);
  });

  it('the label output is the argmax class (binary: P(positive) ≥ 0.5 by default); the calibrated output equals applyCalibrator', async () => {
    if (c.task.kind === 'regression') {
      expect(session.outputNames).toEqual(['prediction']);
      return;
    }
    const nNum = prepared.preprocess.steps.filter((s) => s.kind === 'numeric').length;
    const r = await onnxRun(session, feeds, nNum, 0, 0, rows);
    const probs = r.probabilities.data as Float32Array;
    const k = prepared.classes;
    const labels = Array.from(r.label.data as BigInt64Array, Number);
    // binary: P(positive) ≥ the threshold (0.5 when none is given); otherwise the argmax class
    if (c.task.kind === 'binary') labels.forEach((l, i) => expect(l).toBe(probs[i * 2 + 1] >= 0.5 ? 1 : 0));
    else labels.forEach((l, i) => expect(probs[i * k + l]).toBe(Math.max(...probs.subarray(i * k, (i + 1) * k))));
    if (!calibrator) return;
    const cal = Float64Array.from(r.probabilities_calibrated.data as Float32Array);
    let expected: Float64Array;
    if (calibrator.method === 'isotonic') {
      // the calibrator maps the graph's own P(positive)
      const p1 = Float64Array.from({ length: rows }, (_, i) => probs[i * 2 + 1]);
      const after = applyCalibrator(calibrator, p1);
      expected = Float64Array.from({ length: rows * 2 }, (_, j) => (j % 2 ? after[j >> 1] : 1 - after[j >> 1]));
    } else if (calibrator.method === 'platt') {
      const after = applyCalibrator(calibrator, tfLogits);
      expected = Float64Array.from({ length: rows * 2 }, (_, j) => (j % 2 ? after[j >> 1] : 1 - after[j >> 1]));
    } else {
      expected = applyCalibrator(calibrator, tfLogits);
    }
    expect(maxAbsDiff(cal, expected)).toBeLessThanOrEqual(1e-6);
  });
});

describe('raw inputs with a categorical string column', () => {
  it('gives the studio pipeline’s predictions from unscaled numbers and category strings (missing and unseen included)', async () => {
    const n = 300;
    const cities = ['Lagos', 'Lima', 'Oslo', 'Pune', 'Quito'];
    let s = 7;
    const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
    const x1 = Float64Array.from({ length: n }, (_, i) => (i % 17 === 0 ? NaN : 1000 + rnd() * 5000));
    const x2 = Float64Array.from({ length: n }, () => rnd() * 0.01);
    const city = Array.from({ length: n }, (_, i) => (i % 23 === 0 ? null : cities[Math.floor(rnd() * cities.length)]));
    const y = Array.from({ length: n }, (_, i) => ((Number.isNaN(x1[i]) ? 3000 : x1[i]) > 3500 || city[i] === 'Oslo' ? 'yes' : 'no'));
    const frame: Frame = {
      rowCount: n,
      columns: [
        { name: 'salary', dtype: 'numeric', values: x1 },
        { name: 'ratio', dtype: 'numeric', values: x2 },
        { name: 'city', dtype: 'categorical', values: city },
        { name: 'hired', dtype: 'categorical', values: y },
      ],
    };
    const prepared = prepareTabular(frame, { target: 'hired', kind: 'binary', features: ['salary', 'ratio', 'city'] }, { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 }, { ...DEFAULT_PREPROCESS, maxCategories: 3 });
    const trained = await trainTabular(prepared, { ...defaultTabularConfig(), epochs: 5, hiddenUnits: [8] });
    // the test frame adds a city never seen in training
    const test: Frame = {
      rowCount: n,
      columns: frame.columns.map((col): Column => (col.name === 'city' ? { name: 'city', dtype: 'categorical', values: city.map((v, i) => (i % 31 === 5 ? 'Atlantis' : v)) } : col)),
    };
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const x = tf.tensor2d(transform(test, prepared.preprocess, idx), [n, prepared.arrays.inputDim]);
    const logits = predictLogits(trained.model, x);
    const studio = logitsToScores('binary', (await logits.data()) as Float32Array, 2);
    tf.dispose([x, logits]);
    const bytes = tabularToOnnx({ model: await saveTabularModel(trained.model, trained.spec), preprocess: prepared.preprocess, labels: prepared.labels, classes: 2, yMean: 0, yStd: 1, modelId: 'raw_v1.0', kilnVersion: '0.1.0', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, 'raw-categorical.onnx'), bytes);
    trained.model.dispose();
    const session = await ort.InferenceSession.create(bytes);
    expect(session.inputNames).toEqual(['numeric', 'categorical']);
    const feeds = rawFeeds(test, prepared.preprocess, idx);
    expect(feeds.categorical).toContain('Atlantis');
    expect(feeds.categorical).toContain('');
    const r = await session.run({ numeric: new ort.Tensor('float32', feeds.numeric, [n, 2]), categorical: new ort.Tensor('string', feeds.categorical, [n, 1]) });
    const p1 = Float64Array.from({ length: n }, (_, i) => (r.probabilities.data as Float32Array)[i * 2 + 1]);
    expect(maxAbsDiff(p1, studio)).toBeLessThanOrEqual(1e-5);
  }, 60_000);
});

// Runs after the exports above (describe blocks in one file run in order).
describe('the official ONNX checker', () => {
  it('accepts every exported model (onnx.checker.check_model, full_check=True)', () => {
    const files = readdirSync(EXPORT_DIR).filter((f) => f.endsWith('.onnx')).map((f) => resolve(EXPORT_DIR, f));
    expect(files.length).toBeGreaterThanOrEqual(CASES.length + 1);
    // Debian's python3-onnx serves /usr/bin/python3 (.ci/run installs it); KILN_PYTHON points elsewhere
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), ...files], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
    expect(r.stdout.match(/^ok /gm)?.length).toBe(files.length);
  });
});
