import { groupSplit } from '../../data/splits';
import { encodeMatcherBatch, matcherToOnnx, matcherVocabJson } from '../../onnx/matcher-onnx';
import type { ModelFamily, OnnxFeed, Outputs } from '../family';
import { defaultMatcherRecipe, matcherRecipeProblems, type MatcherRecipe } from './defaults';
import { matcherMetrics } from './evaluate-matcher';
import { matcherScores, sectionSimilarities, type FittedMatcher } from './matcher';
import { matcherInputs, type MatcherInputs, type MatcherTables } from './matcher-data';
import { asFitted, trainMatcher, type MatcherStage } from './train-matcher';
import { matcherSearch } from './search';
import type { NamedFrame } from '../family';
import { columnStats } from '../../data/column-stats';

export interface PreparedMatcher {
  inputs: MatcherInputs;
  /** pair indices held out (whole candidates), as trainMatcher draws them from the recipe's seed */
  heldOut: Int32Array;
  ndcgK: number;
}

const STAGES: readonly MatcherStage[] = ['tfidf', 'similarities', 'weights', 'evaluate'];

function heldOutPairs(p: PreparedMatcher) {
  const { candidate, job } = p.inputs.pairs;
  return { candidate: Array.from(p.heldOut, (r) => candidate[r]), job: Array.from(p.heldOut, (r) => job[r]) };
}

function scoresOf(m: FittedMatcher, p: PreparedMatcher) {
  const sims = sectionSimilarities(m.sections, p.inputs.docs, heldOutPairs(p));
  return { sims, ...matcherScores(m, sims) };
}

/**
 * Candidate–job matching: TF-IDF per section, cosine per section, fixed or learned weights. It fits
 * in one pass of four stages (no epochs), so its model is the learned variant the export ships.
 */
export const matcherFamily: ModelFamily<MatcherTables, MatcherRecipe, PreparedMatcher, FittedMatcher, FittedMatcher, never> = {
  id: 'matcher',
  title: 'Candidate–job matcher',
  detail: 'this table holds labeled pairs; section TF-IDF, fixed vs learned weights',
  unit: 'stage',
  fits: (data) => {
    const r = defaultMatcherRecipe(data.columns, { stats: data.columns, self: true }, { stats: data.columns, self: true });
    return r.columns.sections.length ? { ok: true } : { ok: false, reason: 'needs candidate and job text columns (skills, experience, education), here or in two other loaded tables' };
  },
  defaults: (data) => defaultMatcherRecipe(data.columns, { stats: data.columns, self: true }, { stats: data.columns, self: true }),
  validate: matcherRecipeProblems,
  prepare(tables, c) {
    const inputs = matcherInputs(tables, c.columns);
    const all = Int32Array.from({ length: inputs.pairs.candidate.length }, (_, i) => i);
    const split = groupSplit(all, inputs.pairs.candidate, { strategy: 'group', seed: c.config.seed, validationFraction: c.config.heldOutFraction, testFraction: 0 });
    return { inputs, heldOut: split.validation, ndcgK: c.config.ndcgK };
  },
  async fit(p, c, hooks) {
    // each stage starting is one step of one epoch: the progress line reads "stage 2 of 4"
    const r = trainMatcher(p.inputs, c.config, (stage) => {
      const step = STAGES.indexOf(stage) + 1;
      hooks.onBatch?.({ epoch: 1, step, stepsPerEpoch: STAGES.length, globalStep: step, loss: NaN, samplesPerSec: 0, etaMs: null });
    });
    return { model: asFitted(r.sections, r.learned), reason: 'completed', epochsRun: 1, bestEpoch: 1 };
  },
  async predict(m, p) {
    const s = scoresOf(m, p);
    const out: Outputs = { similarities: s.sims, score: s.score };
    if (s.probability) out.probability = s.probability;
    return out;
  },
  async evaluate(m, p) {
    const { pairs } = p.inputs;
    const s = matcherScores(m, sectionSimilarities(m.sections, p.inputs.docs, pairs));
    return matcherMetrics(m, pairs, p.heldOut, s.score, s.probability, p.ndcgK);
  },
  save: async (m) => structuredClone(m),
  load: (saved) => saved,
  dispose: () => {},
  toOnnx: async (m, _p, meta) => ({ model: matcherToOnnx({ matcher: m, ...meta }), files: { 'vocab.json': JSON.stringify(matcherVocabJson(m)) } }),
  onnxFeeds(m, p) {
    const { docs } = p.inputs;
    const held = heldOutPairs(p);
    const texts = held.candidate.map((c, i) => ({ candidate: docs.candidates.get(c) as string[], job: docs.jobs.get(held.job[i]) as string[] }));
    const feeds: Record<string, OnnxFeed> = {};
    for (const [name, f] of Object.entries(encodeMatcherBatch(m, texts))) feeds[name] = { type: 'int64', data: f.data, dims: f.dims };
    return feeds;
  },
  engines: { supported: false, reason: 'TF-IDF and the small linear fits run in plain JavaScript: no tensors, so no engine or backend choice.' },
  calibration: { supported: false, reason: "The matcher's learned weighting is a logistic fit on the pairs; its probability is not recalibrated from a recipe yet." },
  studyOf: {
    base: (c) => c.config,
    input: (t, c) => ({ tables: t, columns: c.columns }),
    join: (c, base) => ({ ...c, config: base as MatcherRecipe['config'] }),
  },
  tables: {
    roles: [
      { name: 'candidates', detail: 'candidates: an id column and their section texts (may be the pairs table)' },
      { name: 'jobs', detail: 'jobs: an id column and their section texts (may be the pairs table)' },
      { name: 'pairs', detail: 'candidate–job pairs with a label and/or a score' },
    ],
    optionsProblems: (o) => (o === undefined || o === null ? [] : ['this family takes no options']),
    defaultConfig(t: Record<string, NamedFrame>) {
      const stats = (n: NamedFrame) => n.frame.columns.map(columnStats);
      return defaultMatcherRecipe(stats(t.pairs), { stats: stats(t.candidates), self: t.candidates === t.pairs }, { stats: stats(t.jobs), self: t.jobs === t.pairs });
    },
    input: (t: Record<string, NamedFrame>) => ({ candidates: t.candidates, jobs: t.jobs, pairs: t.pairs }),
  },
  search: matcherSearch,
  checkpoints: { supported: false, reason: 'Does not apply: the matcher fits in one pass (section TF-IDF, then the section weights) in seconds, with no epochs to checkpoint or resume.' },
  cv: { supported: false, reason: 'Held-out candidates (all of a candidate’s pairs on one side) are the matcher’s evaluation; grouped folds over candidates are not built yet.' },
  modelArtifacts: ['matcher-model', 'matcher-result'],
  report: [
    { id: 'comparison', title: 'Fixed vs learned weights' },
    { id: 'pairs', title: 'Held-out pairs and explanations' },
  ],
};
