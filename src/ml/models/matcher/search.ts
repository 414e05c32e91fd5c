import { groupSplit } from '../../data/splits';
import { unknownSettings, type SearchFamily, type SearchMetric } from '../../tune/family';
import type { ParamSpec, ParamValue, Params, SearchSpace } from '../../tune/space';
import { matcherInputs, type MatcherColumns, type MatcherTables } from './matcher-data';
import { trainMatcher, validateMatcherConfig, type MatcherTrainConfig } from './train-matcher';

/**
 * What of the matcher's config a search may set: the TF-IDF vectorizer and how the learned
 * weights are fitted. The held-out share and seed stay the base's (every trial is scored on the
 * same held-out candidates), and the fixed weights are the user's, not a fit.
 */
export const TUNABLE_MATCHER = ['minDf', 'maxDfShare', 'maxFeatures', 'sublinearTf', 'ngramMax', 'stopWords', 'learnedMode'] as const;
type Tunable = (typeof TUNABLE_MATCHER)[number];

export const MATCHER_PARAM_RANGES: Record<Tunable, Omit<ParamSpec, 'name'>> = {
  minDf: { kind: 'int', low: 1, high: 4 },
  maxDfShare: { kind: 'uniform', low: 0.5, high: 1 },
  maxFeatures: { kind: 'categorical', choices: [500, 2000, 10000] },
  sublinearTf: { kind: 'categorical', choices: [false, true] },
  ngramMax: { kind: 'int', low: 1, high: 3 },
  stopWords: { kind: 'categorical', choices: ['english', 'none'] },
  learnedMode: { kind: 'categorical', choices: ['logistic', 'least-squares'] },
};

const DEFAULT_SPACE: Tunable[] = ['minDf', 'maxDfShare', 'sublinearTf', 'ngramMax'];

function isTunable(name: string): name is Tunable {
  return (TUNABLE_MATCHER as readonly string[]).includes(name);
}

function int(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return Math.round(v);
}

/** The base config with the sampled values put in; throws, naming the setting, on a value the matcher cannot take. */
export function applyMatcherParams(base: MatcherTrainConfig, params: Params): MatcherTrainConfig {
  const c: MatcherTrainConfig = { ...base, fixedWeights: base.fixedWeights.slice(), tfidf: { ...base.tfidf, ngramRange: [base.tfidf.ngramRange[0], base.tfidf.ngramRange[1]] } };
  for (const [name, v] of Object.entries(params)) {
    if (!isTunable(name)) throw new Error(`${name}: not a tunable matcher setting`);
    switch (name) {
      case 'minDf':
      case 'maxFeatures':
        c.tfidf[name] = int(name, v);
        break;
      case 'maxDfShare':
        if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`maxDfShare: expected a number, got ${JSON.stringify(v)}`);
        c.tfidf.maxDfShare = v;
        break;
      case 'sublinearTf':
        if (typeof v !== 'boolean') throw new Error(`sublinearTf: expected true or false, got ${JSON.stringify(v)}`);
        c.tfidf.sublinearTf = v;
        break;
      case 'ngramMax': {
        const n = int(name, v);
        if (n < c.tfidf.ngramRange[0]) throw new Error(`ngramMax: ${n} is below the smallest n-gram (${c.tfidf.ngramRange[0]})`);
        c.tfidf.ngramRange = [c.tfidf.ngramRange[0], n];
        break;
      }
      case 'stopWords':
        if (v !== 'english' && v !== 'none') throw new Error(`stopWords: "${String(v)}" is not english or none`);
        c.tfidf.stopWords = v === 'none' ? null : 'english';
        break;
      case 'learnedMode':
        if (v !== 'logistic' && v !== 'least-squares') throw new Error(`learnedMode: "${String(v)}" is not logistic or least-squares`);
        c.learnedMode = v;
        break;
    }
  }
  const errs = validateMatcherConfig(c, c.fixedWeights.length);
  if (errs.length > 0) throw new Error(errs.join('; '));
  return c;
}

/**
 * Held-out figures of the learned weighting, under the keys a matcher run's final metrics use.
 * Which exist depends on the pairs table: graded scores give the correlations and NDCG, 0/1
 * labels the classification figures; a trial scored by one the table cannot give fails, naming it.
 */
const METRICS: SearchMetric[] = [
  { key: 'spearman', direction: 'maximize' },
  { key: 'pearson', direction: 'maximize' },
  { key: 'ndcg_at_5', direction: 'maximize' },
  { key: 'mae', direction: 'minimize' },
  { key: 'accuracy', direction: 'maximize' },
  { key: 'f1', direction: 'maximize' },
];

/** The three tables and their columns, as a single matcher run receives them. */
export interface MatcherSearchInput {
  tables: MatcherTables;
  columns: MatcherColumns;
}

/**
 * The matcher fits in one shot (TF-IDF, cosines, a small linear fit): there are no epochs or
 * rounds, so `resource` is null, trials report nothing on the way and are never pruned. Each
 * trial is a whole matcher run; its value is the learned weighting's held-out figure.
 */
export const matcherSearch: SearchFamily<MatcherSearchInput, MatcherTrainConfig> = {
  id: 'matcher',
  label: 'matcher',
  resource: null,
  firstRung: 1,
  params: MATCHER_PARAM_RANGES,
  spaceErrors: (space) => unknownSettings(space, TUNABLE_MATCHER, 'matcher setting'),
  defaultSpace: (): SearchSpace =>
    DEFAULT_SPACE.map((name) => {
      const r = MATCHER_PARAM_RANGES[name];
      return { name, ...r, ...(r.choices ? { choices: r.choices.slice() } : {}) };
    }),
  metrics: () => METRICS.map((m) => ({ ...m })),
  applyParams: applyMatcherParams,
  maxSteps: () => 1,
  engine: null,
  describeInput: (i) => `${i.tables.pairs.frame.rowCount.toLocaleString('en-US')} pairs joined to their candidates and jobs`,
  prepare: ({ input, base, metric }) => {
    if (!METRICS.some((m) => m.key === metric)) throw new Error(`no held-out metric "${metric}" for the matcher (use ${METRICS.map((x) => x.key).join(', ')})`);
    const inputs = matcherInputs(input.tables, input.columns);
    const all = Int32Array.from({ length: inputs.pairs.candidate.length }, (_, i) => i);
    // as trainMatcher holds out candidates: the share and seed are the base's, the same for every trial
    const split = groupSplit(all, inputs.pairs.candidate, { strategy: 'group', seed: base.seed, validationFraction: base.heldOutFraction, testFraction: 0 });
    return {
      splitSizes: { train: split.train.length, validation: split.validation.length, test: 0 },
      featureNames: inputs.docs.sections.map((s) => s.name),
      droppedRows: inputs.skipped.count,
      runTrial: async (config) => {
        const r = trainMatcher(inputs, config);
        const v = r.learned.metrics[metric];
        if (v === undefined) throw new Error(`the pairs table gives no held-out ${metric} (it gives ${Object.keys(r.learned.metrics).join(', ') || 'none'})`);
        return { value: v, steps: 1 };
      },
    };
  },
};
