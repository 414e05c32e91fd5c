import type { DatasetRecord } from '../../db/records';
import { validateGbdtConfig } from '../../ml/models/gbdt/config';
import type { GbdtSearchInput } from '../../ml/models/gbdt/search';
import { useDatasets } from '../../state/datasets-store';
import { gbdtSetupProblems, type GbdtSetup } from '../../state/gbdt-setup';
import { gbdtRunSpec } from '../../state/gbdt-store';
import { TuneView } from '../tune/TuneView';

/** Hyperparameter search over the trees set above: holdout only, each trial fits on the train rows and is scored on validation. */
export function GbdtTunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: GbdtSetup }) {
  const frame = useDatasets((s) => s.frame);
  const holdout = { ...setup, mode: 'holdout' as const };
  const problems = [...gbdtSetupProblems(holdout), ...validateGbdtConfig(setup.model), ...(setup.split.validationFraction > 0 ? [] : ['a search scores trials on validation rows: set a validation fraction above 0'])];
  return (
    <TuneView
      dataset={dataset}
      family="gbdt"
      context={{ kind: setup.kind }}
      base={setup.model}
      ready={!!frame}
      problems={problems}
      request={() => {
        if (!frame) return null;
        const { task } = gbdtRunSpec(holdout, dataset.fileName);
        const input: GbdtSearchInput = { frame, source: dataset.fileName, task, split: setup.split };
        return { input, title: `${task.target} · GBDT`, setup: { trialFamily: 'gbdt', task, split: setup.split, base: setup.model } };
      }}
      summary="Search tree hyperparameters (random / TPE, pruned by rounds)"
      note={setup.mode === 'cv' ? 'The search scores each trial on the holdout split set above (validation rows), whatever the evaluation mode.' : undefined}
    />
  );
}
