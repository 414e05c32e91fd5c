import type { Frame } from '../../data/frame';
import { maxOfParam, unknownSettings, type SearchFamily, type SearchMetric } from '../../tune/family';
import type { ParamSpec, ParamValue, Params, SearchSpace } from '../../tune/space';
import { checkSequenceModelConfig, type SequenceDataConfig, type SequenceModelConfig } from './config';
import type { SequenceMetrics } from './evaluate';
import { prepareSequence, trainSequence } from './train-sequence';

/** The SequenceModelConfig keys a search may set; the data options (vocabulary, cuts) stay the base's, so every trial sees the same examples. */
export const TUNABLE_SEQUENCE = ['learningRate', 'hiddenUnits', 'embeddingDim', 'dropout', 'batchSize', 'layers', 'bidirectional', 'epochs'] as const;
type Tunable = (typeof TUNABLE_SEQUENCE)[number];

const INT_KEYS = new Set<Tunable>(['hiddenUnits', 'embeddingDim', 'batchSize', 'layers', 'epochs']);

/** Ranges around the defaults (lr 0.01, 16 units, 16-wide embeddings, dropout 0.1, batch 64) for a few thousand histories. */
export const SEQUENCE_PARAM_RANGES: Record<Tunable, Omit<ParamSpec, 'name'>> = {
  learningRate: { kind: 'log-uniform', low: 1e-3, high: 3e-2 },
  hiddenUnits: { kind: 'categorical', choices: [8, 16, 32, 64] },
  embeddingDim: { kind: 'categorical', choices: [8, 16, 32] },
  dropout: { kind: 'uniform', low: 0, high: 0.4 },
  batchSize: { kind: 'categorical', choices: [32, 64, 128] },
  layers: { kind: 'categorical', choices: [1, 2] },
  bidirectional: { kind: 'categorical', choices: [true, false] },
  epochs: { kind: 'int', low: 5, high: 30, step: 5 },
};

const DEFAULT_SPACE: Tunable[] = ['learningRate', 'hiddenUnits', 'embeddingDim', 'dropout', 'batchSize'];

function isTunable(name: string): name is Tunable {
  return (TUNABLE_SEQUENCE as readonly string[]).includes(name);
}

function num(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

/** The base config with the sampled values put in (integer settings rounded); throws, naming the setting, on a value the model cannot take. */
export function applySequenceParams(base: SequenceModelConfig, params: Params): SequenceModelConfig {
  const c: SequenceModelConfig = { ...base, lossWeights: { ...base.lossWeights }, earlyStopping: { ...base.earlyStopping } };
  for (const [name, v] of Object.entries(params)) {
    if (!isTunable(name)) throw new Error(`${name}: not a tunable sequence setting`);
    if (name === 'bidirectional') {
      if (typeof v !== 'boolean') throw new Error(`bidirectional: expected true or false, got ${JSON.stringify(v)}`);
      c.bidirectional = v;
    } else c[name] = INT_KEYS.has(name) ? Math.round(num(name, v)) : num(name, v);
  }
  checkSequenceModelConfig(c);
  return c;
}

/** Validation figures a search can optimise: keys of a sequence run's final metrics, and the weighted loss of all three heads. */
const METRICS: SearchMetric[] = [
  { key: 'top1', direction: 'maximize' },
  { key: 'top5', direction: 'maximize' },
  { key: 'val_loss', direction: 'minimize' },
];

export function sequenceMetricOf(m: Pick<SequenceMetrics, 'top1' | 'top5' | 'losses'>, metric: string): number {
  if (metric === 'top1') return m.top1;
  if (metric === 'top5') return m.top5;
  if (metric === 'val_loss') return m.losses.total;
  throw new Error(`no validation metric "${metric}" for the sequence model (use ${METRICS.map((x) => x.key).join(', ')})`);
}

/** The histories table and the data options of a single run: examples, vocabulary and cuts are built once for every trial. */
export interface SequenceSearchInput {
  frame: Frame;
  data: SequenceDataConfig;
  sourceName: string;
}

type SequenceEngine = NonNullable<Parameters<typeof trainSequence>[3]>;

/** The next-title model: each trial a whole run on the same examples and engine, its value the kept model's validation figure. */
export const sequenceSearch: SearchFamily<SequenceSearchInput, SequenceModelConfig, SequenceEngine> = {
  id: 'sequence',
  label: 'sequence model',
  resource: 'epochs',
  firstRung: 2,
  params: SEQUENCE_PARAM_RANGES,
  spaceErrors: (space) => unknownSettings(space, TUNABLE_SEQUENCE, 'sequence setting'),
  defaultSpace: (): SearchSpace =>
    DEFAULT_SPACE.map((name) => {
      const r = SEQUENCE_PARAM_RANGES[name];
      return { name, ...r, ...(r.choices ? { choices: r.choices.slice() } : {}) };
    }),
  metrics: () => METRICS.map((m) => ({ ...m })),
  applyParams: applySequenceParams,
  maxSteps: (base, space) => maxOfParam(space, 'epochs', base.epochs),
  // no WebGPU path for the recurrent model: Kiln's CPU engine or TF.js, as a single run
  engine: { what: () => 'the BiLSTM', gpuPath: false },
  describeInput: (i) => `${i.frame.rowCount.toLocaleString('en-US')} rows into histories, vocabulary and examples`,
  prepare: ({ input, metric, engine }) => {
    if (!METRICS.some((m) => m.key === metric)) throw new Error(`no validation metric "${metric}" for the sequence model (use ${METRICS.map((x) => x.key).join(', ')})`);
    const p = prepareSequence(input.frame, input.data, input.sourceName);
    return {
      splitSizes: { train: p.rows.train.length, validation: p.rows.validation.length, test: p.rows.test.length },
      featureNames: [],
      droppedRows: p.skippedRoles,
      runTrial: async (config, report, hooks) => {
        let pruned = false;
        const trained = await trainSequence(
          p,
          config,
          {
            shouldStop: () => pruned || (hooks.shouldStop?.() ?? false),
            onEpoch: (e) => {
              hooks.onStep?.({ trainLoss: e.train.total, valLoss: e.val.total, elapsedMs: e.elapsedMs, numTensors: e.numTensors });
              const v = metric === 'val_loss' ? e.val.total : (e.valMetrics[metric] ?? NaN);
              if (report(e.epoch, v) === 'prune') pruned = true;
            },
          },
          engine,
        );
        trained.model.dispose();
        if (trained.fit.reason === 'non-finite-loss') throw new Error(trained.fit.message ?? 'the loss became non-finite');
        return { value: sequenceMetricOf(trained.report.validation, metric), steps: trained.fit.epochsRun };
      },
    };
  },
};
