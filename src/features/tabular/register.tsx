import { headlineMetric } from '../../ml/metrics/evaluate';
import { useSetup } from '../../state/tabular-setup-store';
import { useTabularCv } from '../../state/tabular-cv-store';
import { useTraining } from '../../state/tabular-store';
import { defineFamily, type WorkspaceProps } from '../families/contract';
import { targetModelType } from '../registry/model-type';
import { TunePanel } from '../tune/TunePanel';
import { CrossValidationPanel } from './CrossValidationPanel';
import { ModelSettings } from './ModelSettings';
import { OneHotCapNote } from './OneHotCapNote';
import { TabularRunView } from './TabularRunView';
import { TaskSetup } from './TaskSetup';
import { TrainPanel } from './TrainPanel';
import { tabularSearchView } from '../train/tabular-search-view';
import type { Setup } from '../../ml/models/tabular/defaults';

/** Task and model settings, then training, cross-validation and search, all on the dataset's one setup. */
function TabularWorkspace({ dataset }: WorkspaceProps) {
  const setup = useSetup((s) => s.byDataset[dataset.id]);
  const update = useSetup((s) => s.update);
  if (!setup) return null;
  return (
    <>
      <div className="setup-columns">
        <TaskSetup dataset={dataset} setup={setup} />
        <ModelSettings model={setup.model} onChange={(model) => update(dataset.id, (s) => ({ ...s, model }))} />
      </div>
      <TrainPanel dataset={dataset} setup={setup} />
      <CrossValidationPanel dataset={dataset} setup={setup} />
      <TunePanel dataset={dataset} setup={setup} />
    </>
  );
}

export const tabularFamily = defineFamily({
  id: 'tabular',
  title: 'Tabular model',
  detail: 'one row → one target',
  // the task form is made for every dataset: a search's best trial and a re-typed column both update it
  prepare: (dataset) => useSetup.getState().ensure(dataset.id, dataset.stats),
  // the target stays; the features and preprocessing follow the re-typed column
  retyped: (datasetId, stats) => {
    const setup = useSetup.getState();
    const cur = setup.byDataset[datasetId];
    if (cur) setup.setTarget(datasetId, stats, cur.task.target);
  },
  DatasetNote: OneHotCapNote,
  Workspace: TabularWorkspace,
  searchView: tabularSearchView,
  RunView: TabularRunView,
  kilnEngine: { models: 'the tabular models', webgpu: true },
  liveStores: [useTraining, useTabularCv],
  headlineMetric: (run) => headlineMetric(run.task.kind).key,
  fromRecipe: (c: Setup) => ({ task: c.task, split: c.split, preprocess: c.preprocess, model: c.model }),
  recipe: async (run) => {
    if (run.cv) throw new Error('a cross-validation run keeps fold metrics, not one model: its recipe would train a holdout run; take the recipe of a holdout run with these settings');
    return { config: { task: run.task, split: run.split, preprocess: run.preprocess, model: run.model }, data: { data: run.datasetId } };
  },
  bundle: async (run) => (await import('./build-tabular-export')).buildExport(run),
  modelType: (run) => ({ modelType: targetModelType(run.task.target, run.task.kind), suffix: run.task.kind === 'ordinal' ? 'ordinal' : '' }),
  testHooks: { training: () => useTraining.getState(), tabularCv: () => useTabularCv.getState() },
});
