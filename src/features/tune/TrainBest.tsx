import { useState } from 'react';
import type { SearchRunRecord } from '../../db/records';
import type { Trial } from '../../ml/tune/search';
import { applyTabularParams } from '../../ml/tune/tabular-objective';
import { useDatasets } from '../../state/datasets-store';
import { useNav } from '../../state/nav-store';
import { useRuns } from '../../state/runs-store';
import { useSequence } from '../../state/sequence-store';
import { useSettings } from '../../state/settings-store';
import { useTraining } from '../../state/training-store';
import { isBusy } from '../train/TrainControls';
import { formatParam, formatValue } from './format';

/**
 * Trains the best trial's config as a plain tabular run on the search's own task, split and
 * preprocessing: that run is a model, with a run view to register it from. The studio is shown
 * afterwards, where the training panel follows it live.
 */
async function trainBest(run: SearchRunRecord, best: Trial): Promise<void> {
  const model = applyTabularParams(run.base, best.params);
  const ds = useDatasets.getState();
  if (!ds.datasets.some((d) => d.id === run.datasetId)) throw new Error(`the dataset ${run.datasetName} is no longer stored; import it again to train this config`);
  if (ds.selectedId !== run.datasetId || !ds.frame) await ds.select(run.datasetId);
  const frame = useDatasets.getState().frame;
  if (!frame) throw new Error(`could not load the rows of ${run.datasetName}`);
  useSequence.getState().setFamily(run.datasetId, 'tabular');
  useRuns.getState().closeRun();
  useNav.getState().go('studio');
  await useTraining.getState().start({
    frame,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    setup: { task: run.task, split: run.split, preprocess: run.preprocess, model },
    backend: useSettings.getState().backend,
  });
}

/** The best trial in words, and the button that trains it as a run. */
export function TrainBest({ run, best }: { run: SearchRunRecord; best: Trial | null }) {
  const training = useTraining((s) => isBusy(s.phase));
  const [error, setError] = useState<string | null>(null);
  if (!best) return <p className="muted" data-testid="search-best">No trial completed, so there is no best config to train.</p>;
  return (
    <div className="search-best" data-testid="search-best" data-trial={best.index} data-value={best.value ?? ''}>
      <p>
        Best: trial {best.index + 1} · {run.study.metric} <strong>{formatValue(best.value)}</strong> ·{' '}
        {Object.entries(best.params)
          .map(([k, v]) => `${k} ${formatParam(v)}`)
          .join(', ')}
      </p>
      <div className="train-actions">
        <button
          type="button"
          className="primary"
          data-testid="train-best"
          disabled={training}
          title={training ? 'a training run is in progress' : ''}
          onClick={() => {
            setError(null);
            trainBest(run, best).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
          }}
        >
          Train the best trial as a run
        </button>
        <span className="muted">same task, split and preprocessing; the run can then be registered</span>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="train-best-error">
          {error}
        </p>
      )}
    </div>
  );
}
