import * as ort from 'onnxruntime-web';
import { unzipSync } from 'fflate';
import type { ClusterRunRecord } from '../../db/records';
import { loadFrame } from '../../db/datasets-repo';
import { configureOrt, openSession } from '../../ml/backends/onnx-session';
import { readRaw, transform } from '../../ml/models/cluster/features';
import { assignRows } from '../../ml/models/cluster/model';
import { assignmentsCsv } from '../../ml/models/cluster/report';
import { buildBundle } from '../../ml/onnx/bundle';
import { clusterFeeds, clusterToOnnx, clusterVocabJson, CLUSTER_INPUTS } from '../../ml/onnx/cluster-onnx';
import type { ExportResult, OnnxCheck } from '../export/build-export';
import { KILN_VERSION, ORT_WASM_PATHS } from '../export/build-export';
import { loadClusterArtifacts } from './use-cluster-artifacts';

async function load(run: ClusterRunRecord) {
  const a = await loadClusterArtifacts(run.id);
  if (!a.model || !a.report) throw new Error('this run has no stored clustering to export (it did not finish)');
  return { model: a.model, report: a.report };
}

/** `{model_type}_v{major}.{minor}` as the registry names versions: the algorithm's id, here per run. */
const exportId = (run: ClusterRunRecord) => `${run.modelId || 'kmeans_v1.0'}-k${run.config.k}`;

function card(run: ClusterRunRecord, id: string, k: number, sizes: number[], createdAt: string): string {
  const f = run.config.features;
  return [
    `# ${id}`,
    '',
    `k-means clustering (${run.modelId}, algorithm version ${run.version}) trained in Kiln on ${run.datasetName}, run ${run.id}, ${createdAt}.`,
    '',
    `- features: ${[f.text.length ? `TF-IDF of ${f.text.join(' + ')} (joined with a newline)` : '', f.numeric.length ? `z-scored ${f.numeric.join(', ')}` : '', f.embedding ? `embedding ${f.embedding}` : ''].filter(Boolean).join('; ')}`,
    `- k = ${k}, seed ${run.config.seed}, n_init ${run.config.nInit}; cluster sizes ${sizes.join(', ')}`,
    `- inputs: ${Object.values(CLUSTER_INPUTS).join(', ')} (those the features use; token ids from vocab.json)`,
    '- outputs: `distances` float [batch, k] (squared Euclidean), `cluster` int64 [batch] (nearest centre, ties to the lowest index)',
    '',
  ].join('\n');
}

export async function buildClusterExport(run: ClusterRunRecord): Promise<ExportResult> {
  const { model, report } = await load(run);
  const createdAt = new Date(run.finishedAt ?? run.startedAt).toISOString();
  const id = exportId(run);
  const onnx = clusterToOnnx({ model, modelId: id, kilnVersion: KILN_VERSION, createdAt });
  const vocab = clusterVocabJson(model);
  const csv = assignmentsCsv(report);
  const md = card(run, id, model.k, report.sizes, createdAt);
  const metadata = {
    model_id: id,
    created_at: createdAt,
    kiln_version: KILN_VERSION,
    run: { id: run.id, name: run.name, family: run.family, model_id: run.modelId, version: run.version, dataset: run.datasetName, config: run.config, metrics: run.finalMetrics ?? {} },
    centroids: { k: model.k, d: model.d, features: model.space.names.length },
  };
  const bundle = buildBundle({ 'model.onnx': onnx, 'model-card.md': md, 'metadata.json': metadata, extra: vocab ? { 'vocab.json': vocab } : {}, raw: { 'assignments.csv': csv } });
  return {
    bundle,
    modelId: id,
    files: { 'model.onnx': onnx, ...(vocab ? { 'vocab.json': JSON.stringify(vocab, null, 2) } : {}), 'assignments.csv': csv, 'model-card.md': md, 'metadata.json': JSON.stringify(metadata, null, 2) },
  };
}

/** The held-out rows, read again from the dataset, through model.onnx (from the bundle): cluster mismatches with the studio's assignments and the largest distance gap. */
export async function checkClusterInOrt(run: ClusterRunRecord, bundle: Uint8Array): Promise<OnnxCheck> {
  configureOrt({ wasmPaths: ORT_WASM_PATHS });
  const { model, report } = await load(run);
  const rows = report.heldOutRows;
  if (rows.length === 0) throw new Error('this run kept no held-out rows to check the export against');
  const frame = await loadFrame(run.datasetId, undefined, run.schema);
  const raw = readRaw(frame, run.config.features, rows, run.datasetName, model.space.embedding?.dim);
  const want = assignRows(model, transform(model.space, raw));
  const feeds = Object.fromEntries(Object.entries(clusterFeeds(model, raw)).map(([name, f]) => [name, new ort.Tensor(f.type, f.data, f.dims)]));
  const session = await openSession(unzipSync(bundle)['model.onnx']);
  const t0 = performance.now();
  const out = await session.run(feeds);
  const seconds = (performance.now() - t0) / 1000;
  await session.release();
  const got = out.cluster.data as BigInt64Array;
  let mismatches = 0;
  rows.forEach((r, i) => {
    if (Number(got[i]) !== report.assignments[r] || report.assignments[r] !== want.labels[i]) mismatches++;
  });
  const d = out.distances.data as Float32Array;
  const gap = want.distances.reduce((m, v, i) => Math.max(m, Math.abs(d[i] - v) / Math.max(1, Math.abs(v))), 0);
  return { rows: rows.length, maxAbsDiff: Math.max(gap, mismatches), rowsPerSec: rows.length / Math.max(seconds, 1e-6), perHead: { distances: gap, cluster_mismatches: mismatches } };
}

/** The held-out rows, the studio's cluster for each and the text it clustered (text columns joined), for a test that runs the export outside the page. */
export async function clusterHeldOut(run: ClusterRunRecord): Promise<{ rows: number[]; clusters: number[]; texts: string[] | null }> {
  const a = await loadClusterArtifacts(run.id);
  if (!a.report) throw new Error(`run ${run.id} has no stored clustering`);
  const rows = Array.from(a.report.heldOutRows);
  const frame = await loadFrame(run.datasetId, undefined, run.schema);
  const raw = readRaw(frame, run.config.features, rows, run.datasetName, a.model?.space.embedding?.dim);
  return { rows, clusters: rows.map((r) => a.report!.assignments[r]), texts: raw.text };
}
