import { describe, expect, it } from 'vitest';
import type { ProxyTable } from '../../app/proxy-api';
import { tableLabel } from './table-label';

const table = (over: Partial<ProxyTable>): ProxyTable => ({ name: 't', kind: 'table', approxRows: 0, columns: [], ...over });

describe('tableLabel', () => {
  it('a never-analyzed table (approxRows null) is "rows unknown", not "~0 rows"', () => {
    expect(tableLabel(table({ approxRows: null }))).toBe('t (rows unknown: not analyzed yet)');
    expect(tableLabel(table({ approxRows: 0 }))).toBe('t (~0 rows)');
    expect(tableLabel(table({ approxRows: 1500 }))).toBe(`t (~${(1500).toLocaleString()} rows)`);
  });

  it('a broken saved query says so', () => {
    expect(tableLabel(table({ kind: 'saved_query', approxRows: null, broken: true, error: 'relation "x" does not exist' }))).toBe('t (broken saved query)');
    expect(tableLabel(table({ kind: 'saved_query', approxRows: null }))).toBe('t (saved query)');
  });
});
