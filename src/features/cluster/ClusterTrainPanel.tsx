import type { ClusterRunRecord, DatasetRecord } from '../../db/records';
import type { ClusterRecipe } from '../../ml/models/cluster/defaults';
import { clusterSetupProblems, useCluster } from '../../state/cluster-store';
import { useDatasets } from '../../state/datasets-store';
import { useLiveScope } from '../../state/live-scope';
import { useRuns } from '../../state/runs-store';
import { LiveElsewhere } from '../train/LiveElsewhere';
import { formatDuration, isBusy, RunAlerts, TrainControls } from '../train/TrainControls';
import { ClusterExport } from './ClusterExport';
import { ClusterReportView } from './ClusterReportView';
import { StabilityPanel } from './StabilityPanel';
import { useClusterArtifacts } from './use-cluster-artifacts';

const STAGE_LABEL = { features: 'Building the features (TF-IDF, z-scores, embeddings)', kmeans: 'k-means', sweep: 'Sweeping k (elbow and silhouette)', projection: 'Projecting to 2-D' } as const;

/** Cluster (in a worker), the stages as they run, then the report, stability and export. */
export function ClusterTrainPanel({ dataset, setup }: { dataset: DatasetRecord; setup: ClusterRecipe }) {
  const frame = useDatasets((s) => s.frame);
  const scope = useLiveScope(
    useCluster((s) => s.runId),
    useCluster((s) => s.phase),
    dataset.id,
  );
  const { runId, phase } = scope;
  const own = !scope.elsewhere;
  const stage = useCluster((s) => (own ? s.stage : null));
  const error = useCluster((s) => (own ? s.error : null));
  const saved = useCluster((s) => s.artifactsSaved);
  const start = useCluster((s) => s.start);
  const stop = useCluster((s) => s.stop);
  const run = useRuns((s) => s.runs.find((r): r is ClusterRunRecord => r.id === runId && r.family === 'cluster'));
  const finished = !!run && run.status === 'completed' && saved > 0;
  const { model, report } = useClusterArtifacts(finished ? run.id : null, saved);
  return (
    <section className="card" aria-label="Clustering" data-testid="cluster-train">
      <TrainControls
        phase={phase}
        canStart={!!frame}
        onStart={() => frame && void start({ dataset, frame, config: setup })}
        onStop={stop}
        startLabel={`Cluster (k = ${setup.k})`}
        startingLabel="Starting…"
        stopLabel="Stop"
        backend={null}
        backendNote={null}
        progress={null}
        problems={clusterSetupProblems(setup)}
        unit="rows"
      />
      {stage && isBusy(phase) && (
        <div className="progress-row" data-testid="train-progress">
          <span>
            Step {stage.index + 1}/{stage.stages}: {STAGE_LABEL[stage.name]}…
          </span>
          <progress max={stage.stages} value={stage.index} />
        </div>
      )}
      <LiveElsewhere scope={scope} />
      <RunAlerts error={error} memoryWarning={null} />
      {finished && model && report && (
        <div data-testid="final-metrics" data-status={run.status} data-run-id={run.id} data-k={run.config.k}>
          <p className="muted">
            {run.status} · {formatDuration(run.durationMs ?? null)} · {run.modelId} · inertia {run.finalMetrics?.inertia?.toFixed(3)} · silhouette {run.finalMetrics?.silhouette?.toFixed(3)}
          </p>
          <ClusterReportView model={model} report={report} />
          <h3>Stability</h3>
          <StabilityPanel run={run} />
          <ClusterExport run={run} />
        </div>
      )}
    </section>
  );
}
