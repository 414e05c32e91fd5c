import type { DatasetRecord, GbdtRunRecord } from '../../db/records';
import { useDatasets } from '../../state/datasets-store';
import { useGbdt } from '../../state/gbdt-store';
import { gbdtSetupProblems, type GbdtSetup } from '../../state/gbdt-setup';
import { useRuns } from '../../state/runs-store';
import { ExportView } from '../export/ExportPanel';
import { formatDuration, isBusy, RunAlerts, TrainControls } from '../train/TrainControls';
import { useState } from 'react';
import { buildGbdtExport, checkGbdtInOrt } from './build-gbdt-export';
import { GbdtCalibration } from './GbdtCalibration';
import { GbdtThreshold } from './GbdtThreshold';
import { CvTable, cvKeys } from '../evaluate/CvTable';
import { GbdtReport } from './GbdtReport';
import { RoundChart, type RoundPoint } from '../evaluate/RoundChart';
import { useGbdtArtifacts } from './use-gbdt-artifacts';
import { GbdtHeldOutRows } from './GbdtHeldOutRows';
import { useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';


// stable empties: a selector returning a fresh [] would make React re-render forever
const NO_EPOCHS: never[] = [];
const NO_FOLDS: never[] = [];
/** Calibration (binary, multiclass) then the export, which bundles the calibrator once fitted. */
export function GbdtCalibrateAndExport({ run }: { run: GbdtRunRecord }) {
  const [calibrations, setCalibrations] = useState(0);
  return (
    <>
      {run.task.kind === 'binary' && <GbdtThreshold runId={run.id} version={run.status} />}
      <GbdtHeldOutRows key={`rows:${calibrations}`} run={run} />
      <GbdtCalibration runId={run.id} kind={run.task.kind} version={run.status} onSaved={() => setCalibrations((c) => c + 1)} />
      <ExportView key={`export:${calibrations}`} build={() => buildGbdtExport(run)} check={(b) => checkGbdtInOrt(run, b)} checkedOn="validation rows" />
    </>
  );
}

/** Train / stop, live loss per round (per fold in CV) and finished folds, then the stored report. */
export function GbdtTrainPanel({ dataset, setup }: { dataset: DatasetRecord; setup: GbdtSetup }) {
  const frame = useDatasets((s) => s.frame);
  // the live run shows only on the dataset it trains on
  const scope = useLiveScope(
    useGbdt((s) => s.runId),
    useGbdt((s) => s.phase),
    dataset.id,
  );
  const { runId, phase } = scope;
  const own = !scope.elsewhere;
  const epochs = useGbdt((s) => (own ? s.epochs : NO_EPOCHS));
  const folds = useGbdt((s) => (own ? s.folds : NO_FOLDS));
  const foldTotal = useGbdt((s) => (own ? s.foldTotal : 0));
  const error = useGbdt((s) => (own ? s.error : null));
  const stage = useGbdt((s) => (own ? s.runStage : null));
  const checkpoint = useGbdt((s) => (own ? s.checkpoint : null));
  const saved = useGbdt((s) => s.artifactsSaved);
  const start = useGbdt((s) => s.start);
  const stop = useGbdt((s) => s.stop);
  const run = useRuns((s) => s.runs.find((r) => r.id === runId && r.family === 'gbdt'));
  const finished = run?.family === 'gbdt' && run.status !== 'running' && run.status !== 'failed' && saved > 0;
  const { result } = useGbdtArtifacts(finished ? (runId as string) : null, saved);
  const last = epochs[epochs.length - 1];
  const points: RoundPoint[] = epochs.map((e) => ({ fold: e.valMetrics.fold >= 0 ? e.valMetrics.fold : null, round: e.valMetrics.round, trainLoss: e.trainLoss, validationLoss: Number.isNaN(e.valLoss) ? null : e.valLoss }));
  const cvLive = foldTotal > 0;
  return (
    <section className="card" aria-label="GBDT training" data-testid="gbdt-train">
      <TrainControls
        phase={phase}
        canStart={!!frame}
        onStart={() => frame && void start({ frame, datasetId: dataset.id, datasetName: dataset.fileName, setup })}
        onStop={stop}
        startLabel={setup.mode === 'cv' ? `Run ${setup.cv.folds}-fold cross-validation` : 'Train trees'}
        startingLabel="Binning features…"
        backend={null}
        backendNote={null}
        progress={null}
        stage={stage}
        problems={gbdtSetupProblems(setup)}
        unit="rows"
      />
      {runId && (
        <p className="note" data-testid="gbdt-engine">
          Trees train in plain JavaScript in a Web Worker (CPU): histogram building and split search have no GPU kernels here.
        </p>
      )}
      {runId && last && isBusy(phase) && (
        <div className="progress-row" data-testid="train-progress">
          <span>
            {cvLive ? `Fold ${Math.min(folds.length + 1, foldTotal)}/${foldTotal} · ` : ''}round {last.valMetrics.round}/{setup.model.rounds} · {formatDuration(last.elapsedMs)} elapsed
            {cvLive ? ' · cross-validation keeps no checkpoints (a stopped run is trained again)' : checkpoint ? ` · last checkpoint: round ${checkpoint.epoch}` : ''}
          </span>
          <progress max={(foldTotal || 1) * setup.model.rounds} value={folds.length * setup.model.rounds + last.valMetrics.round} />
        </div>
      )}
      <LiveElsewhere scope={scope} />
      <RunAlerts error={error} memoryWarning={null} />
      {runId && !finished && points.length > 0 && <RoundChart points={points} title={cvLive ? 'Early-stopping loss per round, by fold (live)' : 'Loss per round (live)'} />}
      {runId && !finished && cvLive && <CvTable folds={folds} keys={cvKeys(setup.kind)} total={foldTotal} />}
      {finished && result && (
        <div data-testid="final-metrics" data-status={run.status}>
          <p className="muted">
            {run.status} · {formatDuration(run.durationMs ?? null)}
          </p>
          <GbdtReport result={result} />
          {result.mode === 'holdout' && <GbdtCalibrateAndExport run={run} />}
        </div>
      )}
    </section>
  );
}
