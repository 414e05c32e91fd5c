import type pg from 'pg';
import Cursor from 'pg-cursor';
import { RAW_TEXT_TYPES } from '../db/backend';
import type { Encoder, TextRow } from './encoder';
import type { ExportPlan } from './plan';

export interface ExportOptions {
  statementTimeoutMs: number;
  fetchSize: number;
  onRows?: (n: number) => void;
}

/**
 * Streams one export: a READ ONLY transaction with a statement timeout, a portal read
 * `fetchSize` rows at a time, each chunk encoded and yielded. The consumer pulls, so at most one
 * chunk is in memory; when it stops pulling (client gone) the generator's finally closes the
 * cursor, rolls back and returns the connection to the pool.
 */
export async function* exportStream(pool: pg.Pool, plan: ExportPlan, encoder: Encoder, opts: ExportOptions): AsyncGenerator<Buffer> {
  const client = await pool.connect();
  let cursor: Cursor<TextRow> | null = null;
  let clean = false;
  try {
    await client.query('BEGIN READ ONLY');
    await client.query("SELECT set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('extra_float_digits', '1', true)", [
      String(opts.statementTimeoutMs),
    ]);
    cursor = client.query(new Cursor<TextRow>(plan.sql, plan.params, { rowMode: 'array', types: RAW_TEXT_TYPES }));
    // the first rows are read before anything is yielded: a query that fails (bad value for a
    // column type, timeout) fails before the HTTP status is sent, so it can still be a JSON error
    let rows = await cursor.read(opts.fetchSize);
    const head = encoder.start();
    if (head.byteLength) yield head;
    while (rows.length > 0) {
      opts.onRows?.(rows.length);
      yield encoder.batch(rows);
      rows = await cursor.read(opts.fetchSize);
    }
    const tail = encoder.end();
    await cursor.close();
    cursor = null;
    await client.query('COMMIT');
    clean = true;
    if (tail.byteLength) yield tail;
  } finally {
    if (!clean) {
      try {
        if (cursor) await cursor.close();
        await client.query('ROLLBACK');
        clean = true;
      } catch {
        // a connection that cannot roll back is destroyed rather than returned dirty
      }
    }
    client.release(clean ? undefined : true);
  }
}
