import type { FilterOp, ProxyExportBody, ProxyFilter } from '../../ml/data/proxy-request';

/** Values typed in the filter box: numbers stay numbers, "a, b" is a list for in / not_in / contains. */
export function filterValue(op: FilterOp, text: string): ProxyFilter['value'] {
  if (op === 'is_null' || op === 'not_null') return undefined;
  if (op === 'in' || op === 'not_in' || op === 'contains') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text;
}

export interface FilterDraft {
  column: string;
  op: FilterOp;
  text: string;
}

/** The POST /export body the connect panel sends for its table, column choice, filters and limit. */
export function exportBody(table: string, columns: string[] | null, filters: FilterDraft[], limit: string): ProxyExportBody {
  return {
    table,
    ...(columns ? { columns } : {}),
    ...(filters.length ? { filters: filters.map((f) => ({ column: f.column, op: f.op, value: filterValue(f.op, f.text) })) } : {}),
    ...(limit ? { limit: Number(limit) } : {}),
    format: 'arrow',
  };
}
