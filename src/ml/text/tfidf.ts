import { PairTable } from './pair-table';
import { analyze, type AnalyzerOptions } from './tokenize';

/**
 * TfidfVectorizer with scikit-learn's semantics: vocabulary sorted by term, document-frequency
 * limits, `max_features` by corpus term count, smooth idf = ln((1 + n) / (1 + df)) + 1, tf as raw
 * counts (or 1 + ln tf), rows l2-normalized. Documents come back sparse (sorted term indices).
 */
export interface TfidfParams extends AnalyzerOptions {
  /** smallest document count a term needs (scikit-learn's integer min_df) */
  minDf: number;
  /** largest share of documents a term may appear in (scikit-learn's float max_df) */
  maxDfShare: number;
  maxFeatures: number | null;
  smoothIdf: boolean;
  sublinearTf: boolean;
  norm: 'l2' | null;
}

/**
 * The document-frequency limits as scikit-learn spells them. scikit-learn reads an integer as a
 * document count and a float as a share of documents, so max_df = 1 would mean "terms in at most
 * one document": the share is always written with a decimal point (1 → "1.0").
 */
export function sklearnDfText(p: Pick<TfidfParams, 'minDf' | 'maxDfShare'>): { minDf: string; maxDf: string } {
  const share = Number.isInteger(p.maxDfShare) ? p.maxDfShare.toFixed(1) : String(p.maxDfShare);
  return { minDf: `min_df ${p.minDf} (documents)`, maxDf: `max_df ${share} (share of documents)` };
}

export const DEFAULT_TFIDF: TfidfParams = { lowercase: true, stopWords: 'english', ngramRange: [1, 2], minDf: 1, maxDfShare: 1, maxFeatures: null, smoothIdf: true, sublinearTf: false, norm: 'l2' };

export interface TfidfModel {
  params: TfidfParams;
  /** terms in index order (sorted) */
  vocabulary: string[];
  idf: Float64Array;
  documents: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * Counts terms as numbers, not strings: unigrams get ids as they appear, a bigram is found
 * through its first word's small map of second words (small-integer keys hash fast), longer
 * n-grams fall back to string keys; document frequency uses a "last document seen" slot instead
 * of a set per document. Strings are built only at the end. (Building every bigram string and
 * sorting with a per-comparison code-point check took 35 s on 20,000 documents.)
 */
class TermCounter {
  df = new Int32Array(1024);
  total = new Float64Array(1024);
  private lastDoc = new Int32Array(1024).fill(-1);
  /** what each slot holds: a unigram id, a [first, second] id pair, or an id list */
  readonly keys: (number | [number, number] | string)[] = [];
  private readonly unigram: number[] = [];
  private readonly bigram = new PairTable();
  private readonly other = new Map<string, number>();

  unigramSlot(id: number): number {
    let s = this.unigram[id];
    if (s === undefined) s = this.unigram[id] = this.newSlot(id);
    return s;
  }

  bigramSlot(a: number, b: number): number {
    return this.bigram.getOrAdd(a, b, () => this.newSlot([a, b]));
  }

  otherSlot(key: string): number {
    let s = this.other.get(key);
    if (s === undefined) {
      s = this.newSlot(key);
      this.other.set(key, s);
    }
    return s;
  }

  count(s: number, doc: number): void {
    this.total[s]++;
    if (this.lastDoc[s] !== doc) {
      this.lastDoc[s] = doc;
      this.df[s]++;
    }
  }

  private newSlot(key: number | [number, number] | string): number {
    const s = this.keys.length;
    this.keys.push(key);
    if (s >= this.df.length) {
      const n = this.df.length * 2;
      const df = new Int32Array(n);
      df.set(this.df);
      const total = new Float64Array(n);
      total.set(this.total);
      const last = new Int32Array(n).fill(-1);
      last.set(this.lastDoc);
      this.df = df;
      this.total = total;
      this.lastDoc = last;
    }
    return s;
  }
}

export function fitTfidf(docs: string[], params: TfidfParams = DEFAULT_TFIDF): TfidfModel {
  if (docs.length === 0) throw new Error('TF-IDF needs at least one document');
  const tokenId = new Map<string, number>();
  const tokens: string[] = [];
  const counter = new TermCounter();
  const [lo, hi] = params.ngramRange;
  const unigramsOnly = { ...params, ngramRange: [1, 1] as [number, number] };
  docs.forEach((d, doc) => {
    const ids = analyze(d, unigramsOnly).map((t) => {
      let id = tokenId.get(t);
      if (id === undefined) {
        id = tokens.length;
        tokenId.set(t, id);
        tokens.push(t);
      }
      return id;
    });
    for (let n = lo; n <= hi; n++) {
      for (let i = 0; i + n <= ids.length; i++) {
        const slot = n === 1 ? counter.unigramSlot(ids[i]) : n === 2 ? counter.bigramSlot(ids[i], ids[i + 1]) : counter.otherSlot(ids.slice(i, i + n).join(','));
        counter.count(slot, doc);
      }
    }
  });
  const n = docs.length;
  const maxCount = params.maxDfShare * n;
  let slots: number[] = [];
  for (let s = 0; s < counter.keys.length; s++) if (counter.df[s] >= params.minDf && counter.df[s] <= maxCount) slots.push(s);
  if (slots.length === 0) throw new Error('after the document-frequency limits no terms remain; lower min_df or raise max_df');
  // Terms are word characters joined by single spaces, and every word character sorts above the
  // space, so a term's code-point order equals the order of its tokens' ranks, compared as
  // tuples: millions of n-grams sort by integers, not strings.
  const tokenRank = new Int32Array(tokens.length);
  const tokenOrder = codePointOrder(tokens);
  tokens
    .map((_, id) => id)
    .sort((x, y) => tokenOrder(tokens[x], tokens[y]))
    .forEach((id, r) => (tokenRank[id] = r));
  // unigrams and bigrams (nearly every term) keep their ranks in two typed-array columns (−1 = none)
  const r0 = new Int32Array(counter.keys.length);
  const r1 = new Int32Array(counter.keys.length);
  const longer = new Map<number, number[]>();
  counter.keys.forEach((key, s) => {
    if (typeof key === 'number') {
      r0[s] = tokenRank[key];
      r1[s] = -1;
    } else if (Array.isArray(key)) {
      r0[s] = tokenRank[key[0]];
      r1[s] = tokenRank[key[1]];
    } else {
      const r = key.split(',').map((id) => tokenRank[Number(id)]);
      r0[s] = r[0];
      r1[s] = r[1];
      longer.set(s, r);
    }
  });
  const byTerm = (x: number, y: number) => {
    if (r0[x] !== r0[y]) return r0[x] - r0[y];
    if (r1[x] !== r1[y]) return r1[x] - r1[y];
    const a = longer.get(x) ?? [];
    const b = longer.get(y) ?? [];
    for (let i = 2; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };
  if (params.maxFeatures !== null && slots.length > params.maxFeatures) {
    // most frequent over the corpus; ties by term so the choice is reproducible
    slots = slots.sort((x, y) => counter.total[y] - counter.total[x] || byTerm(x, y)).slice(0, params.maxFeatures);
  }
  slots = longer.size > 0 ? slots.sort(byTerm) : Array.from(radixByRanks(Int32Array.from(slots), r0, r1, tokens.length));
  const termOf = (key: number | [number, number] | string): string =>
    typeof key === 'number' ? tokens[key] : Array.isArray(key) ? `${tokens[key[0]]} ${tokens[key[1]]}` : key.split(',').map((id) => tokens[Number(id)]).join(' ');
  const vocabulary = slots.map((s) => termOf(counter.keys[s]));
  const smooth = params.smoothIdf ? 1 : 0;
  const idf = Float64Array.from(slots, (s) => Math.log((n + smooth) / (counter.df[s] + smooth)) + 1);
  return { params, vocabulary, idf, documents: n };
}

/** Stable LSD radix sort of slots by (r0, r1), ranks in [−1, size): two counting passes, no comparisons. */
function radixByRanks(slots: Int32Array, r0: Int32Array, r1: Int32Array, size: number): Int32Array {
  const pass = (input: Int32Array, rank: Int32Array) => {
    const count = new Int32Array(size + 2);
    for (const s of input) count[rank[s] + 2]++;
    for (let i = 1; i < count.length; i++) count[i] += count[i - 1];
    const out = new Int32Array(input.length);
    for (const s of input) out[count[rank[s] + 1]++] = s;
    return out;
  };
  return pass(pass(slots, r1), r0);
}

/**
 * Python sorts str by code point. JavaScript's `<` compares UTF-16 units, which agrees except
 * past the BMP; the slower comparison is used only when some term has a surrogate.
 */
export function codePointOrder(terms: readonly string[]): (a: string, b: string) => number {
  const utf16 = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  if (!terms.some((t) => /[\uD800-\uDFFF]/.test(t))) return utf16;
  return (a, b) => {
    const x = [...a];
    const y = [...b];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
      if (d !== 0) return d;
    }
    return x.length - y.length;
  };
}

/** Term index lookup for a fitted model (built once per model). */
export function termIndex(m: TfidfModel): Map<string, number> {
  return new Map(m.vocabulary.map((t, i) => [t, i]));
}

export function transformTfidf(m: TfidfModel, doc: string, index: Map<string, number> = termIndex(m)): SparseVector {
  const counts = new Map<number, number>();
  for (const t of analyze(doc, m.params)) {
    const i = index.get(t);
    if (i !== undefined) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  const indices = Int32Array.from(counts.keys()).sort();
  const values = Float64Array.from(indices, (i) => {
    const tf = counts.get(i) as number;
    return (m.params.sublinearTf ? 1 + Math.log(tf) : tf) * m.idf[i];
  });
  if (m.params.norm === 'l2') {
    let s = 0;
    for (const v of values) s += v * v;
    const norm = Math.sqrt(s);
    if (norm > 0) for (let k = 0; k < values.length; k++) values[k] /= norm;
  }
  return { indices, values };
}

/** Dot product of two sparse vectors (the cosine when both are l2-normalized). */
export function sparseDot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let s = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const d = a.indices[i] - b.indices[j];
    if (d === 0) s += a.values[i++] * b.values[j++];
    else if (d < 0) i++;
    else j++;
  }
  return s;
}
