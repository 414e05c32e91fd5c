import type { DatasetRecord } from '../../db/records';
import { useDatasets } from '../../state/datasets-store';
import { useRuns } from '../../state/runs-store';
import { useSequence } from '../../state/sequence-store';
import { SequenceTunePanel } from './SequenceTunePanel';
import type { SequenceSetup } from '../../state/sequence-setup';
import { useSettings } from '../../state/settings-store';
import { ReliabilityChart } from '../evaluate/charts';
import { EngineLine } from '../train/EngineLine';
import { LossCharts } from '../train/LossCharts';
import { MetricsTable } from '../train/MetricsTable';
import { formatDuration, RunAlerts, TrainControls } from '../train/TrainControls';
import { DataReport } from './DataReport';
import { HeadLossCharts } from './HeadLossCharts';
import { sequenceSetupProblems } from './SequenceSetupForm';
import { SequenceReport } from './SequenceReport';
import { scopedLive, useLiveScope } from '../../state/live-scope';
import { LiveElsewhere } from '../train/LiveElsewhere';

const LIVE_KEYS = ['top1', 'top5', 'tenure_mae', 'hire_auc', 'top1_ece', 'changer_top1', 'changer_same_rate'];

/** Train / stop, live per-head curves and figures, then the stored report of the finished run. */
export function SequenceTrainPanel({ dataset, setup }: { dataset: DatasetRecord; setup: SequenceSetup }) {
  const frame = useDatasets((s) => s.frame);
  const backendPref = useSettings((s) => s.backend);
  const live = useSequence();
  const scope = useLiveScope(live.runId, live.phase, dataset.id);
  const t = scopedLive(live, scope, { dataReport: null });
  const run = useRuns((s) => s.runs.find((r) => r.id === t.runId && r.family === 'sequence'));
  const problems = sequenceSetupProblems(setup);
  const last = t.epochs[t.epochs.length - 1];
  return (
    <>
      <section className="card" aria-label="Sequence training" data-testid="sequence-train">
        <TrainControls
          phase={t.phase}
          canStart={!!frame}
          onStart={() => frame && void t.start({ frame, datasetId: dataset.id, datasetName: dataset.fileName, setup, backend: backendPref })}
          onStop={t.stop}
          startLabel="Train sequence model"
          startingLabel="Preparing sequences…"
          backend={t.backend}
          backendNote={t.backendNote}
          progress={t.progress}
          stage={t.runStage}
          problems={problems}
          unit="sequences"
        />
        <LiveElsewhere scope={scope} />
        <RunAlerts error={t.error} memoryWarning={t.memoryWarning} />
        {run && <EngineLine engine={run.engine} />}
        {t.dataReport && !(run && run.status !== 'running' && t.artifactsSaved > 0) && <DataReport r={t.dataReport} />}
        {t.runId && <HeadLossCharts epochs={t.epochs} />}
        {t.runId && <LossCharts epochs={t.epochs} steps={t.steps} />}
        {last && (
          <div className="charts">
            <ReliabilityChart series={[{ name: `epoch ${last.seq}`, color: '#f08a4b', bins: last.reliability ?? [] }]} title="Top-1 confidence reliability, validation (live)" testId="reliability-live" />
            <MetricsTable metrics={Object.fromEntries(LIVE_KEYS.map((k) => [k, last.valMetrics[k]]))} caption={`Validation, epoch ${last.seq}`} />
          </div>
        )}
        {run?.family === 'sequence' && run.status !== 'running' && run.status !== 'failed' && t.artifactsSaved > 0 && (
          <div data-testid="final-metrics" data-status={run.status}>
            <p className="muted">
              {run.status} · best epoch {run.bestEpoch} of {run.epochsRun} · {formatDuration(run.durationMs ?? null)}
            </p>
            <SequenceReport run={run} version={t.artifactsSaved} />
          </div>
        )}
      </section>
      <SequenceTunePanel dataset={dataset} setup={setup} />
    </>
  );
}
