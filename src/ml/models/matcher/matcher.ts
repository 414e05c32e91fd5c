import { applyPlatt, fitPlatt, type PlattModel } from '../../calibration/platt';
import { fitTfidf, sparseDot, termIndex, transformTfidf, DEFAULT_TFIDF, type SparseVector, type TfidfModel, type TfidfParams } from '../../text/tfidf';
import type { SectionSpec } from './sections';
import { fitLeastSquares, fitLogistic, linearScore, type LinearWeights } from './weights';

/** Section texts per candidate and per job, in the order of the sections. */
export interface MatcherDocs {
  sections: SectionSpec[];
  candidates: Map<string, string[]>;
  jobs: Map<string, string[]>;
}

/** Labeled pairs: a binary label and / or a graded score per pair (NaN where absent). */
export interface MatcherPairs {
  candidate: string[];
  job: string[];
  label: Float64Array;
  score: Float64Array;
}

export type WeightMode = 'fixed' | 'logistic' | 'least-squares';

export interface FittedMatcher {
  sections: { name: string; tfidf: TfidfModel }[];
  mode: WeightMode;
  /** for 'fixed' the user's weights and bias 0; otherwise learned */
  linear: LinearWeights;
  /** maps the combined score to P(match); null when no binary labels were given */
  platt: PlattModel | null;
}

/** One TF-IDF per section, fitted on every candidate's and job's text of that section. */
export function fitSectionTfidf(docs: MatcherDocs, params: TfidfParams = DEFAULT_TFIDF): FittedMatcher['sections'] {
  return docs.sections.map((s, k) => {
    const texts = [...[...docs.candidates.values()].map((t) => t[k]), ...[...docs.jobs.values()].map((t) => t[k])].filter((t) => t.trim() !== '');
    return { name: s.name, tfidf: fitTfidf(texts, params) };
  });
}

/** Per-pair, per-section cosine similarities, row-major n × sections. Unknown ids name the pair. */
export function sectionSimilarities(sections: FittedMatcher['sections'], docs: MatcherDocs, pairs: Pick<MatcherPairs, 'candidate' | 'job'>): Float64Array {
  const S = sections.length;
  const cache = sections.map(() => new Map<string, SparseVector>());
  const indexes = sections.map((s) => termIndex(s.tfidf));
  const vec = (k: number, key: string, text: string) => {
    let v = cache[k].get(key);
    if (!v) {
      v = transformTfidf(sections[k].tfidf, text, indexes[k]);
      cache[k].set(key, v);
    }
    return v;
  };
  const out = new Float64Array(pairs.candidate.length * S);
  for (let i = 0; i < pairs.candidate.length; i++) {
    const c = docs.candidates.get(pairs.candidate[i]);
    const j = docs.jobs.get(pairs.job[i]);
    if (!c) throw new Error(`pair ${i + 1}: candidate "${pairs.candidate[i]}" is not in the candidates table`);
    if (!j) throw new Error(`pair ${i + 1}: job "${pairs.job[i]}" is not in the jobs table`);
    for (let k = 0; k < S; k++) out[i * S + k] = sparseDot(vec(k, `c:${pairs.candidate[i]}`, c[k]), vec(k, `j:${pairs.job[i]}`, j[k]));
  }
  return out;
}

const finiteRows = (v: Float64Array, rows: Int32Array) => Int32Array.from(Array.from(rows).filter((r) => Number.isFinite(v[r])));
const pick = (x: Float64Array, d: number, rows: Int32Array) => {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(x.subarray(r * d, (r + 1) * d), i * d));
  return out;
};

/**
 * Weights over the section similarities of the training pairs: fixed (the user's), logistic on
 * binary labels, or least squares on graded scores; then Platt scaling on the binary labels so
 * every mode ends in a probability.
 */
export function fitMatcherWeights(sections: FittedMatcher['sections'], sims: Float64Array, pairs: MatcherPairs, train: Int32Array, mode: WeightMode, fixed: number[]): FittedMatcher {
  const S = sections.length;
  const labeled = finiteRows(pairs.label, train);
  const scored = finiteRows(pairs.score, train);
  let linear: LinearWeights;
  if (mode === 'fixed') {
    if (fixed.length !== S) throw new Error(`${S} sections need ${S} fixed weights; ${fixed.length} given`);
    linear = { weights: [...fixed], bias: 0 };
  } else if (mode === 'logistic') {
    if (labeled.length < 10) throw new Error(`logistic weights need binary labels; ${labeled.length} training pairs have one`);
    linear = fitLogistic(pick(sims, S, labeled), S, Float64Array.from(labeled, (r) => pairs.label[r]));
  } else {
    if (scored.length < 10) throw new Error(`least-squares weights need graded scores; ${scored.length} training pairs have one`);
    linear = fitLeastSquares(pick(sims, S, scored), S, Float64Array.from(scored, (r) => pairs.score[r]));
  }
  let platt: PlattModel | null = null;
  if (labeled.length >= 10) {
    const y = Float64Array.from(labeled, (r) => pairs.label[r]);
    if (y.some((v) => v === 1) && y.some((v) => v === 0)) platt = fitPlatt(linearScore(linear, pick(sims, S, labeled), S), y);
  }
  return { sections, mode, linear, platt };
}

/** Combined score (the weighted sum, or the model's decision value) and P(match) per pair. */
export function matcherScores(m: FittedMatcher, sims: Float64Array): { score: Float64Array; probability: Float64Array | null } {
  const score = linearScore(m.linear, sims, m.sections.length);
  return { score, probability: m.platt ? applyPlatt(m.platt, score) : null };
}
