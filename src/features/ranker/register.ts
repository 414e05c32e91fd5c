import { useLabeling } from '../../state/ranker-labeling-store';
import { useRanker } from '../../state/ranker-store';
import { defineFamily, framed } from '../families/contract';
import { PairwiseWorkspace } from './labeling/PairwiseWorkspace';
import { RankerRunView } from './RankerRunView';

export const rankerFamily = defineFamily({
  id: 'ranker',
  title: 'Pairwise labeling + ranker',
  detail: 'A vs B, train a scorer on the labels',
  Workspace: framed(PairwiseWorkspace),
  RunView: RankerRunView,
  kilnEngine: { models: 'the ranker', webgpu: true },
  liveStores: [useRanker],
  headlineMetric: () => 'pairwise_accuracy',
  modelType: () => ({ modelType: 'pairwise_ranker', suffix: '' }),
  capabilities: {
    checkpoints: 'Not offered for the ranker yet: a stopped run is saved as it is, but cannot be continued later.',
    crossValidation: 'Not offered for the ranker yet: it is evaluated once, on the held-out pairs (or items) of the split above.',
    search: 'Not offered for the ranker yet: its settings are chosen by hand in the form above.',
  },
  testHooks: { labeling: () => useLabeling.getState(), ranker: () => useRanker.getState() },
});
