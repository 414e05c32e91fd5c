import { useTeam } from '../../state/team-store';

/** Who the connected server knows this studio as, and whether finished runs go to the team by themselves. */
export function TeamStatus() {
  const t = useTeam();
  if (t.status === 'off') return null;
  return (
    <div className="team-status" data-testid="team-status" data-status={t.status}>
      {t.status === 'checking' && <p className="muted">Checking the team server…</p>}
      {t.status === 'error' && (
        <p className="muted" data-testid="team-error">
          Team server: {t.error}
        </p>
      )}
      {t.status === 'ready' && t.me && (
        <>
          <p className="muted" data-testid="team-holder">
            Team server: signed in as <strong>{t.me.holder}</strong> ({t.me.scopes.join(', ')}) · {t.remoteRuns.length} team run{t.remoteRuns.length === 1 ? '' : 's'}
          </p>
          <label>
            Experiment{' '}
            <input data-testid="team-experiment" value={t.experiment} onChange={(e) => void t.setExperiment(e.target.value)} placeholder="default" title="pushed runs are filed under this experiment on the server" />
          </label>
          <label className="check" title={t.can('track') ? 'each run is pushed (recipe, curves, export bundle) when it finishes' : 'this token may not push runs (it lacks the track scope)'}>
            <input type="checkbox" data-testid="team-autopush" disabled={!t.can('track')} checked={t.autoPush} onChange={(e) => void t.setAutoPush(e.target.checked)} /> Push every finished run to the team
          </label>
        </>
      )}
    </div>
  );
}
