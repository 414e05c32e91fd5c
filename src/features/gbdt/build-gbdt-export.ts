import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import type { GbdtRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { buildBundle } from '../../ml/onnx/bundle';
import { gbdtInputs, gbdtOnnxFeeds, gbdtToOnnx } from '../../ml/onnx/gbdt-onnx';
import type { ExportResult, OnnxCheck } from '../export/build-export';
import { KILN_VERSION, ORT_WASM_PATHS } from '../export/build-export';
import { gbdtCard } from './gbdt-card';
import { columnTypes } from '../export/column-types';
import { storedThreshold } from '../evaluate/stored-threshold';
import { thresholdSection } from '../../ml/onnx/model-card';
import { loadGbdtArtifacts } from './use-gbdt-artifacts';

async function load(run: GbdtRunRecord) {
  const a = await loadGbdtArtifacts(run.id);
  if (!a.model || !a.result) throw new Error('this run has no stored model to export (cross-validation runs keep fold metrics only; train with a holdout split to export)');
  return { model: a.model, result: a.result, parity: a.parity, calibrator: a.calibrator };
}

/** Model ids follow `{model_type}_v{major}.{minor}[-{suffix}]`. */
function modelIdOf(run: GbdtRunRecord): string {
  const type = run.task.kind === 'ordinal' ? 'grader' : run.task.kind === 'regression' ? 'regressor' : 'classifier';
  return `gbdt_${type}_v1.0-${run.task.kind}`;
}

export async function buildGbdtExport(run: GbdtRunRecord): Promise<ExportResult> {
  const { model, result, calibrator } = await load(run);
  // when the model was made, not when it was exported: the same run exports the same bytes (a re-push is recognised, a served version equals its download)
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = modelIdOf(run);
  const threshold = run.task.kind === 'binary' ? await storedThreshold(run) : undefined;
  const onnx = gbdtToOnnx({ model, threshold, modelId: id, kilnVersion: KILN_VERSION, createdAt });
  const card = gbdtCard({ modelId: id, createdAt, run, result, dtypes: await columnTypes(run.datasetId) }) + (threshold !== undefined ? `\n${thresholdSection(threshold, model.labels?.[1])}` : '');
  const outputs = run.task.kind === 'regression' ? { prediction: '[batch]' } : { label: '[batch] int64 class index (names in labels)', probabilities: `[batch, ${model.classes}]`, ...(run.task.kind === 'ordinal' ? { score: '[batch] latent score' } : {}) };
  const metadata = {
    model_id: id,
    created_at: createdAt,
    kiln_version: KILN_VERSION,
    graph: {
      input: model.categorical?.length
        ? { input: `float [batch, ${gbdtInputs(model).input.length}] (NaN = missing): ${gbdtInputs(model).input.join(', ')}`, categorical: `string [batch, ${model.categorical.length}] ("" = missing; a value not listed in categorical counts as missing): ${gbdtInputs(model).categorical.join(', ')}` }
        : `float [batch, ${model.featureNames.length}] (NaN = missing)`,
      outputs,
    },
    feature_names: model.featureNames,
    feature_columns: result.widths,
    categorical: model.categorical ?? null,
    labels: model.labels ?? null,
    ordinal_thresholds: model.thresholds ?? null,
    ...(threshold !== undefined ? { decision_threshold: threshold, decision_threshold_rule: 'label = 1 where probabilities[:, 1] >= decision_threshold' } : {}),
    calibrator: calibrator ? { file: 'calibrator.json', method: calibrator.method, applies_to: calibrator.method === 'isotonic' ? 'probabilities[:, 1]' : 'raw scores (logits): binary σ⁻¹(probabilities[:, 1]), multiclass log(probabilities)' } : null,
    run: { id: run.id, name: run.name, family: run.family, task: run.task, evaluation: run.evaluation, model: run.model, durationMs: run.durationMs, bestRound: run.bestEpoch, finalMetrics: run.finalMetrics },
  };
  const bundle = buildBundle({ 'model.onnx': onnx, 'model-card.md': card, 'metadata.json': metadata, 'calibrator.json': calibrator, raw: { 'gbdt-model.json': JSON.stringify(model) } });
  return { bundle, modelId: id, files: { 'model.onnx': onnx, 'model-card.md': card, 'metadata.json': JSON.stringify(metadata, null, 2), ...(calibrator ? { 'calibrator.json': JSON.stringify(calibrator, null, 2) } : {}) } };
}

/** Runs model.onnx from the bundle on the stored validation rows; the largest gap to Kiln's own outputs. */
export async function checkGbdtInOrt(run: GbdtRunRecord, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { parity, model } = await load(run);
  if (!parity || parity.rows === 0) throw new Error('this run kept no validation rows to check the export against');
  const files = unzipSync(bundle);
  const session = await openSession(files['model.onnx']);
  // categorical features go in as the strings a service would send, so the check covers the graph's LabelEncoders too
  const feeds = gbdtOnnxFeeds(model, parity.x, parity.rows);
  const names = gbdtInputs(model);
  const t0 = performance.now();
  const out = await session.run({
    ...(feeds.input ? { input: new ort.Tensor('float32', feeds.input, [parity.rows, names.input.length]) } : {}),
    ...(feeds.categorical ? { categorical: new ort.Tensor('string', feeds.categorical, [parity.rows, names.categorical.length]) } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const got = (run.task.kind === 'regression' ? out.prediction.data : out.probabilities.data) as Float32Array;
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff = Math.max(diff, Math.abs(got[i] - parity.outputs[i]));
  if (got.length !== parity.outputs.length) throw new Error(`model.onnx gave ${got.length} values; Kiln has ${parity.outputs.length}`);
  return { rows: parity.rows, maxAbsDiff: diff, rowsPerSec: parity.rows / Math.max(seconds, 1e-6) };
}
