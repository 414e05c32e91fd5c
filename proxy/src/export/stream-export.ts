import type pg from 'pg';
import { checkout, RAW_TEXT_TYPES } from '../db/backend';
import type { Encoder, TextRow } from './encoder';
import type { ExportPlan } from './plan';
import { abortReason, type RunControl } from './run-control';

export interface ExportOptions extends RunControl {
  fetchSize: number;
  onRows?: (n: number) => void;
}

/**
 * Streams one export: a READ ONLY transaction, a cursor read `fetchSize` rows at a time, each
 * chunk encoded and yielded. The consumer pulls, so at most one chunk is in memory.
 *
 * The cursor is a SQL cursor (DECLARE, then one FETCH statement per chunk) rather than a
 * protocol portal: each FETCH is its own statement, so `statement_timeout` bounds each read of
 * the database and not the whole download, which a slow but healthy reader may stretch past it.
 */
const CHUNK_BYTES = 4 << 20;
const FIRST_FETCH = 256;

export async function* exportStream(pool: pg.Pool, plan: ExportPlan, encoder: Encoder, opts: ExportOptions): AsyncGenerator<Buffer> {
  const lease = await checkout(pool, opts.connectionWaitMs);
  const onAbort = () => lease.kill(abortReason(opts.signal));
  opts.signal.addEventListener('abort', onAbort);
  let clean = false;
  try {
    if (opts.signal.aborted) throw abortReason(opts.signal);
    const client = lease.client;
    await client.query('BEGIN READ ONLY');
    await client.query("SELECT set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('extra_float_digits', '1', true)", [
      String(opts.statementTimeoutMs),
    ]);
    await client.query(`DECLARE kiln_export NO SCROLL CURSOR FOR ${plan.sql}`, plan.params);
    // rows per FETCH follow the encoded bytes per row, so a chunk stays near CHUNK_BYTES however
    // wide the rows are (30 KB embeddings × fetchSize would be 150 MB); the first FETCH is small
    let size = Math.min(opts.fetchSize, FIRST_FETCH);
    const fetch = async (): Promise<TextRow[]> =>
      (await client.query<TextRow>({ text: `FETCH FORWARD ${size} FROM kiln_export`, rowMode: 'array', types: RAW_TEXT_TYPES })).rows;
    // the first rows are read before anything is yielded: a query that fails (bad value for a
    // column type, timeout) fails before the HTTP status is sent, so it can still be a JSON error
    let rows = await fetch();
    const head = encoder.start();
    if (head.byteLength) yield head;
    while (rows.length > 0) {
      opts.onRows?.(rows.length);
      opts.stats.rows += rows.length;
      const out = encoder.batch(rows);
      const asked = size;
      size = Math.max(1, Math.min(opts.fetchSize, Math.floor((CHUNK_BYTES * rows.length) / Math.max(1, out.byteLength))));
      yield out;
      rows = rows.length < asked ? [] : await fetch();
    }
    const tail = encoder.end();
    await client.query('COMMIT');
    clean = true;
    if (tail.byteLength) yield tail;
  } catch (e) {
    if (opts.signal.aborted) throw abortReason(opts.signal);
    throw e;
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
    // between FETCHes the connection is idle in the transaction: a bounded ROLLBACK keeps it
    if (!clean) await lease.rollbackOrKill();
    lease.release();
  }
}
