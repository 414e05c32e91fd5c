import { useSequence } from '../../state/sequence-store';
import { guessHistorySource } from '../../state/sequence-setup';
import { defineFamily, type WorkspaceProps } from '../families/contract';
import { SequenceRunView } from './SequenceRunView';
import { SequenceSetupForm } from './SequenceSetupForm';
import { SequenceTrainPanel } from './SequenceTrainPanel';
import { sequenceSearchView } from './sequence-search-view';
import type { SequenceSetup } from '../../ml/models/sequence/defaults';

function SequenceWorkspace({ dataset }: WorkspaceProps) {
  const setup = useSequence((s) => s.setups[dataset.id]);
  if (!setup) return null;
  return (
    <>
      <SequenceSetupForm key={dataset.id} dataset={dataset} setup={setup} />
      <SequenceTrainPanel dataset={dataset} setup={setup} />
    </>
  );
}

export const sequenceFamily = defineFamily({
  id: 'sequence',
  title: 'Career sequence',
  detail: 'next title, tenure, hireability',
  unavailable: (dataset) => (guessHistorySource(dataset.stats) ? null : { reason: 'no work histories found in this dataset', needs: 'needs a JSON work-history column, or title + start/end date columns' }),
  prepare: (dataset) => useSequence.getState().ensure(dataset.id, dataset.stats),
  Workspace: SequenceWorkspace,
  searchView: sequenceSearchView,
  RunView: SequenceRunView,
  kilnEngine: { models: 'the career BiLSTM', webgpu: false },
  liveStores: [useSequence],
  headlineMetric: () => 'top1',
  fromRecipe: (c: SequenceSetup) => ({ data: c.data, model: c.model }),
  recipe: async (run) => ({ config: { data: run.data, model: run.model }, data: { data: run.datasetId } }),
  bundle: async (run) => (await import('./build-sequence-export')).buildSequenceExport(run),
  modelType: () => ({ modelType: 'career_trajectory', suffix: 'bilstm' }),
  testHooks: { sequence: () => useSequence.getState() },
});
