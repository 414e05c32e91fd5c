import * as ort from 'onnxruntime-web';
import { unzipSync } from 'fflate';
import type { SectionsRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { buildBundle } from '../../ml/onnx/bundle';
import { encodeSectionsBatch, SECTIONS_INPUT, sectionsToOnnx, sectionsVocabJson } from '../../ml/onnx/sections-onnx';
import { SECTIONS_TOKENIZER_FILES, SECTIONS_TOKENIZER_MJS, SECTIONS_TOKENIZER_PY } from '../../ml/onnx/sections-service-tokenizer';
import type { ExportResult, OnnxCheck } from '../export/build-export';
import { KILN_VERSION, ORT_WASM_PATHS } from '../export/build-export';
import { sectionsCard } from './sections-card';
import { loadSectionsArtifacts } from './use-sections-artifacts';

async function load(run: SectionsRunRecord) {
  const a = await loadSectionsArtifacts(run.id);
  if (!a.model || !a.result) throw new Error('this run has no stored section classifier to export (it did not finish)');
  return { model: a.model, result: a.result };
}

/** Model ids follow `{model_type}_v{major}.{minor}[-{suffix}]`. */
export const sectionsModelId = (run: SectionsRunRecord) => `section_classifier_v1.0-${run.config.model.kind}`;

/** model.onnx from raw-text token ids, vocab.json, the tokenizers (JavaScript, Python), the card and metadata. */
export async function buildSectionsExport(run: SectionsRunRecord): Promise<ExportResult> {
  const { model, result } = await load(run);
  // when the model was made, not when it was exported: the same run exports the same bytes
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = sectionsModelId(run);
  const onnx = sectionsToOnnx({ model, modelId: id, kilnVersion: KILN_VERSION, createdAt });
  const vocab = sectionsVocabJson(model);
  const card = sectionsCard({ modelId: id, createdAt, run, model, result });
  const k = model.labels.length;
  const metadata = {
    model_id: id,
    created_at: createdAt,
    kiln_version: KILN_VERSION,
    graph: { inputs: { [SECTIONS_INPUT]: 'int64 [batch, length] token ids from the tokenizer + vocab.json; 0 = padding / unknown' }, outputs: { logits: `float [batch, ${k}]`, probabilities: `float [batch, ${k}] softmax(logits / temperature)` } },
    labels: model.labels,
    temperature: model.temperature,
    floor: model.floor,
    held_out_accuracy: model.heldOutAccuracy,
    metrics: result.metrics,
    run: { id: run.id, name: run.name, family: run.family, dataset: run.datasetName, config: run.config, counts: result.counts },
  };
  const bundle = buildBundle({
    'model.onnx': onnx,
    'model-card.md': card,
    'metadata.json': metadata,
    extra: { 'vocab.json': vocab },
    raw: { [SECTIONS_TOKENIZER_FILES.mjs]: SECTIONS_TOKENIZER_MJS, [SECTIONS_TOKENIZER_FILES.py]: SECTIONS_TOKENIZER_PY },
  });
  return { bundle, modelId: id, files: { 'model.onnx': onnx, 'vocab.json': JSON.stringify(vocab, null, 2), 'model-card.md': card, 'metadata.json': JSON.stringify(metadata, null, 2) } };
}

/** The test sections' raw texts through model.onnx (read back out of the bundle) in onnxruntime-web: the largest gap to the studio's probabilities. */
export async function checkSectionsInOrt(run: SectionsRunRecord, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { model, result } = await load(run);
  const texts = result.test.texts;
  if (texts.length === 0) throw new Error('this run kept no test sections to check the export against');
  const t = encodeSectionsBatch(model, texts);
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  const t0 = performance.now();
  const out = await session.run({ [SECTIONS_INPUT]: new ort.Tensor('int64', t.data, t.dims) });
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const got = out.probabilities.data as Float32Array;
  const want = result.test.probabilities;
  const gap = got.reduce((d, v, i) => Math.max(d, Math.abs(v - want[i])), 0);
  return { rows: texts.length, maxAbsDiff: gap, rowsPerSec: texts.length / Math.max(seconds, 1e-6), perHead: { probabilities: gap } };
}
