import { parse } from 'csv-parse';
import Papa from 'papaparse';
import { createReadStream, statSync } from 'node:fs';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { RawCell } from '../ml/data/infer-types';
import { CliError } from './errors';

/** Up to batch-rows input rows; a cell is addressed by (row in the batch, column index in the header). */
export interface Batch {
  rows: number;
  /** the 1-based data-row number of the batch's first row */
  firstRow: number;
  cell(r: number, c: number): RawCell;
}

/**
 * A table read a batch at a time, so memory follows the batch and never the file: the header is
 * known before any batch, so the columns the graph needs can be resolved (and, for Parquet, the
 * others never decoded).
 */
export interface TableSource {
  file: string;
  header: string[];
  batches(columns: number[]): AsyncGenerator<Batch>;
  /** the file line a data row (1-based) ends on, when the format has lines */
  lineOf(row: number): Promise<number | undefined>;
}

export async function openSource(file: string, batchRows: number): Promise<TableSource> {
  try {
    if (!statSync(file).isFile()) throw new CliError(`${file}: not a file`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  const lower = file.toLowerCase();
  if (lower.endsWith('.parquet')) return openParquet(file, batchRows);
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return openDelimited(file, batchRows, lower.endsWith('.tsv') ? '\t' : ',');
  throw new CliError(`${file}: kiln predict reads .csv, .tsv or .parquet files`);
}

/**
 * A problem in one data row (1-based), and the column when it is one cell. The file line is
 * filled in only when the message is written: keeping line numbers for every row costs a third
 * of the parse, and a multi-line quoted field means they cannot be inferred from the row.
 */
export class RowProblem extends Error {
  constructor(
    readonly row: number,
    readonly column: number | undefined,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** The message for a row problem: file, row, line (CSV) and column, as InputTable.where writes them. */
export async function describeProblem(src: TableSource, p: RowProblem): Promise<CliError> {
  const line = await src.lineOf(p.row);
  const col = p.column === undefined ? '' : `, column ${p.column + 1} ("${src.header[p.column]}")`;
  return new CliError(`${src.file}, row ${p.row}${line === undefined ? '' : ` (line ${line})`}${col}: ${p.detail}`);
}

/** The line a data row ends on, found by parsing again up to it (only ever on the way to an error). */
async function lineOf(file: string, delimiter: string, row: number): Promise<number | undefined> {
  const parser = createReadStream(file).pipe(parse({ delimiter, bom: true, skip_empty_lines: true, skip_records_with_empty_values: true, relax_column_count: true, info: true }));
  let n = -1;
  try {
    for await (const r of parser as AsyncIterable<{ info: { lines: number } }>) if (++n === row) return r.info.lines;
  } catch {
    return undefined;
  } finally {
    parser.destroy();
  }
  return undefined;
}

async function openDelimited(file: string, batchRows: number, delimiter: string): Promise<TableSource> {
  const stream = createReadStream(file);
  // decoded as a stream, so a character split across two chunks stays whole
  stream.setEncoding('utf8');
  let pending: string[][] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  let parser: Papa.Parser | undefined;
  let paused = false;
  let seen = 0;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  // Papa Parse, as the studio (parse-delimited.ts); the stream is read no faster than it is scored
  Papa.parse(stream as unknown as File, {
    delimiter,
    skipEmptyLines: 'greedy',
    chunk: (res: Papa.ParseResult<string[]>, p: Papa.Parser) => {
      parser = p;
      const quote = res.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        failure = new RowProblem(seen + (quote.row ?? 0), undefined, `${quote.message.toLowerCase()}: a quoted field is never closed`);
        p.abort();
      }
      for (const row of res.data) pending.push(row);
      seen += res.data.length;
      // the file stream is paused, not Papa (whose pause/resume in chunk mode can stall at the end of a stream)
      if (pending.length > batchRows && !paused) {
        paused = true;
        stream.pause();
      }
      signal();
    },
    complete: () => {
      done = true;
      signal();
    },
    error: (e: Error) => {
      failure = new CliError(`cannot read ${file}: ${e.message}`);
      done = true;
      signal();
    },
  });
  /** Waits until a batch (or the rest of the file) is parsed; resumes the parser once the queue runs low. */
  const take = async (n: number): Promise<string[][]> => {
    while (pending.length < n && !done && failure === undefined) {
      if (paused) {
        paused = false;
        stream.resume();
      }
      await new Promise<void>((r) => (wake = r));
    }
    if (failure !== undefined) throw failure;
    const rows = pending.length <= n ? pending : pending.slice(0, n);
    pending = pending.length <= n ? [] : pending.slice(n);
    return rows;
  };
  const [first] = await take(1);
  if (!first) throw new CliError(`${file}: the file is empty: no header row`);
  const header = first.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const names = new Set<string>();
  for (const h of header) {
    if (names.has(h)) throw new CliError(`${file}: duplicate column name "${h}" in the header`);
    names.add(h);
  }
  async function* batches(): AsyncGenerator<Batch> {
    let firstRow = 1;
    try {
      for (let rows = await take(batchRows); rows.length; rows = await take(batchRows)) {
        rows.forEach((row, r) => {
          if (row.length !== header.length)
            throw new RowProblem(firstRow + r, Math.min(row.length, header.length - 1), `expected ${header.length} fields as in the header, found ${row.length}`);
        });
        yield { rows: rows.length, firstRow, cell: (r, c) => rows[r][c] };
        firstRow += rows.length;
      }
    } finally {
      parser?.abort();
      stream.destroy();
    }
    if (firstRow === 1) throw new CliError(`${file}: the file has a header but no data rows`);
  }
  return { file, header, batches, lineOf: (row) => lineOf(file, delimiter, row) };
}

/** Parquet values as the studio's reader hands them to type inference (nested values as JSON text). */
function parquetCell(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof Date) return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

async function openParquet(file: string, batchRows: number): Promise<TableSource> {
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  let header: string[];
  try {
    metadata = await parquetMetadataAsync(buffer);
    header = parquetSchema(metadata).children.map((c) => c.element.name);
  } catch (e) {
    throw new CliError(`${file}: not a readable Parquet file (${(e as Error).message})`);
  }
  async function* batches(columns: number[]): AsyncGenerator<Batch> {
    const names = columns.map((c) => header[c]);
    let start = 0;
    let firstRow = 1;
    // one row group decoded at a time: memory follows the writer's row-group size, then the batch
    for (const group of metadata.row_groups) {
      const n = Number(group.num_rows);
      let objects: Record<string, unknown>[];
      try {
        objects = (await parquetReadObjects({ file: buffer, metadata, columns: names, rowStart: start, rowEnd: start + n })) as Record<string, unknown>[];
      } catch (e) {
        throw new CliError(`${file}: could not decode Parquet rows ${start + 1}–${start + n} (${(e as Error).message})`);
      }
      start += n;
      for (let s = 0; s < objects.length; s += batchRows) {
        const part = objects.slice(s, s + batchRows);
        const cols = new Map(columns.map((c) => [c, part.map((o) => parquetCell(o[header[c]]))]));
        yield { rows: part.length, firstRow, cell: (r, c) => cols.get(c)?.[r] ?? null };
        firstRow += part.length;
      }
    }
    if (firstRow === 1) throw new CliError(`${file}: the Parquet file has no rows`);
  }
  return { file, header, batches, lineOf: async () => undefined };
}
