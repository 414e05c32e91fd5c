import { cellText, getColumn, isNumericColumn, type Frame } from '../../data/frame';

/** A pool that cannot be built; the message names the dataset, row and column at fault. */
export class PoolError extends Error {
  name = 'PoolError';
}

/** Largest embedding Kiln accepts (OpenAI's text-embedding-3-small / ada-002 size). */
export const MAX_EMBEDDING_DIM = 1536;

/** Where an item's embedding lives: one JSON-array column, or numbered numeric columns `emb_0..emb_n`. */
export type EmbeddingSource = { kind: 'json'; column: string } | { kind: 'columns'; prefix: string; columns: string[] } | null;

/** Which columns of a dataset make it an item pool. */
export interface ItemPoolSpec {
  idColumn: string;
  /** shown on the labeling cards (text, title, metrics) */
  displayColumns: string[];
  /** numeric features, standardized with the pool's mean and std */
  metricColumns: string[];
  embedding: EmbeddingSource;
  /** graded relevance, when the pool has one: NDCG@k is reported against it */
  relevanceColumn: string | null;
  /** written as `item_type` in exported labels */
  itemType: string;
}

/** An item pool ready for training: raw feature rows (metrics first, then the embedding). */
export interface ItemPool {
  ids: string[];
  dim: number;
  /** row-major [ids.length × dim]; NaN where a metric is missing */
  features: Float32Array;
  featureNames: string[];
  metricCount: number;
  relevance: Float64Array | null;
}

/** Per-feature affine map applied before the scorer: (x − mean) · scale, NaN → 0 (the mean). */
export interface FeatureNormalization {
  mean: number[];
  scale: number[];
}

const EMB_COLUMN = /^(.*?)(\d+)$/;

/**
 * The embedding a dataset seems to carry: a text column whose first values are JSON arrays of
 * numbers, or the largest run of numeric columns named `<prefix>0..<prefix>n`.
 */
export function detectEmbedding(frame: Frame): EmbeddingSource {
  for (const c of frame.columns) {
    if (isNumericColumn(c)) continue;
    const first = c.values.find((v) => v !== null);
    if (first && /^\s*\[\s*-?[\d.]/.test(first)) return { kind: 'json', column: c.name };
  }
  const groups = new Map<string, Map<number, string>>();
  for (const c of frame.columns) {
    const m = isNumericColumn(c) ? EMB_COLUMN.exec(c.name) : null;
    if (!m) continue;
    const g = groups.get(m[1]) ?? new Map<number, string>();
    g.set(Number(m[2]), c.name);
    groups.set(m[1], g);
  }
  let best: EmbeddingSource = null;
  for (const [prefix, g] of groups) {
    let n = 0;
    while (g.has(n)) n++;
    if (n >= 2 && (!best || best.kind !== 'columns' || n > best.columns.length)) best = { kind: 'columns', prefix, columns: Array.from({ length: n }, (_, i) => g.get(i)!) };
  }
  return best;
}

/** A first guess at the pool's columns: the id-like column, text for display, the rest as metrics. */
export function defaultPoolSpec(frame: Frame): ItemPoolSpec {
  const embedding = detectEmbedding(frame);
  const inEmbedding = new Set(embedding?.kind === 'columns' ? embedding.columns : embedding ? [embedding.column] : []);
  const id = frame.columns.find((c) => /^(id|item_id|.*_id)$/i.test(c.name)) ?? frame.columns.find((c) => c.dtype === 'id') ?? frame.columns[0];
  const relevance = frame.columns.find((c) => isNumericColumn(c) && /^(relevance|rel|utility|grade|quality)$/i.test(c.name));
  const rest = frame.columns.filter((c) => c !== id && c !== relevance && !inEmbedding.has(c.name));
  return {
    idColumn: id?.name ?? '',
    displayColumns: rest.filter((c) => !isNumericColumn(c)).slice(0, 4).map((c) => c.name).concat(rest.filter(isNumericColumn).slice(0, 4).map((c) => c.name)),
    metricColumns: rest.filter(isNumericColumn).map((c) => c.name),
    embedding,
    relevanceColumn: relevance?.name ?? null,
    itemType: 'item',
  };
}

function parseEmbedding(text: string | null, row: number, column: string, dim: number | null, source: string): number[] {
  const where = `${source}, row ${row + 1}, column "${column}"`;
  if (text === null) throw new PoolError(`${where}: the embedding is missing`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new PoolError(`${where}: the embedding is not a JSON array (${text.slice(0, 40)}${text.length > 40 ? '…' : ''})`);
  }
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) throw new PoolError(`${where}: the embedding must be a JSON array of finite numbers`);
  if (dim !== null && v.length !== dim) throw new PoolError(`${where}: the embedding has ${v.length} numbers, the rows before have ${dim}`);
  return v as number[];
}

/** Builds the pool; errors name the dataset, row and column at fault (duplicate ids, bad embeddings). */
export function buildItemPool(frame: Frame, spec: ItemPoolSpec, source = 'dataset'): ItemPool {
  const idCol = getColumn(frame, spec.idColumn);
  const n = frame.rowCount;
  const ids: string[] = [];
  const seen = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const id = cellText(idCol, r);
    if (id === null || id === '') throw new PoolError(`${source}, row ${r + 1}, column "${spec.idColumn}": the item id is missing`);
    const prev = seen.get(id);
    if (prev !== undefined) throw new PoolError(`${source}, rows ${prev + 1} and ${r + 1}, column "${spec.idColumn}": the item id "${id}" appears twice; ids must be unique`);
    seen.set(id, r);
    ids.push(id);
  }
  const metrics = spec.metricColumns.map((name) => {
    const c = getColumn(frame, name);
    if (!isNumericColumn(c)) throw new PoolError(`${source}, column "${name}": a metric feature must be numeric (it is ${c.dtype})`);
    return c.values;
  });
  let embDim = 0;
  let embRows: ((r: number) => ArrayLike<number>) | null = null;
  const emb = spec.embedding;
  if (emb?.kind === 'json') {
    const c = getColumn(frame, emb.column);
    if (isNumericColumn(c)) throw new PoolError(`${source}, column "${emb.column}": expected JSON arrays, found a ${c.dtype} column`);
    const parsed: number[][] = [];
    for (let r = 0; r < n; r++) parsed.push(parseEmbedding(c.values[r], r, emb.column, r ? parsed[0].length : null, source));
    embDim = parsed[0]?.length ?? 0;
    embRows = (r) => parsed[r];
  } else if (emb?.kind === 'columns') {
    const cols = emb.columns.map((name) => {
      const c = getColumn(frame, name);
      if (!isNumericColumn(c)) throw new PoolError(`${source}, column "${name}": embedding columns must be numeric`);
      return c.values;
    });
    for (let r = 0; r < n; r++) {
      const bad = cols.findIndex((v) => !Number.isFinite(v[r]));
      if (bad >= 0) throw new PoolError(`${source}, row ${r + 1}, column "${emb.columns[bad]}": the embedding value is missing or not finite`);
    }
    embDim = cols.length;
    embRows = (r) => cols.map((v) => v[r]);
  }
  if (embDim > MAX_EMBEDDING_DIM) throw new PoolError(`${source}: the embedding has ${embDim} dimensions; Kiln accepts up to ${MAX_EMBEDDING_DIM}`);
  const dim = metrics.length + embDim;
  if (dim === 0) throw new PoolError(`${source}: choose at least one feature (a numeric metric column or an embedding)`);
  const features = new Float32Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < metrics.length; j++) features[r * dim + j] = metrics[j][r];
    if (embRows) features.set(embRows(r), r * dim + metrics.length);
  }
  const featureNames = [...spec.metricColumns, ...Array.from({ length: embDim }, (_, i) => (emb?.kind === 'columns' ? emb.columns[i] : `${emb?.kind === 'json' ? emb.column : 'emb'}[${i}]`))];
  let relevance: Float64Array | null = null;
  if (spec.relevanceColumn) {
    const c = getColumn(frame, spec.relevanceColumn);
    if (!isNumericColumn(c)) throw new PoolError(`${source}, column "${spec.relevanceColumn}": relevance must be numeric`);
    relevance = c.values;
  }
  return { ids, dim, features, featureNames, metricCount: metrics.length, relevance };
}

/**
 * Metrics are standardized with the pool's mean and std (a constant column gets scale 1);
 * embedding dimensions pass through, as sentence embeddings are already on a common scale.
 */
export function fitNormalization(pool: Pick<ItemPool, 'features' | 'dim' | 'metricCount'>): FeatureNormalization {
  const mean = new Array<number>(pool.dim).fill(0);
  const scale = new Array<number>(pool.dim).fill(1);
  const n = pool.features.length / pool.dim;
  for (let j = 0; j < pool.metricCount; j++) {
    let s = 0;
    let c = 0;
    for (let r = 0; r < n; r++) {
      const v = pool.features[r * pool.dim + j];
      if (!Number.isNaN(v)) {
        s += v;
        c++;
      }
    }
    const m = c ? s / c : 0;
    let ss = 0;
    for (let r = 0; r < n; r++) {
      const v = pool.features[r * pool.dim + j];
      if (!Number.isNaN(v)) ss += (v - m) ** 2;
    }
    const sd = c > 1 ? Math.sqrt(ss / c) : 0;
    mean[j] = m;
    scale[j] = sd > 0 ? 1 / sd : 1;
  }
  return { mean, scale };
}

/** The scorer's input rows: normalized, missing metrics at the mean (0). */
export function normalizeFeatures(features: Float32Array, dim: number, norm: FeatureNormalization): Float32Array {
  const out = new Float32Array(features.length);
  for (let i = 0; i < features.length; i++) {
    const j = i % dim;
    const v = (features[i] - norm.mean[j]) * norm.scale[j];
    out[i] = Number.isNaN(v) ? 0 : v;
  }
  return out;
}
