import { useState } from 'react';
import type { SearchRunRecord } from '../../db/records';
import type { Frame } from '../../ml/data/frame';
import { defaultCvConfig } from '../../ml/eval/cross-validation';
import { applyGbdtParams } from '../../ml/tune/gbdt-objective';
import type { Trial } from '../../ml/tune/search';
import { applyTabularParams } from '../../ml/tune/tabular-objective';
import { useDatasets } from '../../state/datasets-store';
import type { GbdtSetup } from '../../state/gbdt-setup';
import { useGbdt } from '../../state/gbdt-store';
import { useNav } from '../../state/nav-store';
import { useRuns } from '../../state/runs-store';
import { useFamilyChoice } from '../../state/family-choice';
import { useSettings } from '../../state/settings-store';
import { useTraining } from '../../state/training-store';
import { isBusy } from '../train/TrainControls';
import { formatParam, formatValue } from './format';
import { metricName } from '../../ml/metrics/metric-names';
import { numberAttr } from '../train/number-attr';

/** The search's dataset selected and its rows loaded, as the run to start needs them. */
async function searchFrame(run: SearchRunRecord): Promise<Frame> {
  const ds = useDatasets.getState();
  if (!ds.datasets.some((d) => d.id === run.datasetId)) throw new Error(`the dataset ${run.datasetName} is no longer stored; import it again to train this config`);
  if (ds.selectedId !== run.datasetId || !ds.frame) await ds.select(run.datasetId);
  const frame = useDatasets.getState().frame;
  if (!frame) throw new Error(`could not load the rows of ${run.datasetName}`);
  return frame;
}

/**
 * Trains the best trial's config as a plain run of the trial family on the search's own task and
 * split (and preprocessing): that run is a model, with a run view to register it from. The studio
 * is shown afterwards, where the family's training panel follows it live.
 */
async function trainBest(run: SearchRunRecord, best: Trial): Promise<void> {
  if (run.trialFamily === 'gbdt') {
    const model = applyGbdtParams(run.base, best.params);
    const frame = await searchFrame(run);
    const cur = useGbdt.getState().setups[run.datasetId];
    const { task } = run;
    // the workspace form shows what the run trains: the search's task and split, holdout, the best params
    const setup: GbdtSetup = { target: task.target, kind: task.kind, labels: task.labels ?? [], features: task.features.slice(), model, mode: 'holdout', split: run.split, cv: cur?.cv ?? { ...defaultCvConfig(), strategy: task.kind === 'regression' ? 'kfold' : 'stratified' } };
    useGbdt.setState((s) => ({ setups: { ...s.setups, [run.datasetId]: setup } }));
    useFamilyChoice.getState().choose(run.datasetId, 'gbdt');
    useRuns.getState().closeRun();
    useNav.getState().go('studio');
    await useGbdt.getState().start({ frame, datasetId: run.datasetId, datasetName: run.datasetName, setup });
    return;
  }
  const model = applyTabularParams(run.base, best.params);
  const frame = await searchFrame(run);
  useFamilyChoice.getState().choose(run.datasetId, 'tabular');
  useRuns.getState().closeRun();
  useNav.getState().go('studio');
  await useTraining.getState().start({
    frame,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    setup: { task: run.task, split: run.split, preprocess: run.preprocess, model },
    backend: useSettings.getState().backend,
    // on the engine the trials trained on, whatever the Engine setting says now, so the run
    // reproduces the trial's figure (engines agree only to float rounding, and their dropout masks
    // differ); a search stored without one ran before trials could train on Kiln's engine: TF.js
    engine: run.engine?.engine ?? 'tfjs',
  });
}

/** The best trial in words, and the button that trains it as a run. */
export function TrainBest({ run, best }: { run: SearchRunRecord; best: Trial | null }) {
  const tabularBusy = useTraining((s) => isBusy(s.phase));
  const gbdtBusy = useGbdt((s) => isBusy(s.phase));
  const training = run.trialFamily === 'gbdt' ? gbdtBusy : tabularBusy;
  const [error, setError] = useState<string | null>(null);
  if (!best) return <p className="muted" data-testid="search-best">No trial completed, so there is no best config to train.</p>;
  return (
    <div className="search-best" data-testid="search-best" data-trial={best.index} data-value={numberAttr(best.value)}>
      <p>
        Best: trial {best.index + 1} · {metricName(run.study.metric)} <strong>{formatValue(best.value)}</strong> ·{' '}
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
        <span className="muted">same task, split{run.trialFamily === 'gbdt' ? '' : ' and preprocessing'}; the run can then be registered</span>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="train-best-error">
          {error}
        </p>
      )}
    </div>
  );
}
