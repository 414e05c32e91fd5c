import type { FilterOp } from '../../ml/data/proxy-request';
import type { FilterDraft } from './export-body';

export function FilterRows({ columns, ops, filters, onChange }: { columns: string[]; ops: readonly FilterOp[]; filters: FilterDraft[]; onChange: (f: FilterDraft[]) => void }) {
  const update = (i: number, patch: Partial<FilterDraft>) => onChange(filters.map((f, k) => (k === i ? { ...f, ...patch } : f)));
  return (
    <div className="filters" data-testid="proxy-filters">
      {filters.map((f, i) => (
        <div key={i} className="filter-row">
          <select aria-label="Filter column" value={f.column} onChange={(e) => update(i, { column: e.target.value })}>
            {columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
          <select aria-label="Filter operator" value={f.op} onChange={(e) => update(i, { op: e.target.value as FilterOp })}>
            {ops.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
          {f.op !== 'is_null' && f.op !== 'not_null' && (
            <input aria-label="Filter value" placeholder={f.op === 'in' || f.op === 'not_in' || f.op === 'contains' ? 'a, b, c' : 'value'} value={f.text} onChange={(e) => update(i, { text: e.target.value })} />
          )}
          <button type="button" className="icon" aria-label="Remove filter" onClick={() => onChange(filters.filter((_, k) => k !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" data-testid="proxy-add-filter" onClick={() => onChange([...filters, { column: columns[0], op: '=', text: '' }])}>
        + Filter
      </button>
    </div>
  );
}
