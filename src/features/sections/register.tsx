import type { SectionsConfig } from '../../ml/models/sections/config';
import { useSections } from '../../state/sections-store';
import { defineFamily, framed } from '../families/contract';
import { buildSectionsExport } from './build-sections-export';
import { SectionsRunView } from './SectionsRunView';
import { sectionsSearchView } from './sections-search-view';
import { SectionsWorkspace } from './SectionsWorkspace';
import { loadSectionsArtifacts } from './use-sections-artifacts';

export const sectionsFamily = defineFamily({
  id: 'sections',
  title: 'Section classifier',
  detail: 'a text column and its section label; TF-IDF into logistic regression or an MLP',
  Workspace: framed(SectionsWorkspace),
  RunView: SectionsRunView,
  searchView: sectionsSearchView,
  liveStores: [useSections],
  kilnEngine: { models: 'section classifiers', webgpu: false },
  headlineMetric: () => 'accuracy',
  fromRecipe: (c: SectionsConfig) => ({ config: c }),
  recipe: async (run) => ({ config: run.config, data: { data: run.datasetId } }),
  bundle: buildSectionsExport,
  // read defensively: a record whose config lacks the model (an import from elsewhere) still gets a type
  modelType: (run) => ({ modelType: 'section_classifier', suffix: (run.config.model as Partial<SectionsConfig['model']> | undefined)?.kind === 'mlp' ? 'mlp' : 'logistic' }),
  testHooks: { sections: () => useSections.getState(), sectionsArtifacts: loadSectionsArtifacts },
});
