import { unknownSettings, type SearchFamily, type SearchMetric } from '../../tune/family';
import type { ParamSpec, ParamValue, Params, SearchSpace } from '../../tune/space';
import { sectionsConfigProblems, type SectionsConfig } from './config';
import type { SectionExample } from './data';
import { sectionsEvaluation } from './evaluate';
import { fitSections, prepareSections } from './train';

/**
 * What a search may set: the vectorizer's size and weighting and the model's. The split and the
 * floor stay the base's, so every trial is scored on the same test rows. A trial is one whole fit
 * (seconds), so `resource` is null: trials are not pruned between epochs.
 */
export const TUNABLE_SECTIONS = ['kind', 'learningRate', 'l2', 'hiddenUnits', 'maxFeatures', 'sublinearTf', 'ngramMax', 'minDf'] as const;
type Tunable = (typeof TUNABLE_SECTIONS)[number];

export const SECTIONS_PARAM_RANGES: Record<Tunable, Omit<ParamSpec, 'name'>> = {
  kind: { kind: 'categorical', choices: ['logistic', 'mlp'] },
  learningRate: { kind: 'log-uniform', low: 1e-3, high: 0.1 },
  l2: { kind: 'log-uniform', low: 1e-7, high: 1e-2 },
  hiddenUnits: { kind: 'int', low: 16, high: 256, step: 16 },
  maxFeatures: { kind: 'categorical', choices: [1000, 3000, 10000] },
  sublinearTf: { kind: 'categorical', choices: [false, true] },
  ngramMax: { kind: 'int', low: 1, high: 2 },
  minDf: { kind: 'int', low: 1, high: 3 },
};
const DEFAULT_SPACE: Tunable[] = ['learningRate', 'l2', 'maxFeatures'];

const METRICS: SearchMetric[] = [
  { key: 'accuracy', direction: 'maximize' },
  { key: 'f1_macro', direction: 'maximize' },
  { key: 'log_loss', direction: 'minimize' },
];

function num(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

export function applySectionsParams(base: SectionsConfig, params: Params): SectionsConfig {
  const c: SectionsConfig = structuredClone(base);
  for (const [name, v] of Object.entries(params)) {
    switch (name as Tunable) {
      case 'kind':
        if (v !== 'logistic' && v !== 'mlp') throw new Error(`kind: "${String(v)}" is not logistic or mlp`);
        c.model.kind = v;
        break;
      case 'learningRate':
      case 'l2':
        c.model[name as 'learningRate' | 'l2'] = num(name, v);
        break;
      case 'hiddenUnits':
        c.model.hidden = [Math.round(num(name, v))];
        break;
      case 'maxFeatures':
      case 'minDf':
        c.tfidf[name as 'maxFeatures' | 'minDf'] = Math.round(num(name, v));
        break;
      case 'sublinearTf':
        if (typeof v !== 'boolean') throw new Error(`sublinearTf: expected true or false, got ${JSON.stringify(v)}`);
        c.tfidf.sublinearTf = v;
        break;
      case 'ngramMax':
        c.tfidf.ngramRange = [c.tfidf.ngramRange[0], Math.round(num(name, v))];
        break;
      default:
        throw new Error(`${name}: not a tunable section-classifier setting (use ${TUNABLE_SECTIONS.join(', ')})`);
    }
  }
  const errs = sectionsConfigProblems(c);
  if (errs.length > 0) throw new Error(errs.join('; '));
  return c;
}

export interface SectionsSearchInput {
  examples: SectionExample[];
  skipped: number;
}

export const sectionsSearch: SearchFamily<SectionsSearchInput, SectionsConfig> = {
  id: 'sections',
  label: 'section classifier',
  resource: null,
  firstRung: 1,
  params: SECTIONS_PARAM_RANGES,
  spaceErrors: (space) => unknownSettings(space, TUNABLE_SECTIONS, 'section-classifier setting'),
  defaultSpace: (): SearchSpace =>
    DEFAULT_SPACE.map((name) => {
      const r = SECTIONS_PARAM_RANGES[name];
      return { name, ...r, ...(r.choices ? { choices: r.choices.slice() } : {}) };
    }),
  metrics: () => METRICS.map((m) => ({ ...m })),
  applyParams: applySectionsParams,
  maxSteps: () => 1,
  engine: null,
  describeInput: (i) => `${i.examples.length.toLocaleString('en-US')} labeled sections`,
  prepare: ({ input, base, metric }) => {
    if (!METRICS.some((m) => m.key === metric)) throw new Error(`no held-out metric "${metric}" for the section classifier (use ${METRICS.map((x) => x.key).join(', ')})`);
    const first = prepareSections(input.examples, base, input.skipped);
    return {
      splitSizes: { train: first.split.train.length, validation: first.split.validation.length, test: first.split.test.length },
      featureNames: [],
      droppedRows: input.skipped,
      runTrial: async (config, _report, hooks) => {
        // the vectorizer is part of what a trial tunes, so each trial prepares its own features
        const p = prepareSections(input.examples, config, input.skipped);
        const f = await fitSections(p, config, undefined, { shouldStop: hooks.shouldStop });
        return { value: sectionsEvaluation(f.model, p).metrics[metric], steps: 1 };
      },
    };
  },
};
