import { maxOfParam, unknownSettings, type SearchFamily, type SearchMetric } from '../../tune/family';
import type { ParamSpec, ParamValue, Params, SearchSpace } from '../../tune/space';
import { rankerConfigProblems, type RankerConfig } from './config';
import type { PairMetrics } from './pair-metrics';
import { splitPairs, splitProblem, type LabeledPairs } from './pair-split';
import { trainRanker, type RankerPool } from './train-ranker';

/** The RankerConfig keys a search may set; the split and seed stay the base's, so every trial holds out the same pairs. */
export const TUNABLE_RANKER = ['learningRate', 'hiddenUnits', 'dropout', 'margin', 'weightDecay', 'batchSize', 'hiddenLayers', 'epochs'] as const;
type Tunable = (typeof TUNABLE_RANKER)[number];

const INT_KEYS = new Set<Tunable>(['hiddenUnits', 'batchSize', 'epochs']);

/**
 * Ranges for a pool of tens to thousands of items and a few hundred labels: the defaults
 * (lr 1e-3, 256 units, dropout 0.1, margin 1, weight decay 1e-4, batch 32) sit inside each.
 */
export const RANKER_PARAM_RANGES: Record<Tunable, Omit<ParamSpec, 'name'>> = {
  learningRate: { kind: 'log-uniform', low: 1e-4, high: 3e-2 },
  hiddenUnits: { kind: 'categorical', choices: [16, 32, 64, 128, 256] },
  dropout: { kind: 'uniform', low: 0, high: 0.4 },
  margin: { kind: 'log-uniform', low: 0.1, high: 2 },
  weightDecay: { kind: 'log-uniform', low: 1e-6, high: 1e-2 },
  batchSize: { kind: 'categorical', choices: [16, 32, 64] },
  hiddenLayers: { kind: 'categorical', choices: [0, 1, 2] },
  epochs: { kind: 'int', low: 10, high: 60, step: 10 },
};

const DEFAULT_SPACE: Tunable[] = ['learningRate', 'hiddenUnits', 'dropout', 'margin', 'weightDecay', 'batchSize'];

export function defaultRankerSpace(): SearchSpace {
  return DEFAULT_SPACE.map((name) => {
    const r = RANKER_PARAM_RANGES[name];
    return { name, ...r, ...(r.choices ? { choices: r.choices.slice() } : {}) };
  });
}

function isTunable(name: string): name is Tunable {
  return (TUNABLE_RANKER as readonly string[]).includes(name);
}

function num(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

/** The base config with the sampled values put in (integer settings rounded); throws, naming the setting, on a value the ranker cannot take. */
export function applyRankerParams(base: RankerConfig, params: Params): RankerConfig {
  const c: RankerConfig = { ...base, split: { ...base.split }, earlyStopping: { ...base.earlyStopping } };
  for (const [name, v] of Object.entries(params)) {
    if (!isTunable(name)) throw new Error(`${name}: not a tunable ranker setting`);
    if (name === 'hiddenLayers') {
      const n = num(name, v);
      if (n !== 0 && n !== 1 && n !== 2) throw new Error(`hiddenLayers: ${n} is not 0, 1 or 2`);
      c.hiddenLayers = n;
    } else c[name] = INT_KEYS.has(name) ? Math.round(num(name, v)) : num(name, v);
  }
  const errs = rankerConfigProblems(c);
  if (errs.length > 0) throw new Error(errs.join('; '));
  return c;
}

/** Validation figures a ranker search can optimise: the keys a ranker run's final metrics use, and the margin loss. */
const METRICS: SearchMetric[] = [
  { key: 'pairwise_accuracy', direction: 'maximize' },
  { key: 'kendall_tau', direction: 'maximize' },
  { key: 'val_loss', direction: 'minimize' },
];

export function rankerMetricOf(m: PairMetrics, metric: string): number {
  if (metric === 'pairwise_accuracy') return m.accuracy;
  if (metric === 'kendall_tau') return m.kendallTau;
  if (metric === 'val_loss') return m.loss;
  throw new Error(`no validation metric "${metric}" for the ranker (use ${METRICS.map((x) => x.key).join(', ')})`);
}

/** The pool's features and the labeled pairs, as a single ranker run receives them. */
export interface RankerSearchInput {
  pool: RankerPool;
  pairs: LabeledPairs;
}

/**
 * The pairwise ranker: each trial is a whole ranker run (normalize, split, fit, measure) on the
 * engine a single run would train on, reporting the validation metric after every epoch. Its value
 * is the kept model's figure, the one a ranker run with that config reports.
 */
/** What trains a single ranker run: Kiln's engine (CPU or WebGPU) or TF.js. */
type RankerEngine = NonNullable<Parameters<typeof trainRanker>[4]>;

export const rankerSearch: SearchFamily<RankerSearchInput, RankerConfig, RankerEngine> = {
  id: 'ranker',
  label: 'ranker',
  resource: 'epochs',
  firstRung: 3,
  params: RANKER_PARAM_RANGES,
  spaceErrors: (space) => unknownSettings(space, TUNABLE_RANKER, 'ranker setting'),
  defaultSpace: () => defaultRankerSpace(),
  metrics: () => METRICS.map((m) => ({ ...m })),
  applyParams: applyRankerParams,
  maxSteps: (base, space) => maxOfParam(space, 'epochs', base.epochs),
  engine: { what: () => 'the pair scorer', gpuPath: true },
  describeInput: (i) => `${i.pool.size.toLocaleString('en-US')} items and ${i.pairs.y.length.toLocaleString('en-US')} labeled pairs`,
  prepare: ({ input, base, metric, engine }) => {
    const { pool, pairs } = input;
    // the split depends on the base's split settings and seed only, which no trial changes
    const split = splitPairs(pairs, pool.size, base.split, base.seed);
    const why = splitProblem(split, pairs.y.length);
    if (why) throw new Error(why);
    if (!METRICS.some((m) => m.key === metric)) throw new Error(`no validation metric "${metric}" for the ranker (use ${METRICS.map((x) => x.key).join(', ')})`);
    return {
      splitSizes: { train: split.train.length, validation: split.validation.length, test: 0 },
      featureNames: pool.featureNames,
      droppedRows: split.dropped,
      runTrial: async (config, report, hooks) => {
        let pruned = false;
        // a throw inside onEpoch would leave the fit running: stop it and rethrow after
        let metricError: Error | null = null;
        const trained = await trainRanker(
          pool,
          pairs,
          config,
          {
            shouldStop: () => pruned || metricError !== null || (hooks.shouldStop?.() ?? false),
            onEpoch: (e) => {
              hooks.onStep?.({ trainLoss: e.trainLoss, valLoss: e.valLoss, elapsedMs: e.elapsedMs, numTensors: e.numTensors });
              try {
                if (report(e.epoch, rankerMetricOf(e.validation, metric)) === 'prune') pruned = true;
              } catch (err) {
                metricError = err instanceof Error ? err : new Error(String(err));
              }
            },
          },
          engine,
        );
        trained.model.dispose();
        if (metricError) throw metricError;
        if (trained.fit.reason === 'non-finite-loss') throw new Error(trained.fit.message ?? 'the loss became non-finite');
        return { value: rankerMetricOf(trained.report.validation, metric), steps: trained.fit.epochsRun };
      },
    };
  },
};
