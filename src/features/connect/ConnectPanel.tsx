import { useMemo, useState } from 'react';
import { FILTER_OPS, type ProxyExportBody } from '../../ml/data/proxy-request';
import { useConnect } from '../../state/connect-store';
import { useDatasets } from '../../state/datasets-store';
import { exportBody, type FilterDraft } from './export-body';
import { FilterRows } from './FilterRows';
import { tableLabel } from './table-label';
import { TeamStatus } from '../team/TeamStatus';

export type { FilterDraft };

export function ConnectPanel() {
  const c = useConnect();
  const importing = useDatasets((s) => s.importing);
  const importProxy = useDatasets((s) => s.importProxy);
  const [tableName, setTableName] = useState('');
  const [columns, setColumns] = useState<string[] | null>(null);
  const [filters, setFilters] = useState<FilterDraft[]>([]);
  const [limit, setLimit] = useState<string>('');
  // until the user picks one, the first table is chosen
  const table = c.tables.find((t) => t.name === tableName) ?? c.tables[0];

  const body = useMemo((): ProxyExportBody | null => {
    if (!table || table.broken) return null;
    return exportBody(table.name, columns, filters, limit);
  }, [table, columns, filters, limit]);

  return (
    <section className="card" aria-label="Connect to database" data-testid="connect-panel">
      <h2>Connect to database</h2>
      <p className="muted">
        Through Kiln's export proxy (<code>npm start</code> runs one on a demo database; <code>npm run proxy</code> with <code>DATABASE_URL</code> for yours).
      </p>
      <div className="form-grid">
        <label>
          Proxy URL
          <input data-testid="proxy-url" value={c.url} onChange={(e) => c.setCredentials(e.target.value, c.token)} />
        </label>
        <label>
          Token
          <input data-testid="proxy-token" type="password" value={c.token} onChange={(e) => c.setCredentials(c.url, e.target.value)} autoComplete="off" />
        </label>
        <label className="check" title="Kept in this browser's IndexedDB in plain text (anyone using this browser profile can read it); unticked, the token is forgotten on reload">
          <input type="checkbox" data-testid="proxy-remember" checked={c.rememberToken} onChange={(e) => void c.setRememberToken(e.target.checked)} /> Remember the token on this device
        </label>
        <label>
          &nbsp;
          <button type="button" data-testid="proxy-connect" onClick={() => void c.connect()} disabled={c.status === 'connecting'}>
            {c.status === 'connecting' ? 'Connecting…' : c.status === 'connected' ? 'Refresh' : 'Connect'}
          </button>
        </label>
      </div>
      {c.health && c.status === 'connected' && (
        <p className="muted" data-testid="proxy-status">
          Connected: proxy {c.health.version} on {c.health.backend === 'embedded' ? 'the embedded demo database' : 'PostgreSQL'} · {c.tables.length} tables · row cap{' '}
          {c.maxRows?.toLocaleString()}
        </p>
      )}
      <TeamStatus />
      {c.error && (
        <p className="error-text" role="alert" data-testid="proxy-error">
          {c.error}
        </p>
      )}
      {c.status === 'connected' && (
        <>
          <div className="form-grid">
            <label>
              Table
              <select
                data-testid="proxy-table"
                value={table?.name ?? ''}
                onChange={(e) => {
                  setTableName(e.target.value);
                  setColumns(null);
                  setFilters([]);
                }}
              >
                {c.tables.map((t) => (
                  <option key={t.name} value={t.name}>
                    {tableLabel(t)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Limit (rows, empty = all up to the cap)
              <input data-testid="proxy-limit" type="number" min={1} value={limit} onChange={(e) => setLimit(e.target.value)} />
            </label>
          </div>
          {table?.broken && (
            <p className="error-text" role="alert" data-testid="proxy-table-broken">
              {table.name} cannot be exported: {table.error}
            </p>
          )}
          {table && !table.broken && (
            <details>
              <summary>
                Columns: {columns ? columns.length : table.columns.length} of {table.columns.length}
              </summary>
              <div className="feature-grid">
                {table.columns.map((col) => (
                  <label key={col.name}>
                    <input
                      type="checkbox"
                      checked={(columns ?? table.columns.map((x) => x.name)).includes(col.name)}
                      onChange={(e) => {
                        const cur = columns ?? table.columns.map((x) => x.name);
                        setColumns(e.target.checked ? table.columns.map((x) => x.name).filter((n) => n === col.name || cur.includes(n)) : cur.filter((n) => n !== col.name));
                      }}
                    />
                    {col.name} <span className="muted">{col.pgType}</span>
                  </label>
                ))}
              </div>
            </details>
          )}
          {table && !table.broken && <FilterRows columns={table.columns.map((x) => x.name)} ops={FILTER_OPS} filters={filters} onChange={setFilters} />}
          <div className="train-actions">
            <button type="button" data-testid="proxy-preview" disabled={!body || c.previewing} onClick={() => body && void c.runPreview(body)}>
              {c.previewing ? 'Loading…' : 'Preview first rows'}
            </button>
            <button type="button" className="primary" data-testid="proxy-import" disabled={!body || !!importing} onClick={() => body && void importProxy({ url: c.url, token: c.token, body })}>
              Import
            </button>
          </div>
          {c.preview && (
            <div className="table-scroll" data-testid="proxy-preview-table">
              <table className="preview">
                <thead>
                  <tr>
                    {c.preview.columns.map((k) => (
                      <th key={k}>{k}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {c.preview.rows.map((r, i) => (
                    <tr key={i}>
                      {c.preview!.columns.map((k) => (
                        <td key={k}>{r[k] === null ? <span className="missing">∅</span> : typeof r[k] === 'object' ? JSON.stringify(r[k]) : String(r[k])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
