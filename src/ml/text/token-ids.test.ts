import { describe, expect, it } from 'vitest';
import { candidates, jobs } from '../../../proxy/src/demo/generate';
import { flattenWorkHistory } from '../models/matcher/sections';
import { DEFAULT_TFIDF, fitTfidf, termIndex, transformTfidf, type TfidfModel, type TfidfParams } from './tfidf';
import { encodeTokenIds, tokenIdIndex, tokenVocabulary } from './token-ids';

// candidates: … skills_text (8), education (9); jobs: … required_skills_text (9), experience_text (10), education_requirement (11)
const cands = candidates().slice(0, 400);
const js = jobs();
const TEXTS = [
  ...cands.flatMap((c) => [c[8] as string, flattenWorkHistory(c[4] as string), c[9] as string]),
  ...js.flatMap((j) => [j[9] as string, j[10] as string, j[11] as string]),
];
const FIT = TEXTS.filter((_, i) => i % 3 !== 0);
// every third text is held out, so it brings words the vocabulary lacks
const UNSEEN = TEXTS.filter((_, i) => i % 3 === 0);

/** Term counts from ids alone: each run of n consecutive non-zero ids, joined, looked up in the vocabulary. */
function countsFromIds(ids: number[], tokens: string[], m: TfidfModel, index: Map<string, number>): Map<number, number> {
  const out = new Map<number, number>();
  const [lo, hi] = m.params.ngramRange;
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= ids.length; i++) {
      const w = ids.slice(i, i + n);
      if (w.includes(0)) continue;
      const t = index.get(w.map((id) => tokens[id - 1]).join(' '));
      if (t !== undefined) out.set(t, (out.get(t) ?? 0) + 1);
    }
  }
  return out;
}

/** What transformTfidf counts: with no norm and raw tf each value is count × idf. */
function tfidfCounts(m: TfidfModel, doc: string, index: Map<string, number>): Map<number, number> {
  const v = transformTfidf(m, doc, index);
  return new Map(Array.from(v.indices, (t, k) => [t, v.values[k] / m.idf[t]]));
}

const VARIANTS: { name: string; params: Partial<TfidfParams> }[] = [
  { name: 'defaults (1–2-grams, English stop words)', params: {} },
  { name: 'max_df 0.05 (common words pruned, their bigrams kept)', params: { maxDfShare: 0.05 } },
  { name: 'max_features 400, 1–3-grams, no stop words, case kept', params: { maxFeatures: 400, ngramRange: [1, 3], stopWords: null, lowercase: false } },
];

describe.each(VARIANTS)('token ids of a fitted TF-IDF: $name', ({ params }) => {
  const m = fitTfidf(FIT, { ...DEFAULT_TFIDF, ...params, norm: null });
  const tokens = tokenVocabulary(m);
  const ids = tokenIdIndex(tokens);
  const terms = termIndex(m);

  it('the token list is sorted, unique, and holds every word of every term', () => {
    expect(new Set(tokens).size).toBe(tokens.length);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i - 1] < tokens[i]).toBe(true);
    for (const term of m.vocabulary) for (const w of term.split(' ')) expect(ids.has(w)).toBe(true);
    expect(ids.get(tokens[0])).toBe(1);
  });

  it('counts rebuilt from the ids equal transformTfidf’s, on seen and unseen texts', () => {
    let unknown = 0;
    for (const doc of [...FIT.slice(0, 300), ...UNSEEN]) {
      const x = encodeTokenIds(doc, m.params, ids);
      unknown += x.filter((v) => v === 0).length;
      const want = tfidfCounts(m, doc, terms);
      for (const c of want.values()) expect(Math.abs(c - Math.round(c))).toBeLessThan(1e-9);
      expect(countsFromIds(x, tokens, m, terms)).toEqual(new Map([...want].map(([t, c]) => [t, Math.round(c)])));
    }
    // the unseen texts must actually exercise the unknown id
    expect(unknown).toBeGreaterThan(0);
  });
});

describe('token ids: the details', () => {
  const m = fitTfidf(FIT, { ...DEFAULT_TFIDF, maxDfShare: 0.05, norm: null });
  const tokens = tokenVocabulary(m);
  const ids = tokenIdIndex(tokens);

  it('keeps the words of a bigram whose unigram max_df pruned', () => {
    const unigrams = new Set(m.vocabulary.filter((t) => !t.includes(' ')));
    const orphan = tokens.filter((w) => !unigrams.has(w));
    expect(orphan.length).toBeGreaterThan(0);
  });

  it('lowercases, drops stop words before n-grams, maps unknown words to 0', () => {
    const bigram = m.vocabulary.find((t) => t.includes(' ')) as string;
    const [a, b] = bigram.split(' ');
    const A = ids.get(a) as number;
    const B = ids.get(b) as number;
    // "the" and "of" are stop words: removed, so a and b are adjacent again
    expect(encodeTokenIds(`${a.toUpperCase()} the of ${b}`, m.params, ids)).toEqual([A, B]);
    expect(encodeTokenIds(`${a} zzqxunknown ${b}`, m.params, ids)).toEqual([A, 0, B]);
    expect(encodeTokenIds('', m.params, ids)).toEqual([]);
    expect(encodeTokenIds('a I x', m.params, ids)).toEqual([]);
  });

  it('sorts by code point like Python, not by UTF-16 unit', () => {
    const t = tokenVocabulary({ ...m, vocabulary: ['\u{1F600}x', 'ｚz', 'ab'] });
    expect(t).toEqual(['ab', 'ｚz', '\u{1F600}x']);
  });
});
