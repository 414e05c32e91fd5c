import { unzipSync } from 'fflate';
import { loadFrame } from '../../db/datasets-repo';
import { runArtifacts } from '../../db/runs-repo';
import type { TabularRunRecord as RunRecord } from '../../db/records';
import type { FittedPreprocess } from '../../ml/data/preprocess';
import type { SavedTabularModel } from '../../ml/models/tabular/saved-model';
import { configureOrt, openSession, runTabularGraph } from '../../ml/backends/onnx-session';
import { buildBundle } from '../../ml/onnx/bundle';
import { modelCard } from '../../ml/onnx/model-card';
import { tabularInputFeeds } from '../../ml/onnx/input-feeds';
import { columnTypes } from '../export/column-types';
import { rawFeeds } from '../../ml/onnx/raw-feeds';
import { tabularToOnnx } from '../../ml/onnx/tabular-onnx';
import { splitScores } from '../../ml/evaluation/held-out';
import { featureTypeLines } from '../../ml/data/schema';
import { measureCalibration } from '../evaluate/CalibrationPanel';
import { storedThreshold } from '../evaluate/stored-threshold';
import { KILN_VERSION, ORT_WASM_PATHS, type ExportResult, type OnnxCheck } from '../export/build-export';

/** How to read the TF.js network's output: the link the studio applies after it (model.onnx applies it itself). */
function tabularTfjsOutput(kind: RunRecord['task']['kind'], yMean: number, yStd: number): string {
  if (kind === 'binary') return 'one logit per row: P(second label) = sigmoid(output)';
  if (kind === 'multiclass') return 'logits [batch, classes]: probabilities = softmax(output), classes in the order of `labels`';
  if (kind === 'regression') return `standardized [batch, 1]: prediction = output × ${yStd} + ${yMean}`;
  return 'cumulative logits [batch, classes − 1]: P(y > j) = sigmoid(output[j]), capped to be non-increasing in j; class probabilities are the differences';
}

/** The TF.js network in TF.js's own format, with the fitted preprocessing its input needs. */
async function tabularTfjs(run: RunRecord, saved: SavedTabularModel, pre: FittedPreprocess, labels: string[] | undefined, yMean: number, yStd: number) {
  // loaded on demand: the studio's main thread otherwise never runs TF.js
  const { tabularTfjsFiles } = await import('../../ml/models/tabular/tfjs-files');
  const files = { ...(await tabularTfjsFiles(saved)), 'preprocess.json': JSON.stringify(pre, null, 2) };
  const about = {
    files: ['tfjs/model.json', 'tfjs/weights.bin', 'tfjs/preprocess.json'],
    load: "tf.loadLayersModel('<where you serve it>/tfjs/model.json') (weights.bin beside it), or tf.loadLayersModel(tf.io.browserFiles([modelJson, weightsBin]))",
    input: `float32 [batch, ${pre.featureNames.length}]: the preprocessed features in tfjs/preprocess.json's featureNames order (its steps: numeric fill, (x − mean) / std, missing indicators, one-hot), not raw columns; model.onnx takes raw columns`,
    output: tabularTfjsOutput(run.task.kind, yMean, yStd),
    labels: labels ?? null,
    calibrated: false,
  };
  return { files, about };
}

function modelId(run: RunRecord): string {
  const base = `${run.task.target}_${run.model.architecture}`.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  return `${base}_v1.0-${run.task.kind}`;
}

/** Builds the ONNX graph and the bundle for a finished run from what IndexedDB holds. */
export async function buildExport(run: RunRecord): Promise<ExportResult> {
  const items = await runArtifacts(run.id);
  const model = items.find((a) => a.kind === 'tabular-model');
  const pre = items.find((a) => a.kind === 'preprocess');
  const pred = items.find((a) => a.kind === 'predictions');
  const cal = items.find((a) => a.kind === 'calibrator');
  if (model?.kind !== 'tabular-model' || pre?.kind !== 'preprocess' || pred?.kind !== 'predictions') throw new Error('this run has no stored model to export (it stopped before saving one)');
  // when the model was made, not when it was exported: the same run exports the same bytes (a re-push is recognised, a served version equals its download)
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = modelId(run);
  const calibrator = cal?.kind === 'calibrator' ? cal.data : null;
  const threshold = run.task.kind === 'binary' ? await storedThreshold(run) : undefined;
  const onnx = tabularToOnnx({
    model: model.data,
    preprocess: pre.data,
    labels: pred.data.labels,
    classes: pred.data.classes,
    yMean: pred.data.yMean,
    yStd: pred.data.yStd,
    calibrator: calibrator ?? undefined,
    threshold,
    modelId: id,
    kilnVersion: KILN_VERSION,
    createdAt,
  });
  const calibration = calibrator && pred.data.test.y.length ? measureCalibration(pred.data, calibrator) : null;
  const dtypes = await columnTypes(run.datasetId);
  const card = modelCard({
    modelId: id,
    createdAt,
    kilnVersion: KILN_VERSION,
    task: run.task,
    datasetName: run.datasetName,
    datasetSource: 'imported into Kiln',
    split: run.split,
    splitSizes: run.splitSizes,
    architecture: run.model.architecture === 'mlp' ? `MLP ${run.model.hiddenUnits.join('×')} (${run.model.activation})` : 'logistic / linear',
    metrics: run.finalMetrics,
    calibration: calibration && { method: calibrator!.method, before: calibration.before as unknown as Record<string, number>, after: calibration.after as unknown as Record<string, number> },
    backend: run.backend,
    inputs: tabularInputFeeds(pre.data, (c) => dtypes.get(c)),
    threshold,
    ...(run.schema ? { featureTypes: featureTypeLines(run.task.features, run.schema) } : {}),
  });
  const tfjs = await tabularTfjs(run, model.data, pre.data, pred.data.labels, pred.data.yMean, pred.data.yStd);
  const metadata = { model_id: id, created_at: createdAt, kiln_version: KILN_VERSION, ...(threshold !== undefined ? { decision_threshold: threshold } : {}), tfjs: tfjs.about, run: { id: run.id, name: run.name, task: run.task, split: run.split, preprocess: run.preprocess, model: run.model, backend: run.backend, durationMs: run.durationMs, epochsRun: run.epochsRun, bestEpoch: run.bestEpoch, finalMetrics: run.finalMetrics, ...(run.schema ? { schema: run.schema } : {}) } };
  const bundle = buildBundle({ 'model.onnx': onnx, 'model-card.md': card, 'metadata.json': metadata, 'calibrator.json': calibrator, tfjs: tfjs.files });
  return {
    bundle,
    modelId: id,
    files: { 'model.onnx': onnx, 'model-card.md': card, 'metadata.json': JSON.stringify(metadata, null, 2), ...(calibrator ? { 'calibrator.json': JSON.stringify(calibrator, null, 2) } : {}) },
  };
}

/**
 * Loads model.onnx out of the bundle into onnxruntime-web, runs the validation rows from their
 * raw values and compares with the studio's own (TF.js) validation predictions.
 */
export async function checkInOrt(run: RunRecord, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const onnx = unzipSync(bundle)['model.onnx'];
  const items = await runArtifacts(run.id);
  const pre = items.find((a) => a.kind === 'preprocess');
  const pred = items.find((a) => a.kind === 'predictions');
  if (pre?.kind !== 'preprocess' || pred?.kind !== 'predictions') throw new Error('the run has no stored predictions to compare with');
  const frame = await loadFrame(run.datasetId, undefined, run.schema).catch(() => {
    throw new Error(`dataset ${run.datasetName} is no longer stored; the ONNX check needs its validation rows`);
  });
  const rows = pred.data.validation.rows;
  const feeds = rawFeeds(frame, pre.data, rows);
  const session = await openSession(onnx);
  const t0 = performance.now();
  const out = await runTabularGraph(session, feeds, rows.length);
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const { scores } = splitScores(pred.data, 'validation');
  const kind = pred.data.kind;
  const got = kind === 'regression' ? out.prediction : out.probabilities;
  let max = 0;
  for (let i = 0; i < scores.length; i++) {
    const g = kind === 'binary' ? got[i * 2 + 1] : got[i];
    // regression compares in the network's own units (see tabular-onnx.test.ts)
    const d = kind === 'regression' ? Math.abs(g - scores[i]) / pred.data.yStd : Math.abs(g - scores[i]);
    max = Math.max(max, d);
  }
  return { rows: rows.length, maxAbsDiff: max, rowsPerSec: rows.length / Math.max(seconds, 1e-6) };
}

