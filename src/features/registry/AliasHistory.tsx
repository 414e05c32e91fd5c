import { useState } from 'react';
import type { ModelEventRecord } from '../../db/records';
import { aliasAt, aliasHistory } from '../../ml/registry/aliases';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Every alias move of a model, newest first, and "which version did `alias` point to at time T". */
export function AliasHistory({ modelType, events }: { modelType: string; events: ModelEventRecord[] }) {
  const history = aliasHistory(events, modelType);
  const [alias, setAlias] = useState('production');
  // empty means "now": every move recorded so far counts, including ones made after the page opened
  // (the old default, the time the page was opened, answered "none" right after a promotion)
  const [at, setAt] = useState('');
  // the picker has whole seconds: a move at 12:00:05.300 counts as "at 12:00:05"
  const t = at === '' ? Number.POSITIVE_INFINITY : new Date(at).getTime() + 999;
  const answer = Number.isNaN(t) ? null : aliasAt(events, modelType, alias, t);
  const aliases = [...new Set(['production', ...history.map((e) => e.alias)])];
  return (
    <div data-testid="alias-history">
      <h3>History</h3>
      {history.length === 0 ? (
        <p className="muted">No alias has pointed at a version of {modelType} yet.</p>
      ) : (
        <table className="metrics">
          <thead>
            <tr>
              <th>When</th>
              <th>Alias</th>
              <th>From</th>
              <th>To</th>
              <th>Kind</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {history.map((e) => (
              <tr key={e.seq} data-testid="history-row" data-alias={e.alias} data-from={e.from ?? ''} data-to={e.to ?? ''} data-kind={e.kind} data-at={e.at}>
                <td>
                  <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time>
                </td>
                <td>{e.alias}</td>
                <td>{e.from ?? '—'}</td>
                <td>{e.to ?? '(removed)'}</td>
                <td>{e.kind}</td>
                <td>{e.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="train-actions">
        <label>
          Which version was{' '}
          <select aria-label="alias to look up" value={alias} onChange={(e) => setAlias(e.target.value)}>
            {aliases.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          at <input type="datetime-local" step={1} data-testid="alias-at-time" value={at} onChange={(e) => setAt(e.target.value)} aria-describedby="alias-at-now" />
        </label>
        {at === '' ? (
          <span className="muted" id="alias-at-now">
            (now)
          </span>
        ) : (
          <button type="button" id="alias-at-now" data-testid="alias-at-now" onClick={() => setAt('')}>
            Now
          </button>
        )}
        <strong data-testid="alias-at-answer">{answer ?? (Number.isNaN(t) ? 'pick a date and time' : 'none')}</strong>
      </div>
    </div>
  );
}
