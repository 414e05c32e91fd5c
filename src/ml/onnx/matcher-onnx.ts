import type { FittedMatcher } from '../models/matcher/matcher';
import { ENGLISH_STOP_WORDS } from '../text/stop-words';
import type { TfidfModel } from '../text/tfidf';
import { encodeTokenIds, tokenIdIndex, tokenVocabulary } from '../text/token-ids';
import { FLOAT, GraphBuilder, INT64 } from './graph-builder';

export interface MatcherExport {
  matcher: FittedMatcher;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

/** scikit-learn's token_pattern; the JavaScript equivalent is /[\p{L}\p{N}_]{2,}/gu (see tokenize.ts). */
export const TOKEN_PATTERN = '(?u)\\b\\w\\w+\\b';

export const matcherInputs = (section: string) => ({ candidate: `${section}_candidate`, job: `${section}_job` });

/** The tokenizer settings the whole export shares; sections fitted with different ones cannot be described by one vocab.json. */
function sharedTokenizer(m: FittedMatcher) {
  const p = m.sections[0].tfidf.params;
  for (const s of m.sections) {
    const q = s.tfidf.params;
    if (q.lowercase !== p.lowercase || q.stopWords !== p.stopWords || q.ngramRange[0] !== p.ngramRange[0] || q.ngramRange[1] !== p.ngramRange[1]) {
      throw new Error(`section "${s.name}" was fitted with other tokenizer settings than "${m.sections[0].name}"; the export needs one tokenizer`);
    }
  }
  return { lowercase: p.lowercase, stopWords: p.stopWords, ngramRange: p.ngramRange };
}

/** The vocab.json a service needs to turn texts into the graph's inputs. Token id = index + 1; 0 pads and stands for unknown words. */
export function matcherVocabJson(m: FittedMatcher) {
  const t = sharedTokenizer(m);
  return {
    format: 'kiln.matcher-vocab' as const,
    version: 1 as const,
    padding_id: 0,
    unknown_id: 0,
    tokenizer: {
      lowercase: t.lowercase,
      token_pattern: TOKEN_PATTERN,
      stop_words: t.stopWords === 'english' ? [...ENGLISH_STOP_WORDS].sort() : null,
      ngram_range: [...t.ngramRange],
    },
    sections: m.sections.map((s) => ({ name: s.name, candidate_input: matcherInputs(s.name).candidate, job_input: matcherInputs(s.name).job, tokens: tokenVocabulary(s.tfidf) })),
  };
}

export interface Int64Feed {
  data: BigInt64Array;
  dims: [number, number];
}

/** Section texts of each pair (in section order) → the graph's id inputs, 0-padded; at least one column so an all-empty batch is still a valid tensor. */
export function encodeMatcherBatch(m: FittedMatcher, pairs: { candidate: string[]; job: string[] }[]): Record<string, Int64Feed> {
  const out: Record<string, Int64Feed> = {};
  m.sections.forEach((s, k) => {
    const index = tokenIdIndex(tokenVocabulary(s.tfidf));
    for (const side of ['candidate', 'job'] as const) {
      const rows = pairs.map((p) => encodeTokenIds(p[side][k], s.tfidf.params, index));
      const len = rows.reduce((n, r) => Math.max(n, r.length), 1);
      const data = new BigInt64Array(pairs.length * len);
      rows.forEach((r, i) => r.forEach((id, j) => (data[i * len + j] = BigInt(id))));
      out[matcherInputs(s.name)[side]] = { data, dims: [pairs.length, len] };
    }
  });
  return out;
}

/**
 * The TfIdfVectorizer attributes for one section: n-grams as token-id sequences, grouped by
 * length (the op wants 1-grams first, then 2-grams, …), each mapped to its TF-IDF column so the
 * op's output columns are the vocabulary's.
 */
function vectorizerAttrs(t: TfidfModel) {
  const ids = tokenIdIndex(tokenVocabulary(t));
  const [lo, hi] = t.params.ngramRange;
  const byLength = Array.from({ length: hi }, () => [] as number[]);
  t.vocabulary.forEach((term, col) => byLength[term.split(' ').length - 1].push(col));
  const pool: number[] = [];
  const starts: number[] = [];
  const indexes: number[] = [];
  const weights: number[] = [];
  for (const cols of byLength) {
    starts.push(pool.length);
    for (const col of cols) {
      for (const w of t.vocabulary[col].split(' ')) pool.push(ids.get(w) as number);
      indexes.push(col);
      weights.push(t.idf[col]);
    }
  }
  return { attrs: { min_gram_length: lo, max_gram_length: hi, max_skip_count: 0, ngram_counts: starts, ngram_indexes: indexes, pool_int64s: pool }, weights };
}

/** Scalar float constants, each added once and only when used (onnxruntime warns about unused initializers). */
export function scalars(g: GraphBuilder): (v: number) => string {
  const made = new Map<number, string>();
  return (v) => {
    let name = made.get(v);
    if (name === undefined) made.set(v, (name = g.floats('c', [], [v])));
    return name;
  };
}

/** One section's document vectors, [batch, vocabulary], exactly as transformTfidf builds them (the cluster and section-classifier exports reuse it). */
export function sectionVectors(g: GraphBuilder, t: TfidfModel, input: string, c: { scalar: (v: number) => string; axis1: string }): string {
  const { attrs, weights } = vectorizerAttrs(t);
  const V = t.vocabulary.length;
  let v: string;
  if (t.params.sublinearTf) {
    // the weighting has to act on the raw count, so the op only counts and idf is applied after
    const tf = g.op('TfIdfVectorizer', [input], { ...attrs, mode: 'TF' });
    const logTf = g.op('Add', [g.op('Log', [tf]), c.scalar(1)]);
    // Log(0) = −inf never reaches the output: Where takes 0 there
    const sub = g.op('Where', [g.op('Greater', [tf, c.scalar(0)]), logTf, c.scalar(0)]);
    v = g.op('Mul', [sub, g.floats('idf', [1, V], t.idf)]);
  } else {
    // TFIDF weights are per pool entry (the spec; onnxruntime 1.30 agrees), not per output column
    v = g.op('TfIdfVectorizer', [input], { ...attrs, mode: 'TFIDF', weights: { floats: weights } });
  }
  if (t.params.norm === 'l2') {
    const norm = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [v, v]), c.axis1], { keepdims: 1 })]);
    // an empty document is all zeros: dividing by a tiny floor keeps it 0 instead of 0/0 = NaN
    v = g.op('Div', [v, g.op('Max', [norm, c.scalar(1e-30)])]);
  }
  return v;
}

/**
 * Inputs per section: `<name>_candidate` and `<name>_job`, int64 [batch, length] token ids
 * (vocab.json), 0-padded. Outputs: `similarities` [batch, sections] (per-section TF-IDF cosines),
 * `score` [batch] = similarities · weights + bias, and with Platt scaling `probability` [batch].
 */
export function matcherToOnnx(e: MatcherExport): Uint8Array {
  const m = e.matcher;
  const S = m.sections.length;
  const tok = sharedTokenizer(m);
  const g = new GraphBuilder();
  const c = { scalar: scalars(g), axis1: g.ints('axis1', [1], [1]) };
  const cosines = m.sections.map((s) => {
    const names = matcherInputs(s.name);
    const cand = sectionVectors(g, s.tfidf, g.input(names.candidate, INT64, ['batch', `${names.candidate}_len`]), c);
    const job = sectionVectors(g, s.tfidf, g.input(names.job, INT64, ['batch', `${names.job}_len`]), c);
    return g.op('ReduceSum', [g.op('Mul', [cand, job]), c.axis1], { keepdims: 1 });
  });
  g.node('Concat', cosines, { outputs: ['similarities'], attrs: { axis: 1 } });
  g.output('similarities', FLOAT, ['batch', S]);
  const weighted = g.op('ReduceSum', [g.op('Mul', ['similarities', g.floats('weights', [1, S], m.linear.weights)]), c.axis1], { keepdims: 0 });
  g.node('Add', [weighted, g.floats('bias', [], [m.linear.bias])], { outputs: ['score'] });
  g.output('score', FLOAT, ['batch']);
  if (m.platt) {
    // applyPlatt: P = 1 / (1 + exp(a·f + b)) = sigmoid(−a·f − b)
    const z = g.op('Add', [g.op('Mul', ['score', g.floats('neg_a', [], [-m.platt.a])]), g.floats('neg_b', [], [-m.platt.b])]);
    g.node('Sigmoid', [z], { outputs: ['probability'] });
    g.output('probability', FLOAT, ['batch']);
  }
  const tokenizer = `lowercase=${tok.lowercase}; tokens ${TOKEN_PATTERN}; ${tok.stopWords === 'english' ? "scikit-learn's English stop words removed before n-grams" : 'no stop words'}; ids from vocab.json (id = index + 1 in the section's tokens), unknown = 0, padding = 0; n-grams ${tok.ngramRange.join('–')} are formed in the graph`;
  return g.build({
    name: 'kiln-matcher',
    docString:
      `Kiln candidate–job matcher (${S} sections: ${m.sections.map((s) => s.name).join(', ')}; ${m.mode} weights). ` +
      'Inputs per section <name>_candidate and <name>_job: int64 [batch, length] token ids of that section text, 0-padded, made by the tokenizer shipped with vocab.json. ' +
      `Outputs: similarities float [batch, ${S}] (TF-IDF cosine per section), score float [batch] = similarities · weights + bias${m.platt ? ', probability float [batch] = P(match) by Platt scaling' : ''}.`,
    producerVersion: e.kilnVersion,
    metadata: {
      model_id: e.modelId,
      kiln_version: e.kilnVersion,
      created_at: e.createdAt,
      sections: JSON.stringify(m.sections.map((s) => s.name)),
      weights: JSON.stringify(m.linear.weights),
      bias: String(m.linear.bias),
      mode: m.mode,
      ...(m.platt ? { platt: JSON.stringify(m.platt) } : {}),
      tokenizer,
    },
  });
}
