import type { DatasetRecord, RunRecord, SearchRunRecord } from '../../db/records';
import { validateTabularConfig } from '../../ml/models/tabular/config';
import { bestTrial } from '../../ml/tune/search';
import type { StudySpec } from '../../ml/tune/study';
import { tabularStudyErrors } from '../../ml/tune/tabular-study';
import type { TaskKind } from '../../ml/task';
import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';
import type { Setup } from '../../state/setup-defaults';
import { useSettings } from '../../state/settings-store';
import { targetProblems } from '../../state/target-problems';
import { metricChoices, studySpec, type TuneFamily, type TuneSetup } from '../../state/tune-setup';
import { tuneSetupFor, useTune } from '../../state/tune-store';
import { NumberField } from '../train/NumberField';
import { isBusy, RunAlerts, TrainControls } from '../train/TrainControls';
import { SearchReport } from './SearchReport';
import { SearchSpaceEditor } from './SearchSpaceEditor';
import { useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';
import { EngineLine } from '../train/EngineLine';
import { TrainBest } from './TrainBest';
import { metricName } from '../../ml/metrics/metric-names';

function isSearch(r: RunRecord | undefined): r is SearchRunRecord {
  return r?.family === 'search';
}

/** Search, pruning and metric settings next to the space. */
function StudySettings({ tune, set, kind, family, disabled }: { tune: TuneSetup; set: (p: Partial<TuneSetup>) => void; kind: TaskKind; family: TuneFamily; disabled: boolean }) {
  const metric = studySpec(tune, kind, family).metric;
  const step = family === 'gbdt' ? 'round' : 'epoch';
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
          {metricChoices(kind, family).map((m) => (
            <option key={m} value={m}>
              {metricName(m)}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" data-testid="tune-pruning" checked={tune.pruning} onChange={(e) => set({ pruning: e.target.checked })} /> Prune weak trials (successive halving)
      </label>
      {tune.pruning && (
        <>
          <NumberField label={`First rung at ${step}`} value={tune.minResource} min={1} onChange={(minResource) => set({ minResource })} testId="tune-min-resource" />
          <NumberField label="Keep 1 in η at each rung" value={tune.reductionFactor} min={2} onChange={(reductionFactor) => set({ reductionFactor })} testId="tune-eta" />
        </>
      )}
    </fieldset>
  );
}

/** What a family's panel hands the shared one: its task, its own problems, and how a search starts. */
export interface TuneFamilyProps {
  dataset: DatasetRecord;
  family: TuneFamily;
  kind: TaskKind;
  /** the form's defaults before the first edit (GBDT: the space follows the growth mode) */
  defaults?: { growth?: 'depthwise' | 'leafwise' };
  studyErrors: (study: StudySpec) => string[];
  /** problems of the family's own setup, shown beside the start button */
  problems: string[];
  onStart: (tune: TuneSetup) => void;
  summary: string;
  note?: string;
}

/** The search form, live trials and best trial of one family; the live state shown is only a search of this family. */
export function TuneView(p: TuneFamilyProps) {
  const { dataset, family, kind } = p;
  const frame = useDatasets((s) => s.frame);
  const t = useTune();
  const tune = tuneSetupFor(t.setups, dataset.id, kind, family, p.defaults?.growth);
  // a search of this family on this dataset: one on another dataset shows nothing of its trials here
  const scope = useLiveScope(t.runId, t.phase, dataset.id);
  const mine = t.family === family && !scope.elsewhere;
  const phase = mine ? t.phase : 'idle';
  const run = useRuns((s) => s.runs.find((r) => r.id === t.runId));
  const busy = isBusy(t.phase);
  const study = studySpec(tune, kind, family);
  const studyErrs = p.studyErrors(study);
  const spaceErrs = studyErrs.filter((e) => study.space.some((q) => e.startsWith(`${q.name}:`)) || e.includes('search space'));
  const problems = [...studyErrs.filter((e) => !spaceErrs.includes(e)), ...p.problems];
  // from the form as shown: its defaults may depend on the family's setup (the GBDT growth mode)
  const set = (q: Partial<TuneSetup>) => t.update(dataset.id, kind, () => ({ ...tune, ...q }), family);
  const finished = t.finished.length;
  const liveStudy = (mine ? t.study : null) ?? study;
  const best = bestTrial(t.trials.filter((x) => !!x), liveStudy.direction);
  const bestIndex = best?.index ?? null;
  const step = family === 'gbdt' ? 'round' : 'epoch';
  return (
    <details className="card" data-testid="tune" data-family={family}>
      <summary>{p.summary}</summary>
      {p.note && <p className="note">{p.note}</p>}
      <SearchSpaceEditor space={tune.space} onChange={(space) => set({ space })} errors={spaceErrs} disabled={busy} family={family} />
      <StudySettings tune={tune} set={set} kind={kind} family={family} disabled={busy} />
      <TrainControls
        phase={phase}
        canStart={!!frame && spaceErrs.length === 0 && !busy}
        onStart={() => p.onStart(tune)}
        onStop={t.stop}
        startLabel={`Run search (${tune.trials} trials)`}
        startingLabel="Starting…"
        backend={mine ? t.backend : null}
        backendNote={mine ? t.backendNote : null}
        progress={null}
        stage={mine ? t.runStage : null}
        problems={problems}
        unit={family === 'gbdt' ? 'rows' : 'samples'}
        testIdPrefix="tune-"
        stopLabel="Stop (keep finished trials)"
      />
      {mine && run && <EngineLine engine={run.engine} testId="tune-run-engine" />}
      {mine && t.runId && busy && (
        <div className="progress-row" data-testid="tune-progress" data-finished={finished} aria-live="polite">
          <span>
            {t.current ? `Trial ${t.current.trial + 1} of ${t.total} · ${step} ${t.current.epoch}/${t.maxEpochs}` : `Preparing the split…`} · {finished} finished
          </span>
          <progress max={Math.max(1, t.total)} value={finished + (t.current && t.maxEpochs ? Math.min(1, t.current.epoch / t.maxEpochs) : 0)} />
        </div>
      )}
      {t.family === family && <LiveElsewhere scope={scope} />}
      {mine && <RunAlerts error={t.error} memoryWarning={t.memoryWarning} />}
      {mine && t.runId && t.trials.length > 0 && (
        <SearchReport trials={t.trials} finished={t.finished} space={liveStudy.space} metric={liveStudy.metric} direction={liveStudy.direction} bestIndex={bestIndex} current={busy ? t.current : null} />
      )}
      {mine && t.phase === 'finished' && isSearch(run) && run.status !== 'failed' && (
        <div data-testid="tune-final" data-status={run.status}>
          <TrainBest run={run} best={best} />
        </div>
      )}
    </details>
  );
}

/** Hyperparameter search over the network set above, on the same task, split and preprocessing. */
export function TunePanel({ dataset, setup }: { dataset: DatasetRecord; setup: Setup }) {
  const frame = useDatasets((s) => s.frame);
  const backendPref = useSettings((s) => s.backend);
  const start = useTune((s) => s.start);
  const kind = setup.task.kind;
  return (
    <TuneView
      dataset={dataset}
      family="tabular"
      kind={kind}
      studyErrors={(study) => tabularStudyErrors(study, kind)}
      problems={[...targetProblems(dataset.stats, setup.task, dataset.rowCount), ...validateTabularConfig(setup.model), ...(setup.task.features.length === 0 ? ['choose at least one feature'] : [])]}
      onStart={(tune) => frame && void start({ frame, datasetId: dataset.id, datasetName: dataset.fileName, setup, tune, backend: backendPref })}
      summary="Search hyperparameters (random / TPE, with pruning)"
    />
  );
}
