import { parse, CsvError } from 'csv-parse';
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
  /** the file line a row ended on (CSV), for messages; undefined for Parquet */
  line(r: number): number | undefined;
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

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

function csvProblem(file: string, e: unknown): never {
  if (e instanceof CsvError) throw new CliError(`${file}: ${e.message}`);
  throw e;
}

async function openDelimited(file: string, batchRows: number, delimiter: string): Promise<TableSource> {
  // csv-parse checks every record has the header's field count (a shifted row is an error, as in the studio)
  const parser = createReadStream(file).pipe(parse({ delimiter, bom: true, skip_empty_lines: true, info: true }));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<CsvRecord>;
  let first: IteratorResult<CsvRecord>;
  try {
    first = await records.next();
  } catch (e) {
    csvProblem(file, e);
  }
  if (first.done) throw new CliError(`${file}: the file is empty: no header row`);
  const header = first.value.record.map((h) => h.trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new CliError(`${file}: duplicate column name "${h}" in the header`);
    seen.add(h);
  }
  async function* batches(): AsyncGenerator<Batch> {
    let rows: string[][] = [];
    let lines: number[] = [];
    let firstRow = 1;
    const flush = (): Batch => {
      const [rs, ls] = [rows, lines];
      const b: Batch = { rows: rs.length, firstRow, cell: (r, c) => rs[r][c], line: (r) => ls[r] };
      firstRow += rs.length;
      rows = [];
      lines = [];
      return b;
    };
    try {
      for (let next = await records.next(); !next.done; next = await records.next()) {
        rows.push(next.value.record);
        lines.push(next.value.info.lines);
        if (rows.length === batchRows) yield flush();
      }
    } catch (e) {
      csvProblem(file, e);
    } finally {
      parser.destroy();
    }
    if (rows.length) yield flush();
    if (firstRow === 1) throw new CliError(`${file}: the file has a header but no data rows`);
  }
  return { file, header, batches };
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
        yield { rows: part.length, firstRow, cell: (r, c) => cols.get(c)?.[r] ?? null, line: () => undefined };
        firstRow += part.length;
      }
    }
    if (firstRow === 1) throw new CliError(`${file}: the Parquet file has no rows`);
  }
  return { file, header, batches };
}
