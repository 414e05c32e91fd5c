import type { ClusterModel } from '../models/cluster/model';
import type { RawRows } from '../models/cluster/features';
import { ENGLISH_STOP_WORDS } from '../text/stop-words';
import { encodeTokenIds, tokenIdIndex, tokenVocabulary } from '../text/token-ids';
import { FLOAT, GraphBuilder, INT64 } from './graph-builder';
import { scalars, sectionVectors, TOKEN_PATTERN } from './matcher-onnx';

export interface ClusterExport {
  model: ClusterModel;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

/** The graph's input names: only those the model's features use are present. */
export const CLUSTER_INPUTS = { text: 'text_ids', numeric: 'numeric', embedding: 'embedding' } as const;

/** vocab.json: how a service turns the row's text (its text columns joined with a newline) into `text_ids`. Token id = index + 1; 0 pads and stands for unknown words. */
export function clusterVocabJson(m: ClusterModel) {
  const t = m.space.text;
  if (!t) return null;
  const p = t.tfidf.params;
  return {
    format: 'kiln.cluster-vocab' as const,
    version: 1 as const,
    padding_id: 0,
    unknown_id: 0,
    text_columns: t.columns,
    column_separator: '\n',
    tokenizer: { lowercase: p.lowercase, token_pattern: TOKEN_PATTERN, stop_words: p.stopWords === 'english' ? [...ENGLISH_STOP_WORDS].sort() : null, ngram_range: [...p.ngramRange] },
    tokens: tokenVocabulary(t.tfidf),
  };
}

export type ClusterFeed = { type: 'int64'; data: BigInt64Array; dims: number[] } | { type: 'float32'; data: Float32Array; dims: number[] };

/** Raw rows → the graph's inputs: token ids (0-padded, at least one column), numeric values as read (NaN where missing), the embedding. */
export function clusterFeeds(m: ClusterModel, raw: RawRows): Record<string, ClusterFeed> {
  const out: Record<string, ClusterFeed> = {};
  const n = raw.n;
  if (m.space.text && raw.text) {
    const index = tokenIdIndex(tokenVocabulary(m.space.text.tfidf));
    const rows = raw.text.map((t) => encodeTokenIds(t, m.space.text!.tfidf.params, index));
    const len = rows.reduce((a, r) => Math.max(a, r.length), 1);
    const data = new BigInt64Array(n * len);
    rows.forEach((r, i) => r.forEach((id, j) => (data[i * len + j] = BigInt(id))));
    out[CLUSTER_INPUTS.text] = { type: 'int64', data, dims: [n, len] };
  }
  if (m.space.numeric && raw.numeric) out[CLUSTER_INPUTS.numeric] = { type: 'float32', data: Float32Array.from(raw.numeric), dims: [n, m.space.numeric.columns.length] };
  if (m.space.embedding && raw.embedding) out[CLUSTER_INPUTS.embedding] = { type: 'float32', data: Float32Array.from(raw.embedding), dims: [n, m.space.embedding.dim] };
  return out;
}

/**
 * Inputs (those the features use): `text_ids` int64 [batch, length], `numeric` float [batch, m]
 * (raw values, NaN = missing), `embedding` float [batch, dim]. In the graph: TF-IDF with idf and l2
 * as the matcher's export builds it, (x − mean) / std with missing → the mean, the blocks
 * concatenated; then squared distances to each centre as a direct difference (no ‖x‖² − 2x·c
 * cancellation in float32). Outputs: `distances` float [batch, k], `cluster` int64 [batch] = the
 * nearest centre, ties to the lowest index (ArgMin's first).
 */
export function clusterToOnnx(e: ClusterExport): Uint8Array {
  const m = e.model;
  const g = new GraphBuilder();
  const c = { scalar: scalars(g), axis1: g.ints('axis1', [1], [1]) };
  const blocks: string[] = [];
  if (m.space.text) blocks.push(sectionVectors(g, m.space.text.tfidf, g.input(CLUSTER_INPUTS.text, INT64, ['batch', 'tokens']), c));
  if (m.space.numeric) {
    const cols = m.space.numeric.columns.length;
    const x = g.input(CLUSTER_INPUTS.numeric, FLOAT, ['batch', cols]);
    const mean = g.floats('mean', [1, cols], m.space.numeric.mean);
    const filled = g.op('Where', [g.op('IsNaN', [x]), mean, x]);
    blocks.push(g.op('Div', [g.op('Sub', [filled, mean]), g.floats('std', [1, cols], m.space.numeric.std)]));
  }
  if (m.space.embedding) blocks.push(g.input(CLUSTER_INPUTS.embedding, FLOAT, ['batch', m.space.embedding.dim]));
  const features = blocks.length === 1 ? blocks[0] : g.op('Concat', blocks, { axis: 1 });
  const diff = g.op('Sub', [g.op('Unsqueeze', [features, c.axis1]), g.floats('centers', [1, m.k, m.d], m.centers)]);
  g.node('ReduceSum', [g.op('Mul', [diff, diff]), g.ints('axis2', [1], [2])], { outputs: ['distances'], attrs: { keepdims: 0 } });
  g.output('distances', FLOAT, ['batch', m.k]);
  g.node('ArgMin', ['distances'], { outputs: ['cluster'], attrs: { axis: 1, keepdims: 0, select_last_index: 0 } });
  g.output('cluster', INT64, ['batch']);
  const inputs = [m.space.text ? `text_ids int64 [batch, length] (token ids of the row's ${m.space.text.columns.join(' + ')} text, vocab.json)` : '', m.space.numeric ? `numeric float [batch, ${m.space.numeric.columns.length}] (${m.space.numeric.columns.join(', ')}, raw, NaN = missing)` : '', m.space.embedding ? `embedding float [batch, ${m.space.embedding.dim}] (${m.space.embedding.column})` : ''].filter(Boolean);
  return g.build({
    name: 'kiln-cluster',
    docString: `Kiln k-means (${m.modelId}, k = ${m.k}): assigns rows to the nearest centre. Inputs: ${inputs.join('; ')}. Outputs: distances float [batch, ${m.k}] (squared Euclidean to each centre), cluster int64 [batch] (nearest, ties to the lowest index).`,
    producerVersion: e.kilnVersion,
    metadata: {
      model_id: e.modelId,
      kiln_version: e.kilnVersion,
      created_at: e.createdAt,
      algorithm_model_id: m.modelId,
      algorithm_version: m.version,
      k: String(m.k),
      features: JSON.stringify({ text: m.space.text?.columns ?? [], numeric: m.space.numeric?.columns ?? [], embedding: m.space.embedding?.column ?? null }),
    },
  });
}
