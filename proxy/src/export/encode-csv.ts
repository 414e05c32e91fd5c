import type { Encoder, EncoderFactory, TextRow } from './encoder';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** RFC 4180 field. NULL is an empty unquoted field, the empty string a quoted "" (as psql's \copy CSV). */
function field(v: string | null): string {
  if (v === null) return '';
  if (v === '') return '""';
  return NEEDS_QUOTES.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** CSV of Postgres' own text output: what people get from \copy, with a header row. */
export const csvEncoder: EncoderFactory = (columns): Encoder => ({
  contentType: 'text/csv; charset=utf-8',
  start: () => Buffer.from(`${columns.map((c) => field(c.name)).join(',')}\n`),
  batch: (rows: TextRow[]) => {
    let s = '';
    for (const row of rows) {
      for (let i = 0; i < row.length; i++) s += (i ? ',' : '') + field(row[i]);
      s += '\n';
    }
    return Buffer.from(s);
  },
  end: () => Buffer.alloc(0),
});
