import { groupSplit } from '../../data/splits';
import type { MetricMap } from '../../metrics/evaluate';
import { DEFAULT_TFIDF, type TfidfParams } from '../../text/tfidf';
import { matcherMetrics } from './evaluate-matcher';
import { fitMatcherWeights, fitSectionTfidf, matcherScores, sectionSimilarities, type FittedMatcher, type WeightMode } from './matcher';
import type { MatcherInputs } from './matcher-data';

export interface MatcherTrainConfig {
  /** the user's weights, one per section (0.4 / 0.4 / 0.2 for skills / experience / education) */
  fixedWeights: number[];
  learnedMode: Exclude<WeightMode, 'fixed'>;
  /** share of candidates held out; all of a candidate's pairs sit on one side */
  heldOutFraction: number;
  seed: number;
  tfidf: TfidfParams;
  ndcgK: number;
}

export const defaultMatcherTrainConfig = (sections: number, hasLabels: boolean): MatcherTrainConfig => ({
  fixedWeights: sections === 3 ? [0.4, 0.4, 0.2] : Array.from({ length: sections }, () => 1 / sections),
  learnedMode: hasLabels ? 'logistic' : 'least-squares',
  heldOutFraction: 0.2,
  seed: 42,
  tfidf: DEFAULT_TFIDF,
  ndcgK: 5,
});

export function validateMatcherConfig(c: MatcherTrainConfig, sections: number): string[] {
  const out: string[] = [];
  if (c.fixedWeights.length !== sections) out.push(`${sections} sections need ${sections} fixed weights (${c.fixedWeights.length} given)`);
  if (c.fixedWeights.some((w) => !Number.isFinite(w))) out.push('every fixed weight must be a number');
  if (!(c.heldOutFraction > 0 && c.heldOutFraction < 0.9)) out.push('the held-out share must lie between 0 and 0.9');
  if (!(c.tfidf.minDf >= 1)) out.push('min_df must be at least 1');
  if (!(c.tfidf.maxDfShare > 0 && c.tfidf.maxDfShare <= 1)) out.push('max_df must lie in (0, 1]');
  if (c.tfidf.maxFeatures !== null && !(c.tfidf.maxFeatures >= 1)) out.push('max_features must be at least 1');
  if (!(c.ndcgK >= 1)) out.push('NDCG@k needs k ≥ 1');
  return out;
}

export interface MatcherVariant {
  mode: WeightMode;
  linear: FittedMatcher['linear'];
  platt: FittedMatcher['platt'];
  metrics: MetricMap;
}

/** The held-out pairs with everything the report and the explanation viewer need after a reload. */
export interface MatcherHeldOut {
  candidate: string[];
  job: string[];
  label: Float64Array;
  score: Float64Array;
  /** n × sections cosines */
  similarities: Float64Array;
  fixed: { score: Float64Array; probability: Float64Array | null };
  learned: { score: Float64Array; probability: Float64Array | null };
  /** section texts of the held-out pairs' candidates and jobs */
  candidateTexts: Record<string, string[]>;
  jobTexts: Record<string, string[]>;
}

export interface MatcherRunResult {
  sections: FittedMatcher['sections'];
  fixed: MatcherVariant;
  learned: MatcherVariant;
  heldOut: MatcherHeldOut;
  counts: { pairs: number; train: number; heldOut: number; candidates: number; jobs: number; labeled: number; graded: number; skipped: number };
  skippedExamples: string[];
  timings: { tfidfMs: number; similaritiesMs: number; weightsMs: number };
}

export type MatcherStage = 'tfidf' | 'similarities' | 'weights' | 'evaluate';

const pickRows = <T>(xs: T[], rows: Int32Array) => Array.from(rows, (r) => xs[r]);
const pickF = (xs: Float64Array, rows: Int32Array, d = 1) => {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(xs.subarray(r * d, (r + 1) * d), i * d));
  return out;
};

export const asFitted = (sections: FittedMatcher['sections'], v: MatcherVariant): FittedMatcher => ({ sections, mode: v.mode, linear: v.linear, platt: v.platt });

/**
 * Fits section TF-IDF on every candidate's and job's text (no labels are read, so held-out texts
 * may shape the idf, as a vectorizer fitted on the whole corpus does), holds out whole candidates,
 * fits the fixed and the learned weights on the training pairs and evaluates both on the same
 * held-out pairs, so the side-by-side compares like with like.
 */
export function trainMatcher(inputs: MatcherInputs, cfg: MatcherTrainConfig, onStage: (stage: MatcherStage, fraction: number) => void = () => {}): MatcherRunResult {
  const errors = validateMatcherConfig(cfg, inputs.docs.sections.length);
  if (errors.length) throw new Error(errors.join('; '));
  const { docs, pairs } = inputs;
  const S = docs.sections.length;
  const n = pairs.candidate.length;
  let t = performance.now();
  onStage('tfidf', 0);
  const sections = fitSectionTfidf(docs, cfg.tfidf);
  const tfidfMs = performance.now() - t;
  onStage('similarities', 0);
  t = performance.now();
  const sims = sectionSimilarities(sections, docs, pairs);
  const similaritiesMs = performance.now() - t;
  onStage('weights', 0);
  t = performance.now();
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const split = groupSplit(all, pairs.candidate, { strategy: 'group', seed: cfg.seed, validationFraction: cfg.heldOutFraction, testFraction: 0 });
  const train = split.train;
  const test = split.validation;
  const fixedM = fitMatcherWeights(sections, sims, pairs, train, 'fixed', cfg.fixedWeights);
  const learnedM = fitMatcherWeights(sections, sims, pairs, train, cfg.learnedMode, []);
  const weightsMs = performance.now() - t;
  onStage('evaluate', 0);
  const variant = (m: FittedMatcher) => {
    const s = matcherScores(m, sims);
    return { v: { mode: m.mode, linear: m.linear, platt: m.platt, metrics: matcherMetrics(m, pairs, test, s.score, s.probability, cfg.ndcgK) }, s };
  };
  const f = variant(fixedM);
  const l = variant(learnedM);
  const heldCandidates = new Set(pickRows(pairs.candidate, test));
  const heldJobs = new Set(pickRows(pairs.job, test));
  const texts = (ids: Set<string>, from: Map<string, string[]>) => Object.fromEntries([...ids].map((id) => [id, from.get(id) as string[]]));
  const scoresOf = (s: { score: Float64Array; probability: Float64Array | null }) => ({ score: pickF(s.score, test), probability: s.probability ? pickF(s.probability, test) : null });
  return {
    sections,
    fixed: f.v,
    learned: l.v,
    heldOut: {
      candidate: pickRows(pairs.candidate, test),
      job: pickRows(pairs.job, test),
      label: pickF(pairs.label, test),
      score: pickF(pairs.score, test),
      similarities: pickF(sims, test, S),
      fixed: scoresOf(f.s),
      learned: scoresOf(l.s),
      candidateTexts: texts(heldCandidates, docs.candidates),
      jobTexts: texts(heldJobs, docs.jobs),
    },
    counts: {
      pairs: n,
      train: train.length,
      heldOut: test.length,
      candidates: docs.candidates.size,
      jobs: docs.jobs.size,
      labeled: pairs.label.filter(Number.isFinite).length,
      graded: pairs.score.filter(Number.isFinite).length,
      skipped: inputs.skipped.count,
    },
    skippedExamples: inputs.skipped.examples,
    timings: { tfidfMs, similaritiesMs, weightsMs },
  };
}
