import { DataError, type ProgressFn } from './data-error';
import type { RawTable } from './parse-delimited';

type Cell = RawTable['columns'][number][number];

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  // nested arrays/objects stay as JSON text; later families (sequences, embeddings) parse them
  return JSON.stringify(v);
}

function jsonErrorColumn(message: string, lineText: string): number {
  const pos = /position (\d+)/.exec(message);
  if (pos) return Number(pos[1]) + 1;
  const col = /column (\d+)/.exec(message);
  if (col) return Number(col[1]);
  return Math.max(1, lineText.length);
}

/** JSON Lines: one object per line; keys are unioned across lines, absent keys are missing. */
export function parseJsonl(file: string, text: string, onProgress?: ProgressFn): RawTable {
  const header: string[] = [];
  const index = new Map<string, number>();
  const columns: Cell[][] = [];
  let rowCount = 0;
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const lineText = text.slice(offset, end).replace(/\r$/, '');
    lineNo++;
    offset = end + 1;
    if (lineText.trim() === '') continue;
    let obj: unknown;
    try {
      obj = JSON.parse(lineText);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new DataError(file, `invalid JSON (${msg})`, { line: lineNo, column: jsonErrorColumn(msg, lineText) });
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw new DataError(file, 'each line must be a JSON object ({...})', { line: lineNo, column: 1 });
    }
    for (const [k, v] of Object.entries(obj)) {
      let c = index.get(k);
      if (c === undefined) {
        c = header.length;
        index.set(k, c);
        header.push(k);
        columns.push(new Array<Cell>(rowCount).fill(null));
      }
      columns[c][rowCount] = toCell(v);
    }
    rowCount++;
    for (const col of columns) if (col.length < rowCount) col.push(null);
    if (onProgress && rowCount % 5000 === 0) onProgress({ fraction: offset / text.length, rows: rowCount });
  }
  if (rowCount === 0) throw new DataError(file, 'the file has no JSON objects');
  onProgress?.({ fraction: 1, rows: rowCount });
  return { header, columns, rowCount };
}
