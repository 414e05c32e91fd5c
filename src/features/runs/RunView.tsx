import { useRuns } from '../../state/runs-store';
import { useTraining } from '../../state/training-store';
import { LossCharts } from '../train/LossCharts';
import { MetricsTable } from '../train/MetricsTable';
import { EvaluationPanel } from '../evaluate/EvaluationPanel';
import { formatDuration } from '../train/TrainPanel';
import { SequenceRunView } from '../sequence/SequenceRunView';

export function RunView() {
  const open = useRuns((s) => s.open);
  const remove = useRuns((s) => s.remove);
  const close = useRuns((s) => s.closeRun);
  const liveId = useTraining((s) => (s.phase === 'finished' || s.phase === 'idle' ? null : s.runId));
  if (!open) return null;
  const { run, epochs, steps } = open;
  if (run.family === 'sequence') return <SequenceRunView run={run} epochs={epochs} steps={steps} live={liveId === run.id} onClose={close} onDelete={() => void remove(run.id)} />;
  const m = run.model;
  return (
    <section className="card" data-testid="run-view" data-run-id={run.id}>
      <div className="run-head">
        <h2>{run.name}</h2>
        <div>
          <button type="button" onClick={close}>
            Back
          </button>
          <button
            type="button"
            className="danger"
            data-testid="delete-run"
            disabled={liveId === run.id}
            onClick={() => {
              if (confirm(`Delete run "${run.name}" with its curves and weights? This cannot be undone.`)) void remove(run.id);
            }}
          >
            Delete run
          </button>
        </div>
      </div>
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="run-status">{run.status}</dd>
        <dt>Dataset</dt>
        <dd>{run.datasetName}</dd>
        <dt>Task</dt>
        <dd>
          {run.task.kind} · target {run.task.target} · {run.task.features.length} features
        </dd>
        <dt>Model</dt>
        <dd>
          {m.architecture === 'mlp' ? `MLP ${m.hiddenUnits.join('×')} ${m.activation}, dropout ${m.dropout}` : 'logistic/linear'} · L2 {m.l2} · Adam lr {m.learningRate} · batch {m.batchSize}
        </dd>
        <dt>Split</dt>
        <dd>
          {run.split.strategy}, seed {run.split.seed}
          {run.splitSizes ? ` · ${run.splitSizes.train}/${run.splitSizes.validation}/${run.splitSizes.test}` : ''}
        </dd>
        <dt>Backend</dt>
        <dd data-testid="run-view-backend">
          {run.backend ?? '—'}
          {run.backendNote ? ` (${run.backendNote})` : ''}
        </dd>
        <dt>Duration</dt>
        <dd>
          {formatDuration(run.durationMs ?? null)} · {run.epochsRun ?? epochs.length} epochs{run.bestEpoch ? `, best ${run.bestEpoch}` : ''}
        </dd>
      </dl>
      {run.message && <p className="note">{run.message}</p>}
      {run.memoryWarning && <p className="error-text">{run.memoryWarning}</p>}
      <LossCharts epochs={epochs} steps={steps} />
      {run.finalMetrics && <MetricsTable metrics={run.finalMetrics} caption="Validation metrics" />}
      {run.status !== 'running' && <EvaluationPanel runId={run.id} />}
    </section>
  );
}
