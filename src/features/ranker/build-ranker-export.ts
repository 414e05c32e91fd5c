import { unzipSync } from 'fflate';
import * as ort from 'onnxruntime-web';
import { poolLabels } from '../../db/labels-repo';
import { runArtifacts } from '../../db/runs-repo';
import type { RankerRunRecord } from '../../db/records';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { labelsToJsonl } from '../../ml/models/ranker/labels-jsonl';
import { buildBundle } from '../../ml/onnx/bundle';
import { rankerPairwiseToOnnx, rankerScorerToOnnx } from '../../ml/onnx/ranker-onnx';
import { useLabeling } from '../../state/ranker-labeling-store';
import type { ExportResult, OnnxCheck } from '../export/build-export';
import { KILN_VERSION, ORT_WASM_PATHS } from '../export/build-export';
import { rankerCard } from './ranker-card';

async function load(run: RankerRunRecord) {
  const items = await runArtifacts(run.id);
  const model = items.find((a) => a.kind === 'ranker-model');
  const result = items.find((a) => a.kind === 'ranker-result');
  if (model?.kind !== 'ranker-model' || result?.kind !== 'ranker-result') throw new Error('this run has no stored model to export (it stopped before saving one)');
  return { model: model.data, result: result.data };
}

export async function buildRankerExport(run: RankerRunRecord): Promise<ExportResult> {
  const { model, result } = await load(run);
  // when the model was made, not when it was exported: the same run exports the same bytes (a re-push is recognised, a served version equals its download)
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = `pairwise_ranker_v1.0${model.spec.config.hiddenLayers ? '' : '-linear'}`;
  const meta = { model, modelId: id, kilnVersion: KILN_VERSION, createdAt };
  const scorer = rankerScorerToOnnx(meta);
  const pairwise = rankerPairwiseToOnnx(meta);
  const lab = useLabeling.getState();
  const labels = lab.poolId === run.datasetId ? lab.labels : await poolLabels(run.datasetId);
  const jsonl = lab.poolId === run.datasetId ? lab.exportJsonl() : labelsToJsonl(labels, { itemType: run.pool.itemType });
  // loaded on demand: the studio's main thread otherwise never runs TF.js
  const { rankerTfjsFiles } = await import('../../ml/models/ranker/tfjs-files');
  const tfjs = await rankerTfjsFiles(model);
  const card = rankerCard({ modelId: id, createdAt, run, result });
  const metadata = {
    model_id: id,
    created_at: createdAt,
    kiln_version: KILN_VERSION,
    graphs: { 'model.onnx': 'input [batch, dim] → score [batch]', 'pairwise.onnx': 'input_a, input_b [batch, dim] → score_diff [batch]' },
    feature_names: model.spec.featureNames,
    tfjs: {
      files: ['tfjs/model.json', 'tfjs/weights.bin'],
      load: "tf.loadLayersModel('<where you serve it>/tfjs/model.json') (weights.bin beside it), or tf.loadLayersModel(tf.io.browserFiles([modelJson, weightsBin]))",
      input: `float32 [batch, ${model.spec.inputDim}] normalized features: (x − normalization.mean) / normalization.scale per feature_names column (model.onnx normalizes raw features itself)`,
      normalization: model.spec.normalization,
      output: 'score [batch, 1], the same score model.onnx gives',
    },
    run: { id: run.id, name: run.name, family: run.family, pool: run.pool, model: run.model, backend: run.backend, durationMs: run.durationMs, epochsRun: run.epochsRun, bestEpoch: run.bestEpoch, finalMetrics: run.finalMetrics, labelCount: run.labelCount },
  };
  const bundle = buildBundle({ 'model.onnx': scorer, 'model-card.md': card, 'metadata.json': metadata, raw: { 'pairwise.onnx': pairwise, 'labels.jsonl': jsonl }, tfjs });
  return { bundle, modelId: id, files: { 'model.onnx': scorer, 'pairwise.onnx': pairwise, 'labels.jsonl': jsonl, 'model-card.md': card, 'metadata.json': JSON.stringify(metadata, null, 2) } };
}

/** Scores the pool with model.onnx and pairs with pairwise.onnx from the bundle; the largest gap to the studio's scores. */
export async function checkRankerInOrt(run: RankerRunRecord, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { model, result } = await load(run);
  const lab = useLabeling.getState();
  if (lab.poolId !== run.datasetId || !lab.pool) throw new Error('open this run\'s dataset to check the export against its pool');
  const pool = lab.pool;
  const at = new Map(pool.ids.map((id, i) => [id, i]));
  const rows = result.ids.map((id) => at.get(id) ?? -1).filter((i) => i >= 0);
  const dim = model.spec.inputDim;
  const x = new Float32Array(rows.length * dim);
  rows.forEach((r, k) => x.set(pool.features.subarray(r * dim, (r + 1) * dim), k * dim));
  const files = unzipSync(bundle);
  const scorer = await openSession(files['model.onnx']);
  const t0 = performance.now();
  const out = await scorer.run({ input: new ort.Tensor('float32', x, [rows.length, dim]) });
  const seconds = (performance.now() - t0) / 1000;
  await scorer.release();
  const want = Float32Array.from(rows, (r) => result.scores[result.ids.indexOf(pool.ids[r])]);
  const got = out.score.data as Float32Array;
  let score = 0;
  for (let i = 0; i < want.length; i++) score = Math.max(score, Math.abs(got[i] - want[i]));
  // pairwise graph on consecutive items: d(i) = s(i) − s(i+1)
  const pw = await openSession(files['pairwise.onnx']);
  const m = rows.length - 1;
  const d = await pw.run({ input_a: new ort.Tensor('float32', x.slice(0, m * dim), [m, dim]), input_b: new ort.Tensor('float32', x.slice(dim), [m, dim]) });
  await pw.release();
  const dd = d.score_diff.data as Float32Array;
  let diff = 0;
  for (let i = 0; i < m; i++) diff = Math.max(diff, Math.abs(dd[i] - (want[i] - want[i + 1])));
  return { rows: rows.length, maxAbsDiff: Math.max(score, diff), rowsPerSec: rows.length / Math.max(seconds, 1e-6), perHead: { score, score_diff: diff } };
}
