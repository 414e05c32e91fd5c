import type { ModelDetail } from '../../team/api';

/** Every alias move of a model type on the team server, newest first, with who made it and why. */
export function TeamHistory({ model }: { model: ModelDetail }) {
  return (
    <div data-testid="alias-history">
      <h3>History</h3>
      {model.history.length === 0 ? (
        <p className="muted">No alias has been moved yet.</p>
      ) : (
        <table className="metrics">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Alias</th>
              <th>Move</th>
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {model.history.map((m) => (
              <tr key={m.seq} data-testid="history-row" data-kind={m.kind} data-from={m.from ?? ''} data-to={m.to ?? ''} data-at={m.at} data-actor={m.actor}>
                <td>
                  <time dateTime={new Date(m.at).toISOString()}>{new Date(m.at).toLocaleString()}</time>
                </td>
                <td>{m.actor}</td>
                <td>{m.alias}</td>
                <td>
                  {m.kind === 'rollback' ? 'rolled back ' : ''}
                  {m.from ?? '(unset)'} → {m.to ?? '(unset)'}
                </td>
                <td>{m.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
