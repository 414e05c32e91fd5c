import { DismissibleError } from '../shared/DismissibleError';
import { useState } from 'react';
import { compareModelIds } from '../../ml/registry/model-id';
import { currentAliases } from '../../ml/registry/aliases';
import { useNav } from '../../state/nav-store';
import { useRegistry } from '../../state/registry-store';
import { useRuns } from '../../state/runs-store';
import { AliasControls } from './AliasControls';
import { AliasHistory } from './AliasHistory';
import { VersionDiff } from './VersionDiff';
import { metricName, summaryMetrics } from '../../ml/metrics/metric-names';

const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(4));

/** Named models, their versions and aliases; alias moves, rollback, history and version diffs. */
export function RegistryPanel({ embedded = false }: { embedded?: boolean }) {
  const versions = useRegistry((s) => s.versions);
  const events = useRegistry((s) => s.events);
  const error = useRegistry((s) => s.error);
  const dismiss = useRegistry((s) => s.dismissError);
  const archive = useRegistry((s) => s.archive);
  const openRun = useRuns((s) => s.openRun);
  const runIds = useRuns((s) => s.runs.map((r) => r.id).join('\n'));
  const runGone = (id: string) => !runIds.split('\n').includes(id);
  const go = useNav((s) => s.go);
  const types = [...new Set(versions.map((v) => v.modelType))].sort();
  const [chosen, setChosen] = useState<string | null>(null);
  const type = chosen && types.includes(chosen) ? chosen : (types[0] ?? null);
  const mine = versions.filter((v) => v.modelType === type).sort((a, b) => compareModelIds(a.id, b.id));
  const aliases = type ? currentAliases(events, type) : {};
  const aliasesOf = (id: string) => Object.entries(aliases).filter(([, v]) => v === id).map(([a]) => a);
  return (
    <section className={embedded ? '' : 'card'} aria-label={embedded ? "This browser's registry" : 'Model registry'} data-testid={embedded ? 'local-registry' : 'registry-panel'}>
      {!embedded && <h2>Model registry</h2>}
      <DismissibleError error={error} onDismiss={dismiss} testId="registry-error" />
      {types.length === 0 ? (
        <p className="muted">No registered models yet: open a finished run and use “Register as a model version”.</p>
      ) : (
        <>
          <div className="train-actions" role="tablist" aria-label="Models">
            {types.map((t) => (
              <button key={t} type="button" role="tab" aria-selected={t === type} className={t === type ? 'primary' : ''} data-testid="registry-model" data-model={t} onClick={() => setChosen(t)}>
                {t}
              </button>
            ))}
          </div>
          {type && (
            <>
              <table className="metrics" data-testid="registry-versions">
                <thead>
                  <tr>
                    <th>Version</th>
                    <th>Aliases</th>
                    <th>Run</th>
                    <th>Registered</th>
                    <th>Metrics</th>
                    <th>ECE before → after</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {mine.map((v) => (
                    <tr key={v.id} data-testid="registry-version" data-version={v.id} data-archived={v.archived} className={v.archived ? 'muted' : ''}>
                      <td>
                        {v.id}
                        {v.archived ? ' (archived)' : ''}
                      </td>
                      <td>
                        {aliasesOf(v.id).map((a) => (
                          <span key={a} className="badge" data-alias={a}>
                            {a}
                          </span>
                        ))}
                      </td>
                      <td>
                        {runGone(v.runId) ? (
                          <span className="muted" data-testid="version-run-deleted">
                            {v.runName} (run deleted)
                          </span>
                        ) : (
                          <button type="button" className="link" onClick={() => void openRun(v.runId).then(() => go('studio'))}>
                            {v.runName}
                          </button>
                        )}
                      </td>
                      <td>{new Date(v.registeredAt).toLocaleString()}</td>
                      <td>
                        {summaryMetrics(v.metrics)
                          .map(([k, x]) => `${metricName(k)} ${f(x)}`)
                          .join(' · ')}
                      </td>
                      <td>{v.calibration ? `${f(v.calibration.before.ece)} → ${f(v.calibration.after.ece)} (${v.calibration.method})` : '—'}</td>
                      <td>
                        <button
                          type="button"
                          onClick={() => void archive(v.id, !v.archived)}
                          disabled={(!v.archived && aliasesOf(v.id).length > 0) || (v.archived && runGone(v.runId))}
                          title={aliasesOf(v.id).length ? 'move its aliases first' : v.archived && runGone(v.runId) ? 'its run was deleted: there is no model to restore' : ''}
                        >
                          {v.archived ? 'Restore' : 'Archive'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <AliasControls key={`aliases:${type}`} modelType={type} versions={mine} events={events} />
              <AliasHistory modelType={type} events={events} />
              {mine.length >= 2 && <VersionDiff key={`diff:${type}`} versions={mine} />}
            </>
          )}
        </>
      )}
    </section>
  );
}
