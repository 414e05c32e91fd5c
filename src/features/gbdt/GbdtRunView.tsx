import type { GbdtRunRecord } from '../../db/records';
import { RunHead } from '../runs/RunHead';
import { formatDuration } from '../train/TrainControls';
import { GbdtReport } from './GbdtReport';
import { GbdtCalibrateAndExport } from './GbdtTrainPanel';
import { useGbdtArtifacts } from './use-gbdt-artifacts';

/** A stored GBDT run, as it was when it finished (also after a reload). */
export function GbdtRunView({ run, live, onClose, onDelete }: { run: GbdtRunRecord; live: boolean; onClose: () => void; onDelete: () => void }) {
  const { result } = useGbdtArtifacts(run.id, run.status);
  const m = run.model;
  const ev = run.evaluation;
  return (
    <section className="card" data-testid="run-view" data-run-id={run.id}>
      <RunHead name={run.name} live={live} onClose={onClose} onDelete={onDelete} />
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="run-status">{run.status}</dd>
        <dt>Dataset</dt>
        <dd>{run.datasetName}</dd>
        <dt>Task</dt>
        <dd>
          {run.task.kind} · target {run.task.target} · {run.task.features.length} columns{run.task.labels ? ` · ${run.task.labels.join(' < ')}` : ''}
        </dd>
        <dt>Trees</dt>
        <dd>
          {m.growth} · depth {m.maxDepth || '—'} · ≤ {m.numLeaves} leaves · lr {m.learningRate} · {m.rounds} rounds max · early stop {m.earlyStoppingRounds || 'off'} · seed {m.seed}
        </dd>
        <dt>Evaluation</dt>
        <dd>{ev.mode === 'cv' ? `${ev.cv.folds}-fold ${ev.cv.strategy}${ev.cv.repeats > 1 ? ` × ${ev.cv.repeats} repeats` : ''}${ev.cv.groupColumn && ev.cv.strategy === 'group' ? ` by ${ev.cv.groupColumn}` : ''}` : `holdout (${ev.split.strategy})`}</dd>
        <dt>Time</dt>
        <dd>{formatDuration(run.durationMs ?? null)}</dd>
      </dl>
      {run.message && <p className="error-text">{run.message}</p>}
      {result ? <GbdtReport result={result} /> : run.status !== 'running' && <p className="muted">No stored result (the run did not finish).</p>}
      {result?.mode === 'holdout' && <GbdtCalibrateAndExport run={run} />}
    </section>
  );
}
