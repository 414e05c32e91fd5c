import { useEffect, useState } from 'react';
import type { RunRecord } from '../../db/records';
import { runRegistrationProblem } from '../../db/registry-repo';
import { modelIdProblems } from '../../ml/registry/model-id';
import { useRegistry } from '../../state/registry-store';
import { useTeam } from '../../state/team-store';
import { defaultModelType, versionOf } from './run-snapshot';

/** Registers a finished run as the next version of a named model; lists the versions it already is. */
export function RegisterRun({ run }: { run: RunRecord }) {
  const versions = useRegistry((s) => s.versions);
  const register = useRegistry((s) => s.register);
  const error = useRegistry((s) => s.error);
  const mine = versions.filter((v) => v.runId === run.id);
  const teamReady = useTeam((s) => s.status === 'ready' && s.can('track'));
  const teamRegister = useTeam((s) => s.register);
  const teamError = useTeam((s) => s.registryError);
  const teamModels = useTeam((s) => s.models);
  const onTeam = teamModels.flatMap((m) => m.versions).filter((v) => v.runId === run.id);
  const [where, setWhere] = useState<'team' | 'local'>('team');
  const toTeam = teamReady && where === 'team';
  const guess = defaultModelType(run);
  const [open, setOpen] = useState(false);
  const [modelType, setModelType] = useState(guess.modelType);
  const [suffix, setSuffix] = useState(guess.suffix);
  const [bump, setBump] = useState<'minor' | 'major'>('minor');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const problems = modelIdProblems(modelType, suffix || null);
  // the registry's own check (status, epochs, stored model, metrics), read again when the run's status changes
  const [refusal, setRefusal] = useState<{ runId: string; status: string; problem: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    void runRegistrationProblem(run.id).then((problem) => live && setRefusal({ runId: run.id, status: run.status, problem }));
    return () => {
      live = false;
    };
  }, [run.id, run.status]);
  const checked = refusal?.runId === run.id && refusal.status === run.status;
  const refused = checked ? refusal.problem : null;
  const submit = async () => {
    setBusy(true);
    // on the team server the run is pushed first, then registered there
    const v = toTeam ? await teamRegister(run.id, modelType, bump, suffix, note) : await register(await versionOf(run, modelType, suffix, note), bump);
    setBusy(false);
    if (v) setOpen(false);
  };
  return (
    <div className="register" data-testid="register-run">
      {mine.length + onTeam.length > 0 && (
        <p data-testid="run-versions">
          Registered as{' '}
          {mine.map((v) => (
            <span key={v.id} className="badge" data-version={v.id} data-where="local">
              {v.id}
              {v.archived ? ' (archived)' : ''}
            </span>
          ))}
          {onTeam.map((v) => (
            <span key={`team:${v.id}`} className="badge" data-version={v.id} data-where="team" title="on the team server">
              {v.id} (team)
            </span>
          ))}
        </p>
      )}
      {!open || refused ? (
        <>
          <button type="button" data-testid="register-open" disabled={!checked || refused !== null} aria-describedby={refused ? `register-refused-${run.id}` : undefined} onClick={() => setOpen(true)}>
            Register as a model version…
          </button>
          {refused && (
            <p className="muted" id={`register-refused-${run.id}`} data-testid="register-refused">
              Not registrable: {refused.replace(/^this run cannot be registered: /, '')}.
            </p>
          )}
        </>
      ) : (
        <div className="form-grid">
          {teamReady && (
            <label>
              Register in
              <select data-testid="register-where" value={where} onChange={(e) => setWhere(e.target.value as 'team' | 'local')}>
                <option value="team">the team server (pushes the run)</option>
                <option value="local">this browser only</option>
              </select>
            </label>
          )}
          <label>
            Model type
            <input data-testid="register-type" value={modelType} onChange={(e) => setModelType(e.target.value)} />
          </label>
          <label>
            Version
            <select data-testid="register-bump" value={bump} onChange={(e) => setBump(e.target.value as 'minor' | 'major')}>
              <option value="minor">next minor (x.y+1)</option>
              <option value="major">next major (x+1.0)</option>
            </select>
          </label>
          <label>
            Suffix (optional)
            <input data-testid="register-suffix" value={suffix} onChange={(e) => setSuffix(e.target.value)} placeholder="ordinal" />
          </label>
          <label className="wide">
            Note
            <input data-testid="register-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="what changed" />
          </label>
          <div className="train-actions">
            <button type="button" className="primary" data-testid="register-submit" disabled={busy || problems.length > 0} onClick={() => void submit()}>
              {busy ? 'Registering…' : 'Register'}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
            {problems.length > 0 && <span className="error-text">{problems.join('; ')}</span>}
          </div>
        </div>
      )}
      {(toTeam ? teamError : error) && open && (
        <p className="error-text" role="alert" data-testid="register-error">
          {toTeam ? teamError : error}
        </p>
      )}
    </div>
  );
}
