import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../../test-utils/close';
import { referenceSeeds } from '../../test-utils/fixtures';
import { DEFAULT_TFIDF, fitTfidf, sklearnDfText, sparseDot, transformTfidf } from './tfidf';
import { analyze, tokenize } from './tokenize';

interface TfidfBlock {
  params: { ngram_range: [number, number]; stop_words: string; lowercase: boolean; norm: string; smooth_idf: boolean; sublinear_tf: boolean; token_pattern: string; fit_on: string };
  resumes: string[];
  jobs: string[];
  vocabulary: string[];
  idf: number[];
  cosine_resume_job: number[][];
}

const block = (seed: number): TfidfBlock => JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../test/fixtures/reference/reference-${seed}.json`), 'utf8')).tfidf;

describe('the analyzer matches scikit-learn', () => {
  it('tokens are runs of 2+ Unicode word characters, lowercased; stop words go before n-grams are formed', () => {
    expect(tokenize('Senior ML-Engineer, C++ & Go; 10 yrs at Zürich_AG. a I')).toEqual(['senior', 'ml', 'engineer', 'go', '10', 'yrs', 'at', 'zürich_ag']);
    expect(analyze('The data scientist and the team', { lowercase: true, stopWords: 'english', ngramRange: [1, 2] })).toEqual(['data', 'scientist', 'team', 'data scientist', 'scientist team']);
  });
});

describe.each(referenceSeeds())('TF-IDF reproduces the tfidf block of reference-%i.json', (seed) => {
  const t = block(seed);
  const params = { ...DEFAULT_TFIDF, ngramRange: t.params.ngram_range, lowercase: t.params.lowercase, smoothIdf: t.params.smooth_idf, sublinearTf: t.params.sublinear_tf };
  // the fixture fits on resumes + jobs
  const model = fitTfidf([...t.resumes, ...t.jobs], params);

  it('vocabulary (sorted terms, unigrams and bigrams) and idf to 1e-9', () => {
    expect(t.params).toMatchObject({ stop_words: 'english', norm: 'l2', token_pattern: '(?u)\\b\\w\\w+\\b', fit_on: 'resumes + jobs' });
    expect(model.vocabulary).toEqual(t.vocabulary);
    expectClose(model.idf, t.idf, 1e-9);
  });

  it('resume × job cosine matrix to 1e-9', () => {
    const r = t.resumes.map((d) => transformTfidf(model, d));
    const j = t.jobs.map((d) => transformTfidf(model, d));
    const got = r.map((a) => j.map((b) => sparseDot(a, b)));
    expectClose(got.flat(), t.cosine_resume_job.flat(), 0, 1e-9);
  });
});

describe('vocabulary order and limits', () => {
  const docs = ['zeta alpha_beta alpha 𝔘nicode éclair', 'alpha alpha beta gamma 42 éclair', 'beta gamma delta alpha', 'Ωmega alpha beta gamma delta 𝔘nicode'];
  /** the straightforward way: every term as a string, sorted by code point */
  const naive = (range: [number, number]) => {
    const all = new Map<string, number>();
    for (const d of docs) for (const t of analyze(d, { lowercase: true, stopWords: 'english', ngramRange: range })) all.set(t, (all.get(t) ?? 0) + 1);
    const byCodePoint = (a: string, b: string) => {
      const x = [...a].map((c) => c.codePointAt(0) as number);
      const y = [...b].map((c) => c.codePointAt(0) as number);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    return { terms: [...all.keys()].sort(byCodePoint), total: all, byCodePoint };
  };

  it('unigrams to trigrams, astral and accented letters: code-point order, as Python sorts str', () => {
    for (const range of [[1, 1], [1, 2], [1, 3], [2, 3]] as [number, number][]) {
      expect(fitTfidf(docs, { ...DEFAULT_TFIDF, ngramRange: range }).vocabulary).toEqual(naive(range).terms);
    }
  });

  it('max_features keeps the most frequent terms (ties by term), min_df and max_df filter by document count', () => {
    const { terms, total, byCodePoint } = naive([1, 2]);
    const top = [...terms].sort((a, b) => (total.get(b) as number) - (total.get(a) as number) || byCodePoint(a, b)).slice(0, 5).sort(byCodePoint);
    expect(fitTfidf(docs, { ...DEFAULT_TFIDF, maxFeatures: 5 }).vocabulary).toEqual(top);
    const m = fitTfidf(docs, { ...DEFAULT_TFIDF, minDf: 2, maxDfShare: 0.9 });
    expect(m.vocabulary).toContain('beta gamma');
    expect(m.vocabulary).not.toContain('alpha'); // in all 4 documents: above 90%
    expect(m.vocabulary).not.toContain('zeta'); // in 1 document
  });
});

describe('sklearnDfText', () => {
  it('writes max_df as a float share, so 1 reads as scikit-learn’s 1.0 (every document) and not its int 1 (one document)', () => {
    expect(sklearnDfText({ minDf: 1, maxDfShare: 1 })).toEqual({ minDf: 'min_df 1 (documents)', maxDf: 'max_df 1.0 (share of documents)' });
    expect(sklearnDfText({ minDf: 2, maxDfShare: 0.95 }).maxDf).toBe('max_df 0.95 (share of documents)');
    expect(sklearnDfText(DEFAULT_TFIDF).maxDf).not.toMatch(/max_df 1(?!\.)/);
  });
});
