import type { DatasetRecord } from '../../db/records';
import type { ColumnStats } from '../../ml/data/column-stats';
import { cellText, type Frame } from '../../ml/data/frame';
import { useConnect } from '../../state/connect-store';
import { useDatasets } from '../../state/datasets-store';

const PREVIEW_ROWS = 8;

function fmt(v: number | undefined, dtype: ColumnStats['dtype']): string {
  if (v === undefined) return '';
  if (dtype === 'datetime') return new Date(v).toISOString().slice(0, 10);
  return Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : String(+v.toFixed(4));
}

function OriginLine({ dataset }: { dataset: DatasetRecord }) {
  const reimport = useDatasets((s) => s.reimport);
  const token = useConnect((s) => s.token);
  const o = dataset.origin;
  if (o.kind !== 'proxy') return null;
  const filters = o.request.filters?.map((f) => `${f.column} ${f.op} ${f.value === undefined ? '' : JSON.stringify(f.value)}`).join(' and ');
  return (
    <p className="muted" data-testid="dataset-origin">
      From {o.url} · table {o.request.table}
      {filters ? ` · where ${filters}` : ''}
      {o.request.limit ? ` · limit ${o.request.limit}` : ''} · imported {new Date(o.importedAt).toLocaleString()}{' '}
      <button type="button" onClick={() => void reimport(dataset.id, token)}>
        Re-import
      </button>
    </p>
  );
}

export function DatasetPreview({ dataset, frame }: { dataset: DatasetRecord; frame: Frame | null }) {
  return (
    <section className="card" data-testid="dataset-preview">
      <h2>
        {dataset.fileName} <span className="muted">· {dataset.rowCount.toLocaleString()} rows × {dataset.columnCount} columns</span>
      </h2>
      <OriginLine dataset={dataset} />
      <div className="table-scroll">
        <table className="preview">
          <thead>
            <tr>
              <th scope="row">column</th>
              {dataset.stats.map((s) => (
                <th key={s.name} title={s.name}>
                  {s.name}
                </th>
              ))}
            </tr>
            <tr className="stats">
              <th scope="row">type</th>
              {dataset.stats.map((s) => (
                <td key={s.name}>
                  <span className={`dtype dtype-${s.dtype}`} data-testid={`dtype-${s.name}`}>
                    {s.dtype}
                  </span>
                </td>
              ))}
            </tr>
            <tr className="stats">
              <th scope="row">missing</th>
              {dataset.stats.map((s) => (
                <td key={s.name} className={s.missing ? 'warn' : ''}>
                  {(s.missingFraction * 100).toFixed(1)}%
                </td>
              ))}
            </tr>
            <tr className="stats">
              <th scope="row">distinct</th>
              {dataset.stats.map((s) => (
                <td key={s.name}>{s.distinct.toLocaleString()}</td>
              ))}
            </tr>
            <tr className="stats">
              <th scope="row">min / max</th>
              {dataset.stats.map((s) => (
                <td key={s.name}>{s.min !== undefined ? `${fmt(s.min, s.dtype)} / ${fmt(s.max, s.dtype)}` : (s.top?.[0]?.value ?? '')}</td>
              ))}
            </tr>
          </thead>
          <tbody>
            {frame &&
              Array.from({ length: Math.min(PREVIEW_ROWS, frame.rowCount) }, (_, r) => (
                <tr key={r}>
                  <th scope="row">{r + 1}</th>
                  {frame.columns.map((c) => (
                    <td key={c.name}>{cellText(c, r) ?? <span className="missing">∅</span>}</td>
                  ))}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
