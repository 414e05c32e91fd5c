import { headlineMetric } from '../../ml/metrics/evaluate';
import { useGbdt } from '../../state/gbdt-store';
import { defineFamily, framed } from '../families/contract';
import { targetModelType } from '../registry/model-type';
import { GbdtRunView } from './GbdtRunView';
import { GbdtWorkspace } from './GbdtWorkspace';
import { gbdtSearchView } from './gbdt-search-view';
import type { GbdtSetup } from '../../ml/models/gbdt/defaults';
import { defaultCvConfig } from '../../ml/eval/cross-validation';

export const gbdtFamily = defineFamily({
  id: 'gbdt',
  title: 'Gradient-boosted trees',
  detail: 'binary, multiclass, regression, ordinal grades; cross-validation',
  // the form's features follow the column types: a re-typed column rebuilds it from the new statistics
  retyped: (datasetId) => {
    const { [datasetId]: dropped, ...rest } = useGbdt.getState().setups;
    if (dropped) useGbdt.setState({ setups: rest });
  },
  Workspace: framed(GbdtWorkspace),
  searchView: gbdtSearchView,
  RunView: GbdtRunView,
  liveStores: [useGbdt],
  fixedBackend: 'CPU',
  headlineMetric: (run) => headlineMetric(run.task.kind).key,
  fromRecipe: (c: GbdtSetup) => ({ task: { target: c.target, kind: c.kind, labels: c.labels, features: c.features }, evaluation: c.mode === 'cv' ? { mode: 'cv', cv: c.cv } : { mode: 'holdout', split: c.split }, model: c.model }),
  recipe: async (run) => {
    const ev = run.evaluation;
    if (ev.mode === 'cv') throw new Error('a cross-validation run keeps fold metrics, not one model: its recipe would train a holdout run; take the recipe of a holdout run with these settings');
    const setup: GbdtSetup = { target: run.task.target, kind: run.task.kind, labels: run.task.labels ?? [], features: run.task.features, model: run.model, mode: 'holdout', split: ev.split, cv: defaultCvConfig() };
    return { config: setup, data: { data: run.datasetId } };
  },
  bundle: async (run) => (await import('./build-gbdt-export')).buildGbdtExport(run),
  modelType: (run) => ({ modelType: targetModelType(run.task.target, run.task.kind), suffix: `gbdt${run.task.kind === 'ordinal' ? '-ordinal' : ''}` }),
  testHooks: { gbdt: () => useGbdt.getState() },
});
