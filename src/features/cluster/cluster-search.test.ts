import { describe, expect, it } from 'vitest';
import { defaultClusterRecipe } from '../../ml/models/cluster/defaults';
import { splitClusterRows } from '../../ml/models/cluster/model';
import type { StudySpec } from '../../ml/tune/study';
import { clusterFitRows, clusterMetricSense, clusterSearchFacts, clusterTuneProblems, describeClusterSearch } from './cluster-search';

const base = { ...defaultClusterRecipe([]), features: { text: ['description'], numeric: [], embedding: null } };

describe('the clustering search in the studio', () => {
  it('says which way each index improves: Davies–Bouldin is the one to lower', () => {
    expect(clusterMetricSense('silhouette')).toBe('Silhouette (higher is better, 1 at most)');
    expect(clusterMetricSense('calinski_harabasz')).toMatch(/^Calinski–Harabasz \(higher is better\)$/);
    expect(clusterMetricSense('davies_bouldin')).toMatch(/^Davies–Bouldin \(lower is better/);
  });

  it('describes the k range and the starts, naming the base’s value for a setting the space leaves out', () => {
    expect(describeClusterSearch([{ name: 'k', kind: 'int', low: 2, high: 16 }], 'silhouette', base)).toBe('k 2…16 · starts (n_init) 4 (the base\'s) · scored by Silhouette (higher is better, 1 at most)');
    const both = describeClusterSearch(
      [
        { name: 'k', kind: 'categorical', choices: [3, 5, 8] },
        { name: 'nInit', kind: 'int', low: 1, high: 8, step: 2 },
      ],
      'davies_bouldin',
      base,
    );
    expect(both).toMatch(/^k one of 3, 5, 8 · starts \(n_init\) 1…8 step 2 · scored by Davies–Bouldin \(lower is better/);
  });

  it('stops a k the indices cannot score or the fit cannot have, and lets a space without k through', () => {
    expect(clusterTuneProblems([{ name: 'k', kind: 'int', low: 2, high: 16 }], 500)).toEqual([]);
    expect(clusterTuneProblems([{ name: 'k', kind: 'int', low: 1, high: 6 }], 500)).toEqual(['k: the internal indices need at least 2 clusters; start the range at 2']);
    expect(clusterTuneProblems([{ name: 'k', kind: 'categorical', choices: [4, 40] }], 30)).toEqual(['k: the space reaches k = 40 but the fit has 30 rows; lower its high end']);
    // the row count is unknown while the recipe is invalid: only the lower bound is checked then
    expect(clusterTuneProblems([{ name: 'k', kind: 'int', low: 2, high: 4000 }], null)).toEqual([]);
    expect(clusterTuneProblems([{ name: 'nInit', kind: 'int', low: 1, high: 8 }], 3)).toEqual([]);
  });

  it('counts the rows a fit clusters as the core splits them, and none for a recipe the split rejects', () => {
    expect(clusterFitRows(1000, base)).toBe(splitClusterRows(1000, base).fit.length);
    expect(clusterFitRows(1000, base)).toBe(900);
    expect(clusterFitRows(1000, { ...base, subsample: 0.5 })).toBe(450);
    expect(clusterFitRows(1000, { ...base, subsample: 0 })).toBeNull();
  });

  it('gives the run view the features and what was searched', () => {
    const study: StudySpec = { space: [{ name: 'k', kind: 'int', low: 3, high: 9 }], trials: 4, sampler: 'random', seed: 1, metric: 'silhouette', direction: 'maximize', pruner: null };
    const run = { base: { ...base, seed: 7 }, study };
    expect(clusterSearchFacts(run)).toEqual([
      ['Features', 'TF-IDF of description (max 2,000 terms) · seed 7 · 10% of rows held out'],
      ['Searched', 'k 3…9 · starts (n_init) 4 (the base\'s) · scored by Silhouette (higher is better, 1 at most)'],
    ]);
  });
});
