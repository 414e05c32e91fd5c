import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { createNodeWasmKernels } from '../engine/wasm/kernels-wasm-node';
import { defaultSectionsConfig, type SectionsConfig } from '../models/sections/config';
import { generatePostings, generateSectionExamples } from '../models/sections/generate-postings';
import { sectionLogits, sectionProbabilities, type SectionsModel } from '../models/sections/model';
import { splitSections } from '../models/sections/classify';
import { fitSections, prepareSections } from '../models/sections/train';
import { tokenVocabulary } from '../text/token-ids';
import type { Int64Feed } from './matcher-onnx';
import { encodeSectionsBatch, SECTIONS_INPUT, sectionsToOnnx, sectionsVocabJson } from './sections-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/sections');

type Out = Record<string, { data: unknown; dims: readonly number[] }>;
type Runtime = { name: string; create: (b: Uint8Array) => Promise<{ inputNames: readonly string[]; outputNames: readonly string[]; run: (f: Record<string, unknown>) => Promise<Out> }>; tensor: (f: Int64Feed) => unknown };
const runtimes: Runtime[] = [
  { name: 'onnxruntime-node', create: (b) => ortNode.InferenceSession.create(b) as never, tensor: (f) => new ortNode.Tensor('int64', f.data, f.dims) },
  { name: 'onnxruntime-web', create: (b) => ortWeb.InferenceSession.create(b) as never, tensor: (f) => new ortWeb.Tensor('int64', f.data, f.dims) },
];
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

const CASES: { name: string; edit: (c: SectionsConfig) => void }[] = [
  { name: 'logistic', edit: () => {} },
  { name: 'mlp-relu', edit: (c) => Object.assign(c.model, { kind: 'mlp', hidden: [32], activation: 'relu' }) },
  { name: 'mlp-tanh-2-layers-raw-tf', edit: (c) => (Object.assign(c.model, { kind: 'mlp', hidden: [24, 12], activation: 'tanh' }), (c.tfidf.sublinearTf = false)) },
  // no temperature: the graph has no Div; a pruned vocabulary with 1–3-grams
  { name: 'logistic-uncalibrated-1-3-grams', edit: (c) => ((c.model.calibrate = false), Object.assign(c.tfidf, { ngramRange: [1, 3], maxFeatures: 800, maxDfShare: 0.3 })) },
];

/** Held-out texts: raw sections of postings from another seed, as a posting's split gives them, plus edge cases. */
const texts = [
  ...generatePostings(60, 2024).flatMap((p) => splitSections(p.text)),
  '',
  'zzqx qqvv wwpt',
  '— ✓ a I',
  'Python Python Python Python SQL',
];

describe.each(CASES)('ONNX export of the section classifier ($name) equals Kiln from raw text', (c) => {
  let m: SectionsModel;
  let bytes: Uint8Array;
  let want: { logits: Float64Array; probabilities: Float64Array };

  beforeAll(async () => {
    ortWeb.env.wasm.numThreads = 1;
    mkdirSync(EXPORT_DIR, { recursive: true });
    const config = defaultSectionsConfig();
    c.edit(config);
    config.model.epochs = 15;
    const p = prepareSections(generateSectionExamples(250, 8), config);
    m = (await fitSections(p, config, createNodeWasmKernels)).model;
    want = { logits: sectionLogits(m, texts), probabilities: sectionProbabilities(m, texts) };
    bytes = sectionsToOnnx({ model: m, modelId: `sections-${c.name}`, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, `${c.name}.onnx`), bytes);
    writeFileSync(resolve(EXPORT_DIR, `${c.name}.vocab.json`), JSON.stringify(sectionsVocabJson(m)));
  }, 60_000);

  for (const rt of runtimes) {
    it(`${rt.name}: logits and probabilities within 1e-5 on ${texts.length} held-out texts, and batch 1`, async () => {
      const s = await rt.create(bytes);
      expect([...s.inputNames]).toEqual([SECTIONS_INPUT]);
      expect([...s.outputNames]).toEqual(['logits', 'probabilities']);
      const out = await s.run({ [SECTIONS_INPUT]: rt.tensor(encodeSectionsBatch(m, texts)) });
      expect(out.probabilities.dims).toEqual([texts.length, m.labels.length]);
      const got = { logits: out.logits.data as Float32Array, probabilities: out.probabilities.data as Float32Array };
      console.log(`sections ${c.name} ${rt.name}: largest |onnx − kiln| over ${texts.length} texts: logits ${maxDiff(got.logits, want.logits).toExponential(2)}, probabilities ${maxDiff(got.probabilities, want.probabilities).toExponential(2)}`);
      expectClose(got.logits, want.logits, 0, 1e-5);
      expectClose(got.probabilities, want.probabilities, 0, 1e-5);
      // the texts exercise the graph: confident and unsure rows both
      expect(Math.max(...want.probabilities)).toBeGreaterThan(0.9);
      const one = await s.run({ [SECTIONS_INPUT]: rt.tensor(encodeSectionsBatch(m, texts.slice(5, 6))) });
      expectClose(one.probabilities.data as Float32Array, want.probabilities.slice(5 * m.labels.length, 6 * m.labels.length), 0, 1e-5);
      // an empty text is the bias alone, not NaN
      const k = m.labels.length;
      const empty = texts.indexOf('');
      expect(Array.from(got.probabilities.slice(empty * k, (empty + 1) * k)).every(Number.isFinite)).toBe(true);
    });
  }

  it('vocab.json carries the tokenizer, the tokens (id = index + 1), the labels and the floor', () => {
    const v = sectionsVocabJson(m);
    expect(v.tokens).toEqual(tokenVocabulary(m.tfidf));
    expect(v.labels).toEqual(m.labels);
    expect(v.tokenizer.stop_words).toHaveLength(318);
    expect(v.floor).toBe(m.floor);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it('passes the official ONNX checker (full_check)', () => {
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, `${c.name}.onnx`)], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
