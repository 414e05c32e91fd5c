import * as ort from 'onnxruntime-web';
import { unzipSync } from 'fflate';
import type { MatcherModelArtifact, MatcherRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { CALIBRATOR_FORMAT, CALIBRATOR_VERSION, type CalibratorJson } from '../../ml/calibration/calibrator';
import type { FittedMatcher } from '../../ml/models/matcher/matcher';
import { buildBundle } from '../../ml/onnx/bundle';
import { encodeMatcherBatch, matcherToOnnx, matcherVocabJson } from '../../ml/onnx/matcher-onnx';
import { MATCHER_TOKENIZER_FILES, MATCHER_TOKENIZER_MJS, MATCHER_TOKENIZER_PY } from '../../ml/onnx/matcher-service-tokenizer';
import { MATCHER_WORK_HISTORY_FILES, MATCHER_WORK_HISTORY_MJS, MATCHER_WORK_HISTORY_PY } from '../../ml/onnx/matcher-work-history';
import type { ExportResult, OnnxCheck } from '../export/build-export';
import { KILN_VERSION, ORT_WASM_PATHS } from '../export/build-export';
import { matcherCard } from './matcher-card';
import { loadMatcherArtifacts } from './use-matcher-artifacts';

export type ShippedWeights = 'learned' | 'fixed';

async function load(run: MatcherRunRecord) {
  const a = await loadMatcherArtifacts(run.id);
  if (!a.model || !a.result) throw new Error('this run has no stored matcher to export (it did not finish)');
  return { model: a.model, result: a.result };
}

const fitted = (m: MatcherModelArtifact, which: ShippedWeights): FittedMatcher => ({ sections: m.sections, ...m[which] });

/** Model ids follow `{model_type}_v{major}.{minor}[-{suffix}]`. */
const modelIdOf = (which: ShippedWeights, mode: string) => `job_matcher_v1.0-${which === 'fixed' ? 'fixed' : mode}`;

export async function buildMatcherExport(run: MatcherRunRecord, which: ShippedWeights): Promise<ExportResult> {
  const { model, result } = await load(run);
  const m = fitted(model, which);
  // when the model was made, not when it was exported: the same run exports the same bytes (a re-push is recognised, a served version equals its download)
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = modelIdOf(which, m.mode);
  const onnx = matcherToOnnx({ matcher: m, modelId: id, kilnVersion: KILN_VERSION, createdAt });
  const vocab = matcherVocabJson(m);
  const card = matcherCard({ modelId: id, createdAt, run, model, result, shipped: which });
  const calibrator: CalibratorJson | null = m.platt
    ? { format: CALIBRATOR_FORMAT, version: CALIBRATOR_VERSION, method: 'platt', params: { a: m.platt.a, b: m.platt.b, input: 'decision' }, fitted_on: { rows: result.counts.train, split: 'train pairs', created_at: createdAt, source: run.tables.pairs.name } }
    : null;
  const metadata = {
    model_id: id,
    created_at: createdAt,
    kiln_version: KILN_VERSION,
    graph: {
      inputs: Object.fromEntries(m.sections.flatMap((s) => [`${s.name}_candidate`, `${s.name}_job`].map((n) => [n, 'int64 [batch, length] token ids from tokenizer + vocab.json; 0 = padding / unknown']))),
      outputs: { similarities: `float [batch, ${m.sections.length}]`, score: 'float [batch] Σ w·cos + b', ...(m.platt ? { probability: 'float [batch] P(match) (Platt)' } : {}) },
    },
    sections: run.columns.sections,
    weights: m.linear.weights,
    bias: m.linear.bias,
    shipped: which,
    calibrator: calibrator ? { file: 'calibrator.json', method: 'platt', applies_to: 'score' } : null,
    run: { id: run.id, name: run.name, family: run.family, tables: run.tables, columns: run.columns, config: run.config, counts: result.counts, fixed: result.fixed.metrics, learned: result.learned.metrics },
  };
  const bundle = buildBundle({
    'model.onnx': onnx,
    'model-card.md': card,
    'metadata.json': metadata,
    'calibrator.json': calibrator,
    extra: { 'vocab.json': vocab },
    raw: {
      [MATCHER_TOKENIZER_FILES.mjs]: MATCHER_TOKENIZER_MJS,
      [MATCHER_TOKENIZER_FILES.py]: MATCHER_TOKENIZER_PY,
      [MATCHER_WORK_HISTORY_FILES.mjs]: MATCHER_WORK_HISTORY_MJS,
      [MATCHER_WORK_HISTORY_FILES.py]: MATCHER_WORK_HISTORY_PY,
    },
  });
  return {
    bundle,
    modelId: id,
    files: { 'model.onnx': onnx, 'vocab.json': JSON.stringify(vocab, null, 2), 'model-card.md': card, 'metadata.json': JSON.stringify(metadata, null, 2), ...(calibrator ? { 'calibrator.json': JSON.stringify(calibrator, null, 2) } : {}) },
  };
}

/** Up to 500 held-out pairs through model.onnx (read back out of the bundle): the largest gap to the studio's scores. */
export async function checkMatcherInOrt(run: MatcherRunRecord, which: ShippedWeights, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { model, result } = await load(run);
  const m = fitted(model, which);
  const h = result.heldOut;
  const n = Math.min(500, h.candidate.length);
  if (n === 0) throw new Error('this run kept no held-out pairs to check the export against');
  const texts = Array.from({ length: n }, (_, i) => ({ candidate: h.candidateTexts[h.candidate[i]], job: h.jobTexts[h.job[i]] }));
  const feeds = Object.fromEntries(Object.entries(encodeMatcherBatch(m, texts)).map(([name, t]) => [name, new ort.Tensor('int64', t.data, t.dims)]));
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  const t0 = performance.now();
  const out = await session.run(feeds);
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const want = h[which];
  const gap = (got: Float32Array, ref: Float64Array) => got.reduce((d, v, i) => Math.max(d, Math.abs(v - ref[i])), 0);
  const perHead: Record<string, number> = { score: gap(out.score.data as Float32Array, want.score) };
  if (want.probability && out.probability) perHead.probability = gap(out.probability.data as Float32Array, want.probability);
  return { rows: n, maxAbsDiff: Math.max(...Object.values(perHead)), rowsPerSec: n / Math.max(seconds, 1e-6), perHead };
}
