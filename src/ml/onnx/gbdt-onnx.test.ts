import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { defaultGbdtConfig } from '../models/gbdt/config';
import { fitGbdt } from '../models/gbdt/fit-gbdt';
import { predict, predictProbaMatrix, type GbdtModel } from '../models/gbdt/model';
import { syntheticTable } from '../models/gbdt/synthetic';
import { argmaxRows } from '../metrics/multiclass';
import type { TaskKind } from '../task';
import { gbdtToOnnx } from './gbdt-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/gbdt');
const ROWS = 900;
const COLS = 12;
const range = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);

type Runtime = { name: string; create: (b: Uint8Array) => Promise<{ run: (f: Record<string, unknown>) => Promise<Record<string, { data: unknown; dims: readonly number[] }>> }>; tensor: (x: Float32Array, dims: number[]) => unknown };
const runtimes: Runtime[] = [
  { name: 'onnxruntime-node', create: (b) => ortNode.InferenceSession.create(b) as never, tensor: (x, d) => new ortNode.Tensor('float32', x, d) },
  { name: 'onnxruntime-web', create: (b) => ortWeb.InferenceSession.create(b) as never, tensor: (x, d) => new ortWeb.Tensor('float32', x, d) },
];

describe.each([
  { kind: 'binary' as TaskKind, classes: 2, growth: 'depthwise' as const },
  { kind: 'multiclass' as TaskKind, classes: 4, growth: 'leafwise' as const },
  { kind: 'regression' as TaskKind, classes: 1, growth: 'depthwise' as const },
  { kind: 'ordinal' as TaskKind, classes: 8, growth: 'leafwise' as const },
])('ONNX export of a $kind GBDT ($growth) equals Kiln', ({ kind, classes, growth }) => {
  const data = syntheticTable(kind, ROWS, COLS, { seed: 11, missingRate: 0.05, classes });
  const val = range(600, ROWS);
  const xVal = data.x.slice(600 * COLS);
  let model: GbdtModel;
  let bytes: Uint8Array;

  beforeAll(async () => {
    ortWeb.env.wasm.numThreads = 1;
    mkdirSync(EXPORT_DIR, { recursive: true });
    const cfg = { ...defaultGbdtConfig(), rounds: 60, growth, maxDepth: growth === 'depthwise' ? 5 : 0, numLeaves: 24, minSamplesLeaf: 8, earlyStoppingRounds: 10, rowSubsample: 0.8, colSubsample: 0.8 };
    const fit = await fitGbdt({ x: data.x, featureNames: data.names, y: data.y, trainRows: range(0, 600), validationRows: val }, kind, classes, cfg);
    model = { ...fit.model, labels: kind === 'ordinal' ? ['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A'] : undefined };
    bytes = gbdtToOnnx({ model, modelId: `gbdt-${kind}`, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, `${kind}.onnx`), bytes);
    // the routing of missing values matters for this test: some trees must have used NaN rows
    expect(model.trees.some((t) => t.missingLeft.some((v, i) => v === 1 && t.feature[i] >= 0))).toBe(true);
  });

  for (const rt of runtimes) {
    it(`${rt.name} reproduces the validation predictions within 1e-5 (300 rows with NaNs), and batch 1`, async () => {
      const s = await rt.create(bytes);
      const out = await s.run({ input: rt.tensor(xVal, [val.length, COLS]) });
      const got = (kind === 'regression' ? out.prediction.data : out.probabilities.data) as Float32Array;
      const want = kind === 'regression' ? predict(model, xVal, val.length) : predictProbaMatrix(model, xVal, val.length);
      console.log(`${kind} ${rt.name}: largest |onnx − kiln| over ${val.length} rows = ${Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i]))).toExponential(2)}`);
      if (kind === 'regression') {
        const p = predict(model, xVal, val.length);
        expectClose(out.prediction.data as Float32Array, p, 1e-6, 1e-5);
      } else {
        const p = predictProbaMatrix(model, xVal, val.length);
        expect(out.probabilities.dims).toEqual([val.length, classes]);
        expectClose(out.probabilities.data as Float32Array, p, 0, 1e-5);
        const labels = Array.from(out.label.data as BigInt64Array, Number);
        const mine = Array.from(argmaxRows(p, classes));
        // a tie within float32 noise may flip the argmax; count, do not demand equality there
        const flips = labels.filter((l, i) => l !== mine[i]).length;
        expect(flips).toBeLessThanOrEqual(1);
      }
      const one = await s.run({ input: rt.tensor(xVal.slice(0, COLS), [1, COLS]) });
      const first = kind === 'regression' ? one.prediction : one.probabilities;
      const mine = kind === 'regression' ? predict(model, xVal.slice(0, COLS), 1) : predictProbaMatrix(model, xVal.slice(0, COLS), 1);
      expectClose(first.data as Float32Array, mine, 1e-6, 1e-5);
    });
  }

  it('passes the official ONNX checker (full_check)', () => {
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, `${kind}.onnx`)], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
