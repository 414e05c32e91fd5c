import type { ProxyTable } from '../../app/proxy-api';

/** How a table reads in the picker: its row estimate, "rows unknown" before any ANALYZE, or what went wrong with it. */
export function tableLabel(t: ProxyTable): string {
  if (t.broken) return `${t.name} (broken saved query)`;
  if (t.kind !== 'table') return `${t.name} (${t.kind.replace('_', ' ')})`;
  return t.approxRows === null ? `${t.name} (rows unknown: not analyzed yet)` : `${t.name} (~${t.approxRows.toLocaleString()} rows)`;
}
