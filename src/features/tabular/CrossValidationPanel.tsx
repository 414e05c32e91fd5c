import type { DatasetRecord } from '../../db/records';
import { validateTabularConfig } from '../../ml/models/tabular/config';
import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';
import type { Setup } from '../../state/tabular-setup';
import { useSettings } from '../../state/settings-store';
import { targetProblems } from '../../state/target-problems';
import { cvConfigFor, useTabularCv } from '../../state/tabular-cv-store';
import { CvReport } from '../evaluate/CvReport';
import { CvSettings } from '../evaluate/CvSettings';
import { CvTable, cvKeys } from '../evaluate/CvTable';
import { RoundChart } from '../evaluate/RoundChart';
import { useCvResult } from '../evaluate/use-cv-result';
import { formatDuration, isBusy, RunAlerts, TrainControls } from '../train/TrainControls';
import { useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';
import { EngineLine } from '../train/EngineLine';


// stable empties: a selector returning a fresh [] would make React re-render forever
const NO_EPOCHS: never[] = [];
const NO_FOLDS: never[] = [];
/** k-fold cross-validation of the task, preprocessing and network set above (no model is kept). */
export function CrossValidationPanel({ dataset, setup }: { dataset: DatasetRecord; setup: Setup }) {
  const frame = useDatasets((s) => s.frame);
  const backendPref = useSettings((s) => s.backend);
  const configs = useTabularCv((s) => s.configs);
  const setConfig = useTabularCv((s) => s.setConfig);
  // the live cross-validation shows only on the dataset it runs on
  const scope = useLiveScope(
    useTabularCv((s) => s.runId),
    useTabularCv((s) => s.phase),
    dataset.id,
  );
  const { runId, phase } = scope;
  const own = !scope.elsewhere;
  const epochs = useTabularCv((s) => (own ? s.epochs : NO_EPOCHS));
  const folds = useTabularCv((s) => (own ? s.folds : NO_FOLDS));
  const foldTotal = useTabularCv((s) => (own ? s.foldTotal : 0));
  const backend = useTabularCv((s) => (own ? s.backend : null));
  const backendNote = useTabularCv((s) => (own ? s.backendNote : null));
  const error = useTabularCv((s) => (own ? s.error : null));
  const memoryWarning = useTabularCv((s) => (own ? s.memoryWarning : null));
  const stage = useTabularCv((s) => (own ? s.runStage : null));
  const saved = useTabularCv((s) => s.artifactsSaved);
  const start = useTabularCv((s) => s.start);
  const stop = useTabularCv((s) => s.stop);
  const run = useRuns((s) => s.runs.find((r) => r.id === runId));
  const cv = cvConfigFor(configs, dataset.id, setup.task.kind);
  const finished = !!run && run.status !== 'running' && run.status !== 'failed' && saved > 0;
  const result = useCvResult(finished ? runId : null, saved);
  const problems = [...targetProblems(dataset.stats, setup.task, dataset.rowCount), ...validateTabularConfig(setup.model), ...(setup.task.features.length === 0 ? ['choose at least one feature'] : []), ...(cv.strategy === 'group' && !cv.groupColumn ? ['grouped folds need a group column'] : [])];
  const last = epochs[epochs.length - 1];
  return (
    <details className="card" data-testid="tabular-cv">
      <summary>Cross-validate this setup (k-fold)</summary>
      <div className="form-grid">
        <CvSettings cv={cv} onChange={(c) => setConfig(dataset.id, c)} kind={setup.task.kind} columns={dataset.stats} target={setup.task.target} />
      </div>
      <TrainControls
        phase={phase}
        canStart={!!frame}
        onStart={() => frame && void start({ frame, datasetId: dataset.id, datasetName: dataset.fileName, setup, cv, backend: backendPref })}
        onStop={stop}
        startLabel={`Run ${cv.folds}-fold cross-validation`}
        startingLabel="Starting…"
        backend={backend}
        backendNote={backendNote}
        progress={null}
        stage={stage}
        problems={problems}
        unit="samples"
        testIdPrefix="cv-"
      />
      {own && run && <EngineLine engine={run.engine} testId="cv-run-engine" />}
      {last && isBusy(phase) && (
        <div className="progress-row" data-testid="cv-progress">
          <span>
            Fold {Math.min(folds.length + 1, foldTotal)}/{foldTotal} · epoch {last.valMetrics.round}/{setup.model.epochs} · {formatDuration(last.elapsedMs)}
          </span>
          <progress max={Math.max(1, foldTotal) * setup.model.epochs} value={folds.length * setup.model.epochs + last.valMetrics.round} />
        </div>
      )}
      <LiveElsewhere scope={scope} />
      <RunAlerts error={error} memoryWarning={memoryWarning} />
      {runId && !finished && epochs.length > 0 && <RoundChart points={epochs.map((e) => ({ fold: e.valMetrics.fold, round: e.valMetrics.round, trainLoss: e.trainLoss, validationLoss: e.valLoss }))} title="Early-stopping loss per epoch, by fold (live)" />}
      {runId && !finished && foldTotal > 0 && <CvTable folds={folds} keys={cvKeys(setup.task.kind)} total={foldTotal} />}
      {finished && result && (
        <div data-testid="cv-final" data-status={run.status}>
          <p className="muted">
            {run.status} · {formatDuration(run.durationMs ?? null)}
          </p>
          <CvReport cv={result} kind={setup.task.kind} />
        </div>
      )}
    </details>
  );
}
