import { accuracyAt, f1At, precisionAt, recallAt } from '../../metrics/binary';
import type { MetricMap } from '../../metrics/evaluate';
import { groupByQuery, ndcg } from '../../metrics/ranking';
import { mae, mse, pearson, spearman } from '../../metrics/regression';
import { sparseDot, termIndex, transformTfidf } from '../../text/tfidf';
import type { FittedMatcher, MatcherPairs } from './matcher';

/**
 * Held-out metrics of a matcher: classification at P(match) ≥ 0.5 on binary labels; MSE, MAE,
 * Pearson and Spearman of the graded output against labeled scores: the fitted score of a
 * least-squares model (fitted on that scale), otherwise P(match) (a logistic model's raw score is
 * a log-odds and a fixed sum of cosines is on no rater's scale; Platt puts both on 0–1); NDCG@k of each candidate's jobs
 * ranked by the score, with the labeled score as relevance.
 */
export function matcherMetrics(m: FittedMatcher, pairs: MatcherPairs, rows: Int32Array, score: Float64Array, probability: Float64Array | null, k = 5): MetricMap {
  const out: MetricMap = {};
  const labeled = Array.from(rows).filter((r) => Number.isFinite(pairs.label[r]));
  if (probability && labeled.length > 0) {
    const y = labeled.map((r) => pairs.label[r]);
    const p = labeled.map((r) => probability[r]);
    Object.assign(out, { accuracy: accuracyAt(y, p), precision: precisionAt(y, p), recall: recallAt(y, p), f1: f1At(y, p) });
  }
  const graded = Array.from(rows).filter((r) => Number.isFinite(pairs.score[r]));
  if (graded.length > 1) {
    const y = graded.map((r) => pairs.score[r]);
    const g = graded.map((r) => (m.mode !== 'least-squares' && probability ? probability[r] : score[r]));
    Object.assign(out, { mse: mse(y, g), mae: mae(y, g), pearson: pearson(y, g), spearman: spearman(y, g) });
    const q = groupByQuery(graded.map((r) => pairs.candidate[r]), y, graded.map((r) => score[r]));
    // candidates with a single labeled job rank nothing; NDCG is taken over those with two or more
    const many = q.relevance.map((_, i) => i).filter((i) => q.relevance[i].length > 1);
    if (many.length > 0) out[`ndcg_at_${k}`] = ndcg(many.map((i) => q.relevance[i]), many.map((i) => q.scores[i]), k);
  }
  return out;
}

export interface TermContribution {
  term: string;
  candidate: number;
  job: number;
  /** candidate · job: its share of the section's cosine */
  contribution: number;
}

/** Why a pair scores what it does: per section the cosine, its weight, and the terms that carry it. */
export function explainPair(m: FittedMatcher, candidate: string[], job: string[], top = 5): { section: string; cosine: number; weight: number; terms: TermContribution[] }[] {
  return m.sections.map((s, k) => {
    const index = termIndex(s.tfidf);
    const a = transformTfidf(s.tfidf, candidate[k], index);
    const b = transformTfidf(s.tfidf, job[k], index);
    const bAt = new Map(Array.from(b.indices, (t, i) => [t, b.values[i]] as const));
    const terms: TermContribution[] = [];
    a.indices.forEach((t, i) => {
      const jv = bAt.get(t);
      if (jv !== undefined) terms.push({ term: s.tfidf.vocabulary[t], candidate: a.values[i], job: jv, contribution: a.values[i] * jv });
    });
    terms.sort((x, y) => y.contribution - x.contribution);
    return { section: s.name, cosine: sparseDot(a, b), weight: m.linear.weights[k], terms: terms.slice(0, top) };
  });
}
