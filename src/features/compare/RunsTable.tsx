import { useMemo, useState } from 'react';
import type { RunRecord } from '../../db/records';
import type { RemoteRun } from '../../team/api';
import { flatten } from '../../ml/registry/diff';
import { MAX_PINNED, useRuns } from '../../state/runs-store';
import { filterableParams, keyLabel, showValue } from './compare-labels';
import { runConfig } from '../registry/run-snapshot';

type Op = 'contains' | '=' | '>' | '<';

const valueOf = (r: RunRecord, key: string): unknown => (key.startsWith('metric:') ? r.finalMetrics?.[key.slice(7)] : key === 'startedAt' ? r.startedAt : flatten(runConfig(r))[key]);

function matches(v: unknown, op: Op, want: string): boolean {
  if (want === '') return true;
  if (op === 'contains') return JSON.stringify(v ?? '').toLowerCase().includes(want.toLowerCase());
  const a = typeof v === 'number' ? v : Number(v);
  const b = Number(want);
  if (op === '=') return Number.isFinite(b) && Number.isFinite(a) ? a === b : String(v) === want;
  return Number.isFinite(a) && Number.isFinite(b) && (op === '>' ? a > b : a < b);
}

/** Every run, sortable and filterable by any param or metric, with tags; pin 2–8 to compare. */
export function RunsTable({ runs, remote }: { runs: RunRecord[]; remote: ReadonlyMap<string, RemoteRun> }) {
  const pinned = useRuns((s) => s.pinned);
  const togglePin = useRuns((s) => s.togglePin);
  const keys = useMemo(() => {
    const params = new Set<string>();
    const metrics = new Set<string>();
    for (const r of runs) {
      for (const k of Object.keys(r.finalMetrics ?? {})) metrics.add(`metric:${k}`);
    }
    for (const k of filterableParams(runs.map((r) => flatten(runConfig(r))))) params.add(k);
    return ['startedAt', ...[...metrics].sort(), ...[...params].sort()];
  }, [runs]);
  const [sortKey, setSortKey] = useState('startedAt');
  const [desc, setDesc] = useState(true);
  const [text, setText] = useState('');
  const [filterKey, setFilterKey] = useState('');
  const [op, setOp] = useState<Op>('contains');
  const [want, setWant] = useState('');
  const rows = useMemo(() => {
    const t = text.trim().toLowerCase();
    const keep = runs.filter((r) => (t === '' || [r.name, r.family, r.datasetName, ...(r.tags ?? [])].some((s) => s.toLowerCase().includes(t))) && (filterKey === '' || matches(valueOf(r, filterKey), op, want.trim())));
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    return keep.sort((a, b) => {
      const x = valueOf(a, sortKey);
      const y = valueOf(b, sortKey);
      const nx = num(x);
      const ny = num(y);
      // runs without the key sink to the bottom whichever way the sort goes
      if (x === undefined || y === undefined) return x === undefined ? (y === undefined ? 0 : 1) : -1;
      const c = nx !== null && ny !== null ? nx - ny : String(JSON.stringify(x)).localeCompare(JSON.stringify(y));
      return desc ? -c : c;
    });
  }, [runs, text, filterKey, op, want, sortKey, desc]);
  const option = (k: string) => (
    <option key={k} value={k}>
      {keyLabel(k)}
    </option>
  );
  // grouped, in words; setup keys only where runs differ (the rest filter nothing)
  const keyOptions = (
    <>
      {option('startedAt')}
      <optgroup label="Metrics">{keys.filter((k) => k.startsWith('metric:')).map(option)}</optgroup>
      <optgroup label="Setup (where runs differ)">{keys.filter((k) => k !== 'startedAt' && !k.startsWith('metric:')).map(option)}</optgroup>
    </>
  );
  return (
    <div data-testid="runs-table">
      <div className="train-actions">
        <label>
          Search <input data-testid="runs-search" value={text} onChange={(e) => setText(e.target.value)} placeholder="name, tag, family, dataset" />
        </label>
        <label>
          Where{' '}
          <select data-testid="runs-filter-key" value={filterKey} onChange={(e) => setFilterKey(e.target.value)}>
            <option value="">(any)</option>
            {keyOptions}
          </select>
        </label>
        <select aria-label="Filter operator" value={op} onChange={(e) => setOp(e.target.value as Op)}>
          <option value="contains">contains</option>
          <option value="=">=</option>
          <option value=">">&gt;</option>
          <option value="<">&lt;</option>
        </select>
        <input aria-label="Filter value" data-testid="runs-filter-value" value={want} onChange={(e) => setWant(e.target.value)} />
        <label>
          Sort by{' '}
          <select data-testid="runs-sort" value={sortKey} onChange={(e) => setSortKey(e.target.value)}>
            {keyOptions}
          </select>
        </label>
        <button type="button" onClick={() => setDesc(!desc)} aria-label={desc ? 'descending; switch to ascending' : 'ascending; switch to descending'}>
          {desc ? '↓' : '↑'}
        </button>
      </div>
      <table className="metrics">
        <thead>
          <tr>
            <th>Compare</th>
            <th>Run</th>
            <th>Status</th>
            <th>Tags</th>
            <th>{keyLabel(sortKey)}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-testid="runs-table-row" data-run-id={r.id} data-remote={remote.has(r.id)} data-author={remote.get(r.id)?.author}>
              <td>
                <input type="checkbox" aria-label={`Compare ${r.name}`} data-testid="pin-run" checked={pinned.includes(r.id)} disabled={!pinned.includes(r.id) && pinned.length >= MAX_PINNED} onChange={() => void togglePin(r.id)} />
              </td>
              <td>
                {r.name}
                {remote.has(r.id) && (
                  <span className="badge" data-testid="remote-run" title="on the team server: read-only here">
                    team · {remote.get(r.id)?.author}
                  </span>
                )}
              </td>
              <td>{r.status}</td>
              <td>{(r.tags ?? []).join(', ')}</td>
              <td>{showValue(sortKey, valueOf(r, sortKey))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
