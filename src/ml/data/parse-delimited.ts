import Papa from 'papaparse';
import { DataError, type ProgressFn } from './data-error';
import type { DType } from './frame';
import type { Delimiter } from './sniff-delimiter';

export interface RawTable {
  header: string[];
  /** column-major raw cells */
  columns: (string | number | boolean | bigint | Date | null)[][];
  rowCount: number;
  /** types a typed source fixes (e.g. Arrow int64 ids beyond 2^53), skipping inference for those columns */
  dtypes?: (DType | undefined)[];
}

/** Counts newlines incrementally so each row's line number costs O(row length), not O(file). */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  lineAt(offset: number): number {
    for (; this.pos < offset && this.pos < this.text.length; this.pos++) if (this.text.charCodeAt(this.pos) === 10) this.line++;
    return this.line;
  }
}

function checkHeader(file: string, header: string[]): void {
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h.trim() === '') throw new DataError(file, 'the header has an empty column name', { line: 1, column: i + 1 });
    const prev = seen.get(h);
    if (prev !== undefined) throw new DataError(file, `duplicate column name "${h}" (also column ${prev + 1})`, { line: 1, column: i + 1, columnName: h });
    seen.set(h, i);
  });
}

/**
 * CSV/TSV (and `;` or `|` files, see sniff-delimiter.ts) via Papa Parse (RFC 4180 quoting, multi-line fields). A row whose field count differs
 * from the header is an error, not a silent pad: shifted columns poison a model without a sign.
 */
export function parseDelimited(file: string, text: string, delimiter: Delimiter, onProgress?: ProgressFn): RawTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = new LineCounter(body);
  let header: string[] | null = null;
  let columns: (string | null)[][] = [];
  let rowCount = 0;
  let rowStart = 0;
  let error: DataError | null = null;
  const progressEvery = 5000;

  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const startLine = lines.lineAt(rowStart);
      const cursor = result.meta.cursor;
      const quoteErr = result.errors.find((e) => e.type === 'Quotes');
      if (quoteErr) {
        const at = quoteErr.index ?? rowStart;
        const line = lines.lineAt(at);
        const lineStart = body.lastIndexOf('\n', at - 1) + 1;
        error = new DataError(file, `${quoteErr.message.toLowerCase()}: a quoted field is never closed`, { line, column: at - lineStart + 1 });
        parser.abort();
        return;
      }
      const row = result.data;
      if (!header) {
        header = row.map((h) => h.trim());
        try {
          checkHeader(file, header);
        } catch (e) {
          error = e as DataError;
          parser.abort();
          return;
        }
        columns = header.map(() => []);
      } else {
        if (row.length !== header.length) {
          const col = Math.min(row.length, header.length) + 1;
          const msg =
            row.length > header.length
              ? `expected ${header.length} fields as in the header, found ${row.length}`
              : `expected ${header.length} fields as in the header, found ${row.length}; "${header[row.length]}" is missing`;
          error = new DataError(file, msg, { line: startLine, column: col, columnName: header[col - 1] });
          parser.abort();
          return;
        }
        for (let c = 0; c < row.length; c++) columns[c].push(row[c]);
        rowCount++;
        if (onProgress && rowCount % progressEvery === 0) onProgress({ fraction: cursor / body.length, rows: rowCount });
      }
      rowStart = cursor;
    },
  });
  if (error) throw error;
  if (!header) throw new DataError(file, 'the file is empty: no header row');
  if (rowCount === 0) throw new DataError(file, 'the file has a header but no data rows', { line: 2 });
  onProgress?.({ fraction: 1, rows: rowCount });
  return { header, columns, rowCount };
}
