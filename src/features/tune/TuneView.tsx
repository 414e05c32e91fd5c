import type { DatasetRecord, RunRecord, SearchRunRecord } from '../../db/records';
import { bestTrial } from '../../ml/tune/search';
import { familyStudyErrors, type SearchContext, type SearchFamily } from '../../ml/tune/family';
import { searchFamily } from '../../ml/tune/families';
import { useRuns } from '../../state/runs-store';
import { metricChoices, studySpec, type TuneSetup } from '../../state/tune-setup';
import { tuneSetupFor, useTune, type SearchStart } from '../../state/tune-store';
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
function StudySettings({ tune, set, context, family, disabled }: { tune: TuneSetup; set: (p: Partial<TuneSetup>) => void; context: SearchContext; family: SearchFamily; disabled: boolean }) {
  const metric = studySpec(tune, family, context).metric;
  const step = stepWord(family);
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
          {metricChoices(family, context).map((m) => (
            <option key={m} value={m}>
              {metricName(m)}
            </option>
          ))}
        </select>
      </label>
      {family.resource === null ? (
        <p className="note" data-testid="tune-no-pruning">
          No pruning: the {family.label} fits in one shot, with no epochs or rounds to stop a weak trial between; every trial runs to the end.
        </p>
      ) : (
        <label className="check">
          <input type="checkbox" data-testid="tune-pruning" checked={tune.pruning} onChange={(e) => set({ pruning: e.target.checked })} /> Prune weak trials (successive halving)
        </label>
      )}
      {tune.pruning && family.resource !== null && (
        <>
          <NumberField label={`First rung at ${step}`} value={tune.minResource} min={1} onChange={(minResource) => set({ minResource })} testId="tune-min-resource" />
          <NumberField label="Keep 1 in η at each rung" value={tune.reductionFactor} min={2} onChange={(reductionFactor) => set({ reductionFactor })} testId="tune-eta" />
        </>
      )}
    </fieldset>
  );
}

/** What a trial's steps are called in progress lines and rung settings. */
export function stepWord(family: SearchFamily): string {
  return family.resource === 'rounds' ? 'round' : family.resource === 'epochs' ? 'epoch' : 'fit';
}

type SearchRequest = Pick<SearchStart, 'input' | 'setup' | 'title'>;

/** What a family's panel hands the shared one: its data and base config, its own problems, and how the search's request is built. */
export interface TuneViewProps {
  dataset: DatasetRecord;
  /** the id of the family's registered search */
  family: string;
  context: SearchContext;
  /** the config every trial starts from (the form's first space may depend on it) */
  base: unknown;
  /** problems of the family's own setup, shown beside the start button */
  problems: string[];
  /** the worker input and the record's family part (once its tables are loaded), or null while the family's data is not ready */
  request: () => SearchRequest | null | Promise<SearchRequest | null>;
  /** false while the family's data is loading */
  ready: boolean;
  summary: string;
  note?: string;
}

/** The search form, live trials and best trial of one family; the live state shown is only a search of this family. */
export function TuneView(p: TuneViewProps) {
  const { dataset, context } = p;
  const family = searchFamily(p.family);
  const t = useTune();
  const tune = tuneSetupFor(t.setups, p.family, dataset.id, context, p.base);
  // a search of this family on this dataset: one on another dataset shows nothing of its trials here
  const scope = useLiveScope(t.runId, t.phase, dataset.id);
  const mine = t.family === p.family && !scope.elsewhere;
  const phase = mine ? t.phase : 'idle';
  const run = useRuns((s) => s.runs.find((r) => r.id === t.runId));
  const busy = isBusy(t.phase);
  const study = studySpec(tune, family, context);
  const studyErrs = familyStudyErrors(family, study, context);
  const spaceErrs = studyErrs.filter((e) => study.space.some((q) => e.startsWith(`${q.name}:`)) || e.includes('search space'));
  const problems = [...studyErrs.filter((e) => !spaceErrs.includes(e)), ...p.problems];
  // from the form as shown: its defaults may depend on the family's setup (a tree space follows the growth mode)
  const set = (q: Partial<TuneSetup>) => t.update(p.family, dataset.id, context, p.base, () => ({ ...tune, ...q }));
  const finished = t.finished.length;
  const liveStudy = (mine ? t.study : null) ?? study;
  const best = bestTrial(t.trials.filter((x) => !!x), liveStudy.direction);
  const bestIndex = best?.index ?? null;
  const step = stepWord(family);
  const onStart = () => {
    void Promise.resolve(p.request())
      .then((r) => r && t.start({ family: p.family, datasetId: dataset.id, datasetName: dataset.fileName, tune, context, base: p.base, ...r }))
      .catch((e: unknown) => useTune.setState({ error: e instanceof Error ? e.message : String(e) }));
  };
  return (
    <details className="card" data-testid="tune" data-family={p.family}>
      <summary>{p.summary}</summary>
      {p.note && (
        <p className="note" data-testid="tune-note">
          {p.note}
        </p>
      )}
      <SearchSpaceEditor space={tune.space} onChange={(space) => set({ space })} errors={spaceErrs} disabled={busy} family={family} />
      <StudySettings tune={tune} set={set} context={context} family={family} disabled={busy} />
      <TrainControls
        phase={phase}
        canStart={p.ready && spaceErrs.length === 0 && !busy}
        onStart={onStart}
        onStop={t.stop}
        startLabel={`Run search (${tune.trials} trials)`}
        startingLabel="Starting…"
        backend={mine ? t.backend : null}
        backendNote={mine ? t.backendNote : null}
        progress={null}
        stage={mine ? t.runStage : null}
        problems={problems}
        unit="samples"
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
      {t.family === p.family && <LiveElsewhere scope={scope} />}
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
