import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import { DataError, type ProgressFn } from './data-error';
import type { RawTable } from './parse-delimited';

type Cell = RawTable['columns'][number][number];

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof Date) return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/** Parquet through hyparquet (pure JS, reads in a worker); top-level columns become frame columns. */
export async function parseParquet(file: string, buffer: ArrayBuffer, onProgress?: ProgressFn): Promise<RawTable> {
  let header: string[];
  try {
    const meta = parquetMetadata(buffer);
    header = parquetSchema(meta).children.map((c) => c.element.name);
  } catch (e) {
    throw new DataError(file, `not a readable Parquet file (${e instanceof Error ? e.message : String(e)})`);
  }
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  } catch (e) {
    throw new DataError(file, `could not decode Parquet data (${e instanceof Error ? e.message : String(e)})`);
  }
  if (rows.length === 0) throw new DataError(file, 'the Parquet file has no rows');
  const columns: Cell[][] = header.map((h) => rows.map((r) => toCell(r[h])));
  onProgress?.({ fraction: 1, rows: rows.length });
  return { header, columns, rowCount: rows.length };
}
