import { describe, expect, it } from 'vitest';
import { columnStats } from '../../data/column-stats';
import { familyStudyErrors } from '../../tune/family';
import { defaultClusterRecipe } from './defaults';
import { applyClusterParams, clusterSearch } from './search';
import { blobsFrame } from './test-tables';

describe('the clustering search', () => {
  const frame = blobsFrame(200, 4, 4);
  const base = { ...defaultClusterRecipe(frame.columns.map(columnStats)), features: { text: [], numeric: ['x0', 'x1', 'x2', 'x3'], embedding: null }, labelColumn: 'name', sweep: null };

  it('scores each k by the silhouette on features prepared once; the blobs’ own k scores best', async () => {
    const prepared = await clusterSearch.prepare({ input: { input: { frame, source: 'blobs' }, config: base }, base, metric: 'silhouette', engine: undefined });
    expect(prepared.splitSizes.train + prepared.splitSizes.validation).toBe(200);
    const score = async (k: number) => (await prepared.runTrial(applyClusterParams(base, { k }), () => 'continue', {})).value;
    const four = await score(4);
    expect(four).toBeGreaterThan(await score(2));
    expect(four).toBeGreaterThan(await score(8));
  });

  it('names what it cannot tune or prune', () => {
    expect(() => applyClusterParams(base, { maxFeatures: 10 })).toThrow('maxFeatures: not a tunable clustering setting');
    expect(() => applyClusterParams(base, { k: 0 })).toThrow('k: 0');
    const errs = familyStudyErrors(clusterSearch, { space: [{ name: 'k', kind: 'int', low: 2, high: 8 }, { name: 'tol', kind: 'uniform', low: 0, high: 1 }], metric: 'accuracy', direction: 'maximize', trials: 4, seed: 1, sampler: 'random', pruner: null }, {});
    expect(errs.join('\n')).toMatch(/tol: not a tunable clustering setting/);
    expect(errs.join('\n')).toMatch(/metric: "accuracy" is not reported/);
  });
});
