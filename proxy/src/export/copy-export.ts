import type pg from 'pg';
import type { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import { checkout } from '../db/backend';
import { isServerError } from '../db/lease';
import type { ExportPlan } from './plan';
import { abortReason, statementTimeout, type RunControl } from './run-control';

/** COPY cannot take bind parameters; values travel as bind parameters of set_config and COPY reads them back. */
export const settingPlaceholder = (n: number) => `current_setting('kiln.p${n}')`;

/** Pull-style reads from a Readable, so the consumer's pace is the producer's (and nothing piles up). */
class ChunkReader {
  private ended = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;
  constructor(private readonly stream: Readable) {
    const notify = () => {
      const w = this.wake;
      this.wake = null;
      w?.();
    };
    stream.on('readable', notify);
    stream.on('end', () => {
      this.ended = true;
      notify();
    });
    stream.on('error', (e: Error) => {
      this.error = e;
      notify();
    });
  }
  async read(): Promise<Buffer | null> {
    for (;;) {
      if (this.error) throw this.error;
      const chunk = this.stream.read() as Buffer | null;
      if (chunk !== null) return chunk;
      if (this.ended) return null;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}

/**
 * Time spent waiting on the database, summed over the export: COPY is one statement, so a
 * server-side statement_timeout would also count the time a slow but healthy client takes to
 * read, and cut it. Time spent waiting on the client is the idle-write timeout's business.
 */
class WaitBudget {
  private left: number;
  private timer: NodeJS.Timeout | undefined;
  private since = 0;
  constructor(ms: number, private readonly onSpent: () => void) {
    this.left = ms;
  }
  start(): void {
    this.since = Date.now();
    this.timer = setTimeout(this.onSpent, Math.max(0, this.left));
  }
  stop(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.left -= Date.now() - this.since;
  }
}

export interface CopyOptions extends RunControl {
  /** csv: passed through; binary: decoded into Arrow; text: PostgreSQL's text output, decoded into JSON Lines */
  format: 'csv' | 'binary' | 'text';
}

/**
 * Runs `COPY (plan) TO STDOUT` in a READ ONLY transaction and yields the raw COPY bytes as the
 * consumer asks for them. A COPY cannot be stopped midway and leave its connection usable, and
 * draining the rest of a large one holds the export slot for seconds: so any early end (client
 * gone, abort, error) cancels the statement and cuts the connection, which the pool replaces.
 */
export async function* copyExport(pool: pg.Pool, plan: ExportPlan, opts: CopyOptions): AsyncGenerator<Buffer> {
  const lease = await checkout(pool, opts.connectionWaitMs);
  const timeout = statementTimeout(opts.statementTimeoutMs);
  const onAbort = () => lease.kill(abortReason(opts.signal));
  opts.signal.addEventListener('abort', onAbort);
  const budget = new WaitBudget(opts.statementTimeoutMs, () => lease.kill(timeout));
  let done = false;
  let serverError = false;
  try {
    if (opts.signal.aborted) throw abortReason(opts.signal);
    const client = lease.client;
    budget.start();
    await client.query('BEGIN READ ONLY');
    const settings = plan.params.map((_, i) => `set_config('kiln.p${i + 1}', $${i + 1}, true)`);
    await client.query(
      `SELECT set_config('statement_timeout', '0', true), set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('extra_float_digits', '1', true)${settings.map((s) => `, ${s}`).join('')}`,
      plan.params.map((p) => (typeof p === 'number' ? String(p) : p)),
    );
    const options = opts.format === 'csv' ? 'FORMAT csv, HEADER' : `FORMAT ${opts.format}`;
    const copy = client.query(copyTo(`COPY (${plan.sql}) TO STDOUT WITH (${options})`));
    const reader = new ChunkReader(copy);
    for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) {
      budget.stop();
      yield chunk;
      budget.start();
    }
    await client.query('COMMIT');
    budget.stop();
    opts.stats.rows = copy.rowCount;
    done = true;
  } catch (e) {
    serverError = lease.broken === null && isServerError(e);
    // the error that made us cut the connection says more than pg's "Connection terminated"
    throw lease.broken === timeout ? timeout : opts.signal.aborted ? abortReason(opts.signal) : e;
  } finally {
    budget.stop();
    opts.signal.removeEventListener('abort', onAbort);
    // a COPY that PostgreSQL itself failed has ended: the connection only needs its rollback
    if (!done && serverError) await lease.rollbackOrKill();
    else if (!done) lease.kill(new Error('export ended early'));
    lease.release();
  }
}
