import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBytes } from '../../test-utils/fixtures';
import { parseFile } from '../data/parse-file';
import { DEFAULT_PREPROCESS } from '../data/preprocess';
import { defaultGbdtConfig } from '../models/gbdt/config';
import { fitGbdt } from '../models/gbdt/fit-gbdt';
import { predictProbaMatrix } from '../models/gbdt/model';
import { syntheticTable } from '../models/gbdt/synthetic';
import { defaultTabularConfig } from '../models/tabular/config';
import { prepareTabular } from '../models/tabular/prepare';
import { saveTabularModel } from '../models/tabular/saved-model';
import { trainTabular } from '../models/tabular/train-tabular';
import { gbdtToOnnx } from './gbdt-onnx';
import { rawFeeds } from './raw-feeds';
import { tabularToOnnx } from './tabular-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/threshold');

/** The metadata_props of an ONNX file, read with Python's onnx (the reader a service would use). */
function metadataOf(path: string): Record<string, string> {
  const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', ['-c', 'import onnx,sys,json; m=onnx.load(sys.argv[1]); print(json.dumps({p.key: p.value for p in m.metadata_props}))', path], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, string>;
}

function checker(path: string): void {
  const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), path], { encoding: 'utf8' });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
  mkdirSync(EXPORT_DIR, { recursive: true });
});

describe('the exported label output uses the run’s decision threshold', () => {
  it('GBDT binary: label = P(positive) ≥ threshold at 0.3, 0.5 and 0.8; metadata carries it; the checker accepts it', async () => {
    const data = syntheticTable('binary', 500, 6, { seed: 4 });
    const rows = Int32Array.from({ length: 500 }, (_, i) => i);
    const fit = await fitGbdt({ x: data.x, featureNames: data.names, y: data.y, trainRows: rows.subarray(0, 400), validationRows: rows.subarray(400) }, 'binary', 2, { ...defaultGbdtConfig(), rounds: 30, maxDepth: 3 });
    const probs = predictProbaMatrix(fit.model, data.x, 500);
    const seen = new Set<string>();
    for (const threshold of [0.3, 0.5, 0.8]) {
      const bytes = gbdtToOnnx({ model: fit.model, threshold, modelId: 'gbdt-threshold', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
      const path = resolve(EXPORT_DIR, `gbdt-${threshold}.onnx`);
      writeFileSync(path, bytes);
      checker(path);
      expect(metadataOf(path).decision_threshold).toBe(String(threshold));
      const s = await ort.InferenceSession.create(bytes);
      expect(s.outputNames).toEqual(['label', 'probabilities']);
      const out = await s.run({ input: new ort.Tensor('float32', data.x, [500, 6]) });
      const p = out.probabilities.data as Float32Array;
      const labels = Array.from(out.label.data as BigInt64Array, Number);
      labels.forEach((l, i) => expect(l).toBe(p[i * 2 + 1] >= Math.fround(threshold) ? 1 : 0));
      seen.add(labels.join(''));
      // Kiln's own probabilities, so the rule is the studio's rule on the same numbers
      expect(Math.abs(p[1] - probs[1])).toBeLessThan(1e-5);
    }
    // three thresholds, three different labelings: the threshold really reaches the graph
    expect(seen.size).toBe(3);
  });

  it('tabular binary (breast cancer): label follows the threshold and the metadata carries it', async () => {
    const frame = await parseFile('breast_cancer.csv', sampleBytes('breast_cancer.csv'));
    const features = frame.columns.map((c) => c.name).filter((n) => n !== 'diagnosis');
    const prepared = prepareTabular(frame, { target: 'diagnosis', kind: 'binary', features }, { strategy: 'random', seed: 3, validationFraction: 0.2, testFraction: 0.1 }, DEFAULT_PREPROCESS);
    const trained = await trainTabular(prepared, { ...defaultTabularConfig(), epochs: 2 });
    const saved = await saveTabularModel(trained.model, trained.spec);
    trained.model.dispose();
    const rows = Int32Array.from({ length: frame.rowCount }, (_, i) => i);
    const feeds = rawFeeds(frame, prepared.preprocess, rows);
    const nNum = prepared.preprocess.steps.filter((s) => s.kind === 'numeric').length;
    for (const threshold of [0.2, 0.9]) {
      const bytes = tabularToOnnx({ model: saved, preprocess: prepared.preprocess, labels: prepared.labels, classes: 2, yMean: 0, yStd: 1, threshold, modelId: 't', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
      const path = resolve(EXPORT_DIR, `tabular-${threshold}.onnx`);
      writeFileSync(path, bytes);
      checker(path);
      const m = metadataOf(path);
      expect(m.decision_threshold).toBe(String(threshold));
      expect(m.decision_threshold_rule).toContain('probabilities[:, 1] >= decision_threshold');
      const s = await ort.InferenceSession.create(bytes);
      const out = await s.run({ numeric: new ort.Tensor('float32', feeds.numeric, [rows.length, nNum]) });
      const p = out.probabilities.data as Float32Array;
      const labels = Array.from(out.label.data as BigInt64Array, Number);
      labels.forEach((l, i) => expect(l).toBe(p[i * 2 + 1] >= Math.fround(threshold) ? 1 : 0));
    }
  }, 120_000);
});
