import { getColumn, isNumericColumn, type Frame } from '../../data/frame';
import { fitTfidf, termIndex, transformTfidf, type TfidfModel, type TfidfParams } from '../../text/tfidf';
import type { Dense } from './kmeans';

/** Which columns become the clustered vectors; any mix, at least one. */
export interface ClusterFeatures {
  /** text columns, joined with a newline into one document per row, then TF-IDF (l2-normalised) */
  text: string[];
  /** numeric columns, standardised with the fitted rows' mean and (population) standard deviation */
  numeric: string[];
  /** a column holding one vector per row (a JSON array, or numbers separated by commas or spaces) */
  embedding: string | null;
}

export interface ClusterTfidf {
  maxFeatures: number;
  minDf: number;
  maxDfShare: number;
  ngramMax: number;
  stopWords: 'english' | null;
  sublinearTf: boolean;
}

/** How the fitted rows became vectors; applying it to new rows gives the same vectors (the ONNX graph does the same). */
export interface FeatureSpace {
  text: { columns: string[]; tfidf: TfidfModel } | null;
  numeric: { columns: string[]; mean: Float64Array; std: Float64Array } | null;
  embedding: { column: string; dim: number } | null;
  /** one name per matrix column: TF-IDF terms, then numeric columns, then `column[i]` */
  names: string[];
}

/** Rows as read from the table, before any fitted transform (what a service would send). */
export interface RawRows {
  n: number;
  text: string[] | null;
  /** n × numeric columns, NaN where missing */
  numeric: Float64Array | null;
  /** n × dim */
  embedding: Float64Array | null;
}

export function parseEmbedding(v: string, where: string): number[] {
  const s = v.trim();
  let nums: unknown;
  if (s.startsWith('[')) {
    try {
      nums = JSON.parse(s);
    } catch (e) {
      throw new Error(`${where}: not a JSON array of numbers ("${s.slice(0, 40)}")`, { cause: e });
    }
  } else nums = s.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (!Array.isArray(nums) || nums.length === 0 || !nums.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new Error(`${where}: expected a list of numbers, got "${s.slice(0, 40)}"`);
  }
  return nums as number[];
}

/** Reads the configured columns of `rows`; throws naming the table, column and row on a missing column or a bad vector. */
export function readRaw(frame: Frame, f: ClusterFeatures, rows: ArrayLike<number>, source: string, dim?: number): RawRows {
  const n = rows.length;
  const col = (name: string) => {
    try {
      return getColumn(frame, name);
    } catch (e) {
      throw new Error(`${source}: ${(e as Error).message}`, { cause: e });
    }
  };
  let text: string[] | null = null;
  if (f.text.length) {
    const cols = f.text.map(col);
    text = Array.from({ length: n }, (_, i) => cols.map((c) => (isNumericColumn(c) ? String(c.values[rows[i]]) : (c.values[rows[i]] ?? ''))).join('\n'));
  }
  let numeric: Float64Array | null = null;
  if (f.numeric.length) {
    const cols = f.numeric.map(col);
    cols.forEach((c) => {
      if (!isNumericColumn(c)) throw new Error(`${source}: column "${c.name}" is ${c.dtype}, not numeric (the recipe's features.numeric)`);
    });
    const m = cols.length;
    numeric = new Float64Array(n * m);
    for (let i = 0; i < n; i++) cols.forEach((c, j) => (numeric![i * m + j] = (c.values as Float64Array)[rows[i]]));
  }
  let embedding: Float64Array | null = null;
  if (f.embedding) {
    const c = col(f.embedding);
    let width = dim;
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      const v = c.values[row];
      const where = `${source}, column "${c.name}", row ${row + 1}`;
      if (v === null || typeof v === 'number') throw new Error(`${where}: no vector (the embedding column needs one per row)`);
      const nums = parseEmbedding(v, where);
      width ??= nums.length;
      if (nums.length !== width) throw new Error(`${where}: ${nums.length} numbers, expected ${width} like the other rows`);
      embedding ??= new Float64Array(n * width);
      embedding.set(nums, i * width);
    }
  }
  return { n, text, numeric, embedding };
}

export function tfidfParams(t: ClusterTfidf): TfidfParams {
  return { lowercase: true, stopWords: t.stopWords, ngramRange: [1, t.ngramMax], minDf: t.minDf, maxDfShare: t.maxDfShare, maxFeatures: t.maxFeatures, smoothIdf: true, sublinearTf: t.sublinearTf, norm: 'l2' };
}

/** Fits the transform on the fitted rows: the TF-IDF vocabulary and idf, the numeric means and deviations. */
export function fitSpace(raw: RawRows, f: ClusterFeatures, t: ClusterTfidf): FeatureSpace {
  const names: string[] = [];
  let text: FeatureSpace['text'] = null;
  if (raw.text) {
    const tfidf = fitTfidf(raw.text, tfidfParams(t));
    if (!tfidf.vocabulary.length) throw new Error(`the text columns ${f.text.join(', ')} have no terms left after the TF-IDF limits`);
    text = { columns: f.text.slice(), tfidf };
    names.push(...tfidf.vocabulary);
  }
  let numeric: FeatureSpace['numeric'] = null;
  if (raw.numeric) {
    const m = f.numeric.length;
    const mean = new Float64Array(m);
    const std = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      let s = 0;
      let c = 0;
      for (let i = 0; i < raw.n; i++) {
        const v = raw.numeric[i * m + j];
        if (!Number.isNaN(v)) {
          s += v;
          c++;
        }
      }
      mean[j] = c ? s / c : 0;
      let q = 0;
      for (let i = 0; i < raw.n; i++) {
        const v = raw.numeric[i * m + j];
        if (!Number.isNaN(v)) q += (v - mean[j]) ** 2;
      }
      // a constant column is left unscaled, as scikit-learn's StandardScaler does
      std[j] = c && q > 0 ? Math.sqrt(q / c) : 1;
    }
    numeric = { columns: f.numeric.slice(), mean, std };
    names.push(...f.numeric);
  }
  let embedding: FeatureSpace['embedding'] = null;
  if (raw.embedding && f.embedding) {
    const dim = raw.embedding.length / Math.max(1, raw.n);
    embedding = { column: f.embedding, dim };
    for (let i = 0; i < dim; i++) names.push(`${f.embedding}[${i}]`);
  }
  return { text, numeric, embedding, names };
}

/** The vectors of raw rows under a fitted space: TF-IDF block, z-scores (missing → 0, the mean), the embedding as is. */
export function transform(space: FeatureSpace, raw: RawRows): Dense {
  const d = space.names.length;
  const data = new Float64Array(raw.n * d);
  let off = 0;
  if (space.text && raw.text) {
    const idx = termIndex(space.text.tfidf);
    raw.text.forEach((doc, i) => {
      const v = transformTfidf(space.text!.tfidf, doc, idx);
      v.indices.forEach((col, t) => (data[i * d + off + col] = v.values[t]));
    });
    off += space.text.tfidf.vocabulary.length;
  }
  if (space.numeric && raw.numeric) {
    const { mean, std } = space.numeric;
    const m = mean.length;
    for (let i = 0; i < raw.n; i++) {
      for (let j = 0; j < m; j++) {
        const v = raw.numeric[i * m + j];
        data[i * d + off + j] = Number.isNaN(v) ? 0 : (v - mean[j]) / std[j];
      }
    }
    off += m;
  }
  if (space.embedding && raw.embedding) {
    const dim = space.embedding.dim;
    for (let i = 0; i < raw.n; i++) data.set(raw.embedding.subarray(i * dim, (i + 1) * dim), i * d + off);
  }
  return { data, n: raw.n, d };
}

/** Raw rows restricted to some of them (by position), for a subsample rerun or the held-out rows. */
export function pickRaw(raw: RawRows, at: ArrayLike<number>): RawRows {
  const pick = (a: Float64Array | null) => {
    if (!a) return null;
    const w = a.length / Math.max(1, raw.n);
    const out = new Float64Array(at.length * w);
    for (let i = 0; i < at.length; i++) out.set(a.subarray(at[i] * w, (at[i] + 1) * w), i * w);
    return out;
  };
  return { n: at.length, text: raw.text ? Array.from(at, (i) => raw.text![i]) : null, numeric: pick(raw.numeric), embedding: pick(raw.embedding) };
}
