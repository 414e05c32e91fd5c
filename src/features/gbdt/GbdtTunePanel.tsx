import type { DatasetRecord } from '../../db/records';
import { validateGbdtConfig } from '../../ml/models/gbdt/config';
import { gbdtStudyErrors } from '../../ml/tune/gbdt-study';
import { useDatasets } from '../../state/datasets-store';
import { gbdtSetupProblems, type GbdtSetup } from '../../state/gbdt-setup';
import { useTune } from '../../state/tune-store';
import { TuneView } from '../tune/TunePanel';

/** Hyperparameter search over the trees set above: holdout only, each trial fits on the train rows and is scored on validation. */
export function GbdtTunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: GbdtSetup }) {
  const frame = useDatasets((s) => s.frame);
  const start = useTune((s) => s.start);
  const holdout = { ...setup, mode: 'holdout' as const };
  const problems = [...gbdtSetupProblems(holdout), ...validateGbdtConfig(setup.model), ...(setup.split.validationFraction > 0 ? [] : ['a search scores trials on validation rows: set a validation fraction above 0'])];
  return (
    <TuneView
      dataset={dataset}
      family="gbdt"
      kind={setup.kind}
      defaults={{ growth: setup.model.growth }}
      studyErrors={(study) => gbdtStudyErrors(study, setup.kind)}
      problems={problems}
      onStart={(tune) => frame && void start({ family: 'gbdt', frame, datasetId: dataset.id, datasetName: dataset.fileName, setup: holdout, tune })}
      summary="Search tree hyperparameters (random / TPE, pruned by rounds)"
      note={setup.mode === 'cv' ? 'The search scores each trial on the holdout split set above (validation rows), whatever the evaluation mode.' : undefined}
    />
  );
}
