import type { ReactNode } from 'react';
import type { DatasetRecord } from '../../db/records';
import type { ColumnStats } from '../../ml/data/column-stats';
import { cellText, type Frame } from '../../ml/data/frame';
import { useConnect } from '../../state/connect-store';
import { useDatasets } from '../../state/datasets-store';
import { ColumnTypeCell } from './ColumnTypeCell';
import { FAMILIES } from '../families/registry';

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
  const applied = useDatasets((s) => s.applied);
  const stored = useDatasets((s) => s.stored);
  const setOverride = useDatasets((s) => s.setOverride);
  const statsByName = new Map(dataset.stats.map((s) => [s.name, s] as const));
  // every column as imported, ignored ones included, so an override can always be undone here
  const columns = applied.length ? applied : dataset.stats.map((s) => ({ name: s.name, type: s.dtype, overridden: false, unread: 0 }));
  const schema = dataset.schema;
  const cells = (name: string) => (frame?.columns.find((c) => c.name === name) ?? stored?.frame.columns.find((c) => c.name === name)) ?? null;
  const cell = (name: string, stat: (s: ColumnStats) => ReactNode) => {
    const s = statsByName.get(name);
    return <td key={name}>{s ? stat(s) : <span className="muted">ignored</span>}</td>;
  };
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
              {columns.map((c) => (
                <th key={c.name} title={c.name} className={c.type === 'ignore' ? 'muted' : ''}>
                  {c.name}
                </th>
              ))}
            </tr>
            <tr className="stats">
              <th scope="row">type</th>
              {columns.map((c) => (
                <td key={c.name}>
                  {c.type !== 'ignore' && (
                    <span className={`dtype dtype-${c.type}`} data-testid={`dtype-${c.name}`}>
                      {c.type}
                    </span>
                  )}
                  <ColumnTypeCell column={c} detected={schema?.detected[c.name]} override={schema?.overrides[c.name]} onChange={(o) => void setOverride(c.name, o)} />
                </td>
              ))}
            </tr>
            <tr className="stats">
              <th scope="row">missing</th>
              {columns.map((c) => {
                const s = statsByName.get(c.name);
                return (
                  <td key={c.name} className={s?.missing ? 'warn' : ''}>
                    {s ? `${(s.missingFraction * 100).toFixed(1)}%` : <span className="muted">ignored</span>}
                  </td>
                );
              })}
            </tr>
            <tr className="stats">
              <th scope="row">distinct</th>
              {columns.map((c) => cell(c.name, (s) => s.distinct.toLocaleString()))}
            </tr>
            <tr className="stats">
              <th scope="row">min / max</th>
              {columns.map((c) => cell(c.name, (s) => (s.min !== undefined ? `${fmt(s.min, s.dtype)} / ${fmt(s.max, s.dtype)}` : (s.top?.[0]?.value ?? ''))))}
            </tr>
          </thead>
          <tbody>
            {frame &&
              Array.from({ length: Math.min(PREVIEW_ROWS, frame.rowCount) }, (_, r) => (
                <tr key={r}>
                  <th scope="row">{r + 1}</th>
                  {columns.map((c) => {
                    const col = cells(c.name);
                    const v = col ? cellText(col, r) : null;
                    return (
                      <td key={c.name} className={c.type === 'ignore' ? 'muted' : ''}>
                        {v ?? <span className="missing">∅</span>}
                      </td>
                    );
                  })}
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {FAMILIES.map((f) => f.DatasetNote && <f.DatasetNote key={f.id} dataset={dataset} />)}
    </section>
  );
}
