import { DismissibleError } from '../shared/DismissibleError';
import { useState } from 'react';
import { STANDARD_ALIASES } from '../../ml/registry/aliases';
import { metricName, summaryMetrics } from '../../ml/metrics/metric-names';
import { useTeam } from '../../state/team-store';
import type { ModelDetail } from '../../team/api';
import { TeamHistory } from './TeamHistory';

const f = (v: number | null | undefined) => (v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(4));

/**
 * The team server's registry: versions of each model type, where the aliases point, who moved
 * them. A move names the version this page last saw on the alias; when someone moved it since,
 * the server refuses, nothing changes, and the page shows where it is now.
 */
export function TeamRegistryPanel() {
  const models = useTeam((s) => s.models);
  const error = useTeam((s) => s.registryError);
  const dismiss = useTeam((s) => s.dismissRegistryError);
  const reload = useTeam((s) => s.loadModels);
  const remoteRuns = useTeam((s) => s.remoteRuns);
  const [chosen, setChosen] = useState<string | null>(null);
  const model = models.find((m) => m.modelType === chosen) ?? models[0];
  const runName = (id: string) => remoteRuns.find((r) => r.id === id)?.name ?? id;
  return (
    <div data-testid="team-registry">
      <DismissibleError error={error} onDismiss={dismiss} testId="registry-error" />
      <div className="train-actions">
        <button type="button" data-testid="team-registry-refresh" onClick={() => void reload()}>
          Refresh from the server
        </button>
      </div>
      {!model ? (
        <p className="muted">No model is registered on the team server yet: open a finished run and register it on the team server.</p>
      ) : (
        <>
          <div className="train-actions" role="tablist" aria-label="Models">
            {models.map((m) => (
              <button key={m.modelType} type="button" role="tab" aria-selected={m === model} className={m === model ? 'primary' : ''} data-testid="registry-model" data-model={m.modelType} onClick={() => setChosen(m.modelType)}>
                {m.modelType}
              </button>
            ))}
          </div>
          <table className="metrics" data-testid="registry-versions">
            <thead>
              <tr>
                <th>Version</th>
                <th>Aliases</th>
                <th>Run</th>
                <th>Registered by</th>
                <th>Metrics</th>
              </tr>
            </thead>
            <tbody>
              {model.versions.map((v) => (
                <tr key={v.id} data-testid="registry-version" data-version={v.id} data-author={v.author}>
                  <td>{v.id}</td>
                  <td>
                    {Object.entries(model.aliases)
                      .filter(([, x]) => x === v.id)
                      .map(([a]) => (
                        <span key={a} className="badge" data-alias={a}>
                          {a}
                        </span>
                      ))}
                  </td>
                  <td>{runName(v.runId)}</td>
                  <td>
                    {v.author}, <time dateTime={new Date(v.createdAt).toISOString()}>{new Date(v.createdAt).toLocaleString()}</time>
                  </td>
                  <td>
                    {summaryMetrics(Object.fromEntries(Object.entries(v.metrics).map(([k, x]) => [k, x ?? Number.NaN])))
                      .map(([k, x]) => `${metricName(k)} ${f(x)}`)
                      .join(' · ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <TeamAliasControls key={model.modelType} model={model} />
          <TeamHistory model={model} />
        </>
      )}
    </div>
  );
}

function TeamAliasControls({ model }: { model: ModelDetail }) {
  const move = useTeam((s) => s.move);
  const rollback = useTeam((s) => s.rollback);
  const canPromote = useTeam((s) => s.can('promote'));
  const [alias, setAlias] = useState('production');
  const [to, setTo] = useState(model.versions[0]?.id ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // what this page shows on the alias: the server moves it only if that is still so
  const seen = model.aliases[alias] ?? null;
  const seenProduction = model.aliases.production ?? null;
  const act = async (f: () => Promise<boolean>) => {
    setBusy(true);
    if (await f()) setNote('');
    setBusy(false);
  };
  const why = canPromote ? '' : 'this token may not move aliases (it lacks the promote scope)';
  return (
    <div className="form-grid" data-testid="alias-controls">
      <label>
        Alias
        <select data-testid="alias-name" value={alias} onChange={(e) => setAlias(e.target.value)}>
          {[...new Set([...STANDARD_ALIASES, ...Object.keys(model.aliases)])].map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label>
        Version
        <select data-testid="alias-version" value={to} onChange={(e) => setTo(e.target.value)}>
          {model.versions.map((v) => (
            <option key={v.id} value={v.id}>
              {v.id}
            </option>
          ))}
        </select>
      </label>
      <label className="wide">
        Note
        <input data-testid="alias-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="why" />
      </label>
      <div className="train-actions">
        <button type="button" className="primary" data-testid="alias-move" disabled={!to || busy || !canPromote} title={why} onClick={() => void act(() => move(model.modelType, alias, to, seen, note))}>
          Point {alias} at {to || '…'}
        </button>
        <button type="button" className="danger" data-testid="rollback-production" disabled={!seenProduction || busy || !canPromote} title={why} onClick={() => void act(() => rollback(model.modelType, 'production', seenProduction, note || 'rollback'))}>
          Roll back production{seenProduction ? ` (now ${seenProduction})` : ''}
        </button>
      </div>
      <p className="muted">
        This page shows {alias} on {seen ?? 'no version'}; a move is refused if someone moved it since.
      </p>
    </div>
  );
}
