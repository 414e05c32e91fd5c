import { useLabeling } from '../../state/ranker-labeling-store';
import { useRanker } from '../../state/ranker-store';
import { defineFamily, framed } from '../families/contract';
import { PairwiseWorkspace } from './labeling/PairwiseWorkspace';
import { RankerRunView } from './RankerRunView';
import { rankerSearchView } from './ranker-search-view';
import { labelsAsOf } from './ranker-recipe';
import type { RankerConfig } from '../../ml/models/ranker/config';
import type { RankerOptions } from '../../ml/models/ranker/recipe-tables';

export const rankerFamily = defineFamily({
  id: 'ranker',
  title: 'Pairwise labeling + ranker',
  detail: 'A vs B, train a scorer on the labels',
  Workspace: framed(PairwiseWorkspace),
  searchView: rankerSearchView,
  RunView: RankerRunView,
  kilnEngine: { models: 'the ranker', webgpu: true },
  liveStores: [useRanker],
  headlineMetric: () => 'pairwise_accuracy',
  fromRecipe: (c: RankerConfig, o: RankerOptions) => ({ model: c, pool: o.pool }),
  recipe: async (run) => ({ config: run.model, data: { items: run.datasetId, labels: await labelsAsOf(run) }, options: { pool: run.pool } }),
  bundle: async (run) => (await import('./build-ranker-export')).buildRankerExport(run),
  modelType: () => ({ modelType: 'pairwise_ranker', suffix: '' }),
  testHooks: { labeling: () => useLabeling.getState(), ranker: () => useRanker.getState() },
});
