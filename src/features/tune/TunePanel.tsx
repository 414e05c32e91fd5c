import type { DatasetRecord, RunRecord, SearchRunRecord } from '../../db/records';
import { validateTabularConfig } from '../../ml/models/tabular/config';
import { bestTrial } from '../../ml/tune/search';
import { tabularMetricChoices, tabularStudyErrors } from '../../ml/tune/tabular-study';
import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';
import type { Setup } from '../../state/setup-defaults';
import { useSettings } from '../../state/settings-store';
import { studySpec, type TuneSetup } from '../../state/tune-setup';
import { tuneSetupFor, useTune } from '../../state/tune-store';
import { NumberField } from '../train/ModelSettings';
import { isBusy, RunAlerts, TrainControls } from '../train/TrainControls';
import { SearchReport } from './SearchReport';
import { SearchSpaceEditor } from './SearchSpaceEditor';
import { TrainBest } from './TrainBest';

function isSearch(r: RunRecord | undefined): r is SearchRunRecord {
  return r?.family === 'search';
}

/** Search, pruning and metric settings next to the space. */
function StudySettings({ tune, set, kind, disabled }: { tune: TuneSetup; set: (p: Partial<TuneSetup>) => void; kind: Setup['task']['kind']; disabled: boolean }) {
  const metric = studySpec(tune, kind).metric;
  return (
    <fieldset className="form-grid" disabled={disabled}>
      <NumberField label="Trials" value={tune.trials} min={1} onChange={(trials) => set({ trials })} testId="tune-trials" />
      <label>
        Sampler
        <select data-testid="tune-sampler" value={tune.sampler} onChange={(e) => set({ sampler: e.target.value as TuneSetup['sampler'] })}>
          <option value="tpe">TPE (learns from finished trials)</option>
          <option value="random">random</option>
        </select>
      </label>
      {tune.sampler === 'tpe' && <NumberField label="Random trials before TPE" value={tune.startupTrials} min={1} onChange={(startupTrials) => set({ startupTrials })} testId="tune-startup" />}
      <NumberField label="Search seed" value={tune.seed} onChange={(seed) => set({ seed })} testId="tune-seed" />
      <label>
        Validation metric
        <select data-testid="tune-metric" value={metric} onChange={(e) => set({ metric: e.target.value })}>
          {tabularMetricChoices(kind).map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" data-testid="tune-pruning" checked={tune.pruning} onChange={(e) => set({ pruning: e.target.checked })} /> Prune weak trials (successive halving)
      </label>
      {tune.pruning && (
        <>
          <NumberField label="First rung at epoch" value={tune.minResource} min={1} onChange={(minResource) => set({ minResource })} testId="tune-min-resource" />
          <NumberField label="Keep 1 in η at each rung" value={tune.reductionFactor} min={2} onChange={(reductionFactor) => set({ reductionFactor })} testId="tune-eta" />
        </>
      )}
    </fieldset>
  );
}

/** Hyperparameter search over the network set above, on the same task, split and preprocessing. */
export function TunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: Setup }) {
  const frame = useDatasets((s) => s.frame);
  const backendPref = useSettings((s) => s.backend);
  const kind = setup.task.kind;
  const t = useTune();
  const tune = tuneSetupFor(t.setups, dataset.id, kind);
  const run = useRuns((s) => s.runs.find((r) => r.id === t.runId));
  const busy = isBusy(t.phase);
  const study = studySpec(tune, kind);
  const studyErrs = tabularStudyErrors(study, kind);
  const spaceErrs = studyErrs.filter((e) => study.space.some((p) => e.startsWith(`${p.name}:`)) || e.includes('search space'));
  const problems = [...studyErrs.filter((e) => !spaceErrs.includes(e)), ...validateTabularConfig(setup.model), ...(setup.task.features.length === 0 ? ['choose at least one feature'] : [])];
  const set = (p: Partial<TuneSetup>) => t.update(dataset.id, kind, (s) => ({ ...s, ...p }));
  const finished = t.finished.length;
  const liveStudy = t.study ?? study;
  const best = bestTrial(t.trials.filter((x) => !!x), liveStudy.direction);
  const bestIndex = best?.index ?? null;
  return (
    <details className="card" data-testid="tune">
      <summary>Search hyperparameters (random / TPE, with pruning)</summary>
      <SearchSpaceEditor space={tune.space} onChange={(space) => set({ space })} errors={spaceErrs} disabled={busy} />
      <StudySettings tune={tune} set={set} kind={kind} disabled={busy} />
      <TrainControls
        phase={t.phase}
        canStart={!!frame && spaceErrs.length === 0}
        onStart={() => frame && void t.start({ frame, datasetId: dataset.id, datasetName: dataset.fileName, setup, tune, backend: backendPref })}
        onStop={t.stop}
        startLabel={`Run search (${tune.trials} trials)`}
        startingLabel="Starting…"
        backend={t.backend}
        backendNote={t.backendNote}
        progress={null}
        problems={problems}
        unit="samples"
        testIdPrefix="tune-"
        stopLabel="Stop (keep finished trials)"
      />
      {t.runId && busy && (
        <div className="progress-row" data-testid="tune-progress" data-finished={finished} aria-live="polite">
          <span>
            {t.current ? `Trial ${t.current.trial + 1} of ${t.total} · epoch ${t.current.epoch}/${t.maxEpochs}` : `Preparing the split…`} · {finished} finished
          </span>
          <progress max={Math.max(1, t.total)} value={finished + (t.current && t.maxEpochs ? Math.min(1, t.current.epoch / t.maxEpochs) : 0)} />
        </div>
      )}
      <RunAlerts error={t.error} memoryWarning={t.memoryWarning} />
      {t.runId && t.trials.length > 0 && (
        <SearchReport trials={t.trials} finished={t.finished} space={liveStudy.space} metric={liveStudy.metric} direction={liveStudy.direction} bestIndex={bestIndex} current={busy ? t.current : null} />
      )}
      {t.phase === 'finished' && isSearch(run) && run.status !== 'failed' && (
        <div data-testid="tune-final" data-status={run.status}>
          <TrainBest run={run} best={best} />
        </div>
      )}
    </details>
  );
}
