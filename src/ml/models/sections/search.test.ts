import { describe, expect, it } from 'vitest';
import { familyStudyErrors } from '../../tune/family';
import type { StudySpec } from '../../tune/study';
import { defaultSectionsConfig } from './config';
import { generateSectionExamples } from './generate-postings';
import { applySectionsParams, sectionsSearch } from './search';

describe('the section classifier search', () => {
  const base = defaultSectionsConfig();

  it('puts sampled values into a copy of the base, naming a bad one', () => {
    const c = applySectionsParams(base, { kind: 'mlp', hiddenUnits: 32.4, maxFeatures: 1000, sublinearTf: false, ngramMax: 1, learningRate: 0.01 });
    expect(c.model).toMatchObject({ kind: 'mlp', hidden: [32], learningRate: 0.01 });
    expect(c.tfidf).toMatchObject({ maxFeatures: 1000, sublinearTf: false, ngramRange: [1, 1] });
    expect(base.model.kind).toBe('logistic');
    expect(() => applySectionsParams(base, { kind: 'svm' })).toThrow('kind: "svm" is not logistic or mlp');
    expect(() => applySectionsParams(base, { dropout: 0.1 })).toThrow('dropout: not a tunable section-classifier setting');
    expect(() => applySectionsParams(base, { learningRate: 0 })).toThrow('model.learningRate');
  });

  it('checks a study: unknown settings, the metric, and no pruning of a one-shot fit', () => {
    const spec: StudySpec = { space: [...sectionsSearch.defaultSpace(base), { name: 'epochsX', kind: 'int', low: 1, high: 2 }], metric: 'qwk', direction: 'maximize', trials: 4, sampler: 'tpe', seed: 1, pruner: { minResource: 1, reductionFactor: 3 } };
    const errs = familyStudyErrors(sectionsSearch, spec, {});
    expect(errs.join('\n')).toMatch(/epochsX: not a tunable section-classifier setting[\s\S]*metric: "qwk"[\s\S]*pruning/);
  });

  it('runs a trial: a whole fit scored on the base split’s test sections', async () => {
    const prepared = await sectionsSearch.prepare({ input: { examples: generateSectionExamples(120, 9), skipped: 0 }, base: { ...base, model: { ...base.model, epochs: 8 } }, metric: 'accuracy', engine: undefined });
    expect(prepared.splitSizes.test).toBeGreaterThan(50);
    const r = await prepared.runTrial(applySectionsParams({ ...base, model: { ...base.model, epochs: 8 } }, { learningRate: 0.05 }), () => 'continue', {});
    expect(r.steps).toBe(1);
    expect(r.value).toBeGreaterThan(0.7);
  });
});
