import type { RunRecord } from '../../db/records';
import { useTeam } from '../../state/team-store';

/** "Push to the team": the run's recipe, curves and export bundle go to the connected server (once: a push again stores nothing new). */
export function PushRun({ run }: { run: RunRecord }) {
  const ready = useTeam((s) => s.status === 'ready');
  const canTrack = useTeam((s) => s.can('track'));
  const push = useTeam((s) => s.push);
  const state = useTeam((s) => s.pushes[run.id]);
  const remote = useTeam((s) => s.remoteRuns.find((r) => r.id === run.id));
  if (!ready || run.status === 'running') return null;
  return (
    <div className="train-actions" data-testid="push-run">
      <button type="button" data-testid="push-run-button" disabled={!canTrack || state?.state === 'pushing'} title={canTrack ? '' : 'this token may not push runs (it lacks the track scope)'} onClick={() => void push(run.id)}>
        {state?.state === 'pushing' ? 'Pushing…' : remote ? 'Push again (tags, notes)' : 'Push to the team'}
      </button>
      {remote && state?.state !== 'failed' && (
        <span className="muted" data-testid="push-run-done">
          On the team server (pushed by {remote.author}
          {remote.artifacts.some((a) => a.name === 'model.onnx') ? ', with its model' : ', without a model'})
          {state?.state === 'pushed' && state.noModel ? `: no model, ${state.noModel}` : ''}
        </span>
      )}
      {state?.state === 'failed' && (
        <span className="error-text" role="alert" data-testid="push-run-error">
          Push failed: {state.error}
        </span>
      )}
    </div>
  );
}
