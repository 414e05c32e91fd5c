import { unzipSync } from 'fflate';
import { loadFrame } from '../../db/datasets-repo';
import { runArtifacts } from '../../db/runs-repo';
import type { TabularRunRecord as RunRecord } from '../../db/records';
import { configureOrt, openSession, runTabularGraph } from '../../ml/backends/onnx-session';
import { buildBundle } from '../../ml/onnx/bundle';
import { modelCard } from '../../ml/onnx/model-card';
import { rawFeeds } from '../../ml/onnx/raw-feeds';
import { tabularToOnnx } from '../../ml/onnx/tabular-onnx';
import { splitScores } from '../../ml/evaluation/held-out';
import { measureCalibration } from '../evaluate/CalibrationPanel';
import ortWasm from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

export const KILN_VERSION = '0.1.0';
/**
 * onnxruntime-web's WASM binary (the one its default bundle asks for), emitted by the build beside
 * the app's own assets so that dist/ checks exports without node_modules.
 */
export const ORT_WASM_PATHS = { wasm: ortWasm };

export interface ExportResult {
  bundle: Uint8Array;
  files: Record<string, Uint8Array | string>;
  modelId: string;
}

export interface OnnxCheck {
  rows: number;
  maxAbsDiff: number;
  rowsPerSec: number;
  /** per output, for models with several */
  perHead?: Record<string, number>;
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
  const createdAt = new Date().toISOString();
  const id = modelId(run);
  const calibrator = cal?.kind === 'calibrator' ? cal.data : null;
  const onnx = tabularToOnnx({
    model: model.data,
    preprocess: pre.data,
    labels: pred.data.labels,
    classes: pred.data.classes,
    yMean: pred.data.yMean,
    yStd: pred.data.yStd,
    calibrator: calibrator ?? undefined,
    modelId: id,
    kilnVersion: KILN_VERSION,
    createdAt,
  });
  const calibration = calibrator && pred.data.test.y.length ? measureCalibration(pred.data, calibrator) : null;
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
  });
  const metadata = { model_id: id, created_at: createdAt, kiln_version: KILN_VERSION, run: { id: run.id, name: run.name, task: run.task, split: run.split, preprocess: run.preprocess, model: run.model, backend: run.backend, durationMs: run.durationMs, epochsRun: run.epochsRun, bestEpoch: run.bestEpoch, finalMetrics: run.finalMetrics } };
  const bundle = buildBundle({ 'model.onnx': onnx, 'model-card.md': card, 'metadata.json': metadata, 'calibrator.json': calibrator, weights: model.data });
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
  const frame = await loadFrame(run.datasetId).catch(() => {
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

