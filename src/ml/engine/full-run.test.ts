import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleBytes } from '../../test-utils/fixtures';
import { parseFile } from '../data/parse-file';
import { DEFAULT_PREPROCESS } from '../data/preprocess';
import { defaultTabularConfig } from '../models/tabular/config';
import { prepareTabular } from '../models/tabular/prepare';
import { trainTabular } from '../models/tabular/train-tabular';
import type { TaskKind } from '../task';
import { createNodeWasmKernels } from './wasm/kernels-wasm-node';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CASES: { file: string; target: string; kind: TaskKind; metric: string; epochs: number }[] = [
  { file: 'breast_cancer.csv', target: 'diagnosis', kind: 'binary', metric: 'accuracy', epochs: 30 },
  { file: 'wine.csv', target: 'cultivar', kind: 'multiclass', metric: 'accuracy', epochs: 40 },
  { file: 'digits.csv', target: 'digit', kind: 'multiclass', metric: 'accuracy', epochs: 8 },
  { file: 'diabetes.csv', target: 'progression', kind: 'regression', metric: 'r2', epochs: 30 },
];

describe("a whole run on Kiln's engine reaches TF.js's validation figure (within 1 point)", () => {
  for (const c of CASES) {
    it(`${c.file}: ${c.metric}`, async () => {
      const frame = await parseFile(c.file, sampleBytes(c.file));
      const features = frame.columns.map((col) => col.name).filter((n) => n !== c.target);
      const p = prepareTabular(frame, { target: c.target, kind: c.kind, features }, { strategy: c.kind === 'regression' ? 'random' : 'stratified', seed: 7, validationFraction: 0.2, testFraction: 0.1 }, DEFAULT_PREPROCESS);
      // dropout off: TF.js draws its masks from its own generator, so only then do both engines take the same path
      const config = { ...defaultTabularConfig(), hiddenUnits: [32, 16], dropout: 0, epochs: c.epochs, learningRate: 0.01 };
      const ref = await trainTabular(p, config);
      const kiln = await trainTabular(p, config, {}, undefined, { kind: 'kiln', kernels: createNodeWasmKernels });
      const a = kiln.finalMetrics[c.metric] as number;
      const b = ref.finalMetrics[c.metric] as number;
      console.log(`${c.file}: ${c.metric} kiln ${a.toFixed(4)} vs TF.js ${b.toFixed(4)}; epochs ${kiln.fit.epochsRun} vs ${ref.fit.epochsRun}, best ${kiln.fit.bestEpoch} vs ${ref.fit.bestEpoch}`);
      expect(Math.abs(a - b)).toBeLessThanOrEqual(0.01);
      expect(kiln.fit.engine?.kernels).toBe('wasm-simd');
      ref.model.dispose();
      kiln.model.dispose();
    }, 120_000);
  }
});
