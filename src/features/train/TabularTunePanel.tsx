import type { DatasetRecord } from '../../db/records';
import { validateTabularConfig } from '../../ml/models/tabular/config';
import type { TabularSearchInput } from '../../ml/models/tabular/search';
import { useDatasets } from '../../state/datasets-store';
import type { Setup } from '../../state/tabular-setup';
import { targetProblems } from '../../state/target-problems';
import { TuneView } from '../tune/TuneView';

/** Hyperparameter search over the network set above, on the same task, split and preprocessing. */
export function TabularTunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: Setup }) {
  const frame = useDatasets((s) => s.frame);
  return (
    <TuneView
      dataset={dataset}
      family="tabular"
      context={{ kind: setup.task.kind }}
      base={setup.model}
      ready={!!frame}
      problems={[...targetProblems(dataset.stats, setup.task, dataset.rowCount), ...validateTabularConfig(setup.model), ...(setup.task.features.length === 0 ? ['choose at least one feature'] : [])]}
      request={() => {
        if (!frame) return null;
        const input: TabularSearchInput = { frame, task: setup.task, split: setup.split, preprocess: setup.preprocess };
        return { input, title: setup.task.target, setup: { trialFamily: 'tabular', task: setup.task, split: setup.split, preprocess: setup.preprocess, base: setup.model } };
      }}
      summary="Search hyperparameters (random / TPE, with pruning)"
    />
  );
}
