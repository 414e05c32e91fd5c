import type { DatasetRecord, TabularRunRecord } from '../../db/records';
import { validateTabularConfig } from '../../ml/models/tabular/config';
import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';
import type { Setup } from '../../state/tabular-setup';
import { useSettings } from '../../state/settings-store';
import { useTraining } from '../../state/tabular-store';
import { targetProblems } from '../../state/target-problems';
import { LossCharts } from '../train/LossCharts';
import { EngineLine } from '../train/EngineLine';
import { RunAlerts, TrainControls } from '../train/TrainControls';
import { MetricsTable } from '../train/MetricsTable';
import { EvaluationPanel } from './EvaluationPanel';
import { HistogramChart, ReliabilityChart } from '../evaluate/charts';
import type { MetricMap } from '../../ml/metrics/evaluate';
import { ResumeCheckpoint } from '../runs/ResumeCheckpoint';
import { scopedLive, useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';

function pick(m: MetricMap, keys: string[]): MetricMap {
  return Object.fromEntries(keys.filter((k) => k in m).map((k) => [k, m[k]]));
}

/** Which weights a finished run's figures are of: the best epoch's when it restores them, else the last. */
function keptWeights(run: TabularRunRecord): string {
  return run.model.earlyStopping.restoreBestWeights ? `weights of the best epoch, ${run.bestEpoch} of ${run.epochsRun}` : `weights of the last epoch, ${run.epochsRun}`;
}

export function TrainPanel({ dataset, setup }: { dataset: DatasetRecord; setup: Setup }) {
  const frame = useDatasets((s) => s.frame);
  const backendPref = useSettings((s) => s.backend);
  const live = useTraining();
  // a run trained on another dataset shows nothing here (its split, curves, metrics, confusion matrix)
  const scope = useLiveScope(live.runId, live.phase, dataset.id);
  const t = scopedLive(live, scope, { checkpoint: null });
  const run = useRuns((s) => s.runs.find((r) => r.id === t.runId && r.family === 'tabular'));
  const problems = [...targetProblems(dataset.stats, setup.task, dataset.rowCount), ...validateTabularConfig(setup.model), ...(setup.task.features.length === 0 ? ['choose at least one feature'] : [])];
  const last = t.epochs[t.epochs.length - 1];
  const finished = run?.family === 'tabular' && !!run.finalMetrics && run.status !== 'running';

  return (
    <section className="card" aria-label="Training">
      <TrainControls
        phase={t.phase}
        canStart={!!frame}
        onStart={() => frame && void t.start({ frame, datasetId: dataset.id, datasetName: dataset.fileName, setup, backend: backendPref })}
        onStop={t.stop}
        startLabel="Train"
        startingLabel="Starting…"
        backend={t.backend}
        backendNote={t.backendNote}
        progress={t.progress}
        stage={t.runStage}
        problems={problems}
        unit="samples"
      />
      {run?.family === 'tabular' && <EngineLine engine={run.engine} />}
      {run?.family === 'tabular' && run.splitSizes && (
        <p className="muted" data-testid="split-sizes">
          Split: {run.splitSizes.train} train · {run.splitSizes.validation} validation · {run.splitSizes.test} test (seed {run.split.seed}, {run.split.strategy})
        </p>
      )}
      <LiveElsewhere scope={scope} />
      <RunAlerts error={t.error} memoryWarning={t.memoryWarning} />
      {run && <ResumeCheckpoint run={run} live={useTraining} />}
      {t.runId && <LossCharts epochs={t.epochs} steps={t.steps} />}
      {last?.reliability && (
        <div className="charts">
          <ReliabilityChart series={[{ name: `epoch ${last.seq}`, color: '#f08a4b', bins: last.reliability }]} title="Reliability on the validation split (live)" testId="reliability-live" />
          <HistogramChart counts={last.reliability.map((b) => b.count)} title={`Predicted probabilities (validation, epoch ${last.seq})`} testId="histogram-live" />
          {/* once the run ends, the figures of the weights it kept (the final table's), not the last epoch's: one run, one validation log loss */}
          <div data-testid="calibration-live" data-source={finished ? 'kept-weights' : 'latest-epoch'}>
            <MetricsTable
              metrics={pick(finished ? run.finalMetrics! : last.valMetrics, ['ece_15_uniform', 'mce_15_uniform', 'top_label_ece_15_uniform', 'brier', 'log_loss'])}
              caption={finished ? `Calibration, validation split (${keptWeights(run)})` : `Calibration, validation split (epoch ${last.seq}, latest)`}
            />
          </div>
        </div>
      )}
      {finished ? (
        <div data-testid="final-metrics" data-status={run.status}>
          <MetricsTable metrics={run.finalMetrics!} caption={`Validation metrics (${keptWeights(run)}, ${run.status}); log loss as scikit-learn's (float64, clipped at 1e-15)`} />
        </div>
      ) : (
        last && <MetricsTable metrics={last.valMetrics} caption={`Validation metrics, epoch ${last.seq}`} />
      )}
      {run && run.status !== 'running' && run.status !== 'failed' && t.artifactsSaved > 0 && <EvaluationPanel runId={run.id} version={t.artifactsSaved} />}
    </section>
  );
}
