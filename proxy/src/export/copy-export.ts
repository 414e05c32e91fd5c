import type pg from 'pg';
import type { Readable } from 'node:stream';
import { to as copyTo } from 'pg-copy-streams';
import type { ExportPlan } from './plan';

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
  /** Reads to the end, discarding: a COPY cannot be stopped midway without losing the connection. */
  async drain(deadlineMs: number): Promise<boolean> {
    const until = Date.now() + deadlineMs;
    try {
      while ((await this.read()) !== null) if (Date.now() > until) return false;
    } catch {
      // the COPY ended with an error: the connection is back to accepting commands
    }
    return true;
  }
}

export interface CopyOptions {
  statementTimeoutMs: number;
  format: 'csv' | 'binary';
}

/**
 * Runs `COPY (plan) TO STDOUT` in a READ ONLY transaction and yields the raw COPY bytes as the
 * consumer asks for them. If the consumer stops early (client gone), the rest of the COPY is
 * drained and discarded (bounded by the row cap and the statement timeout) so the connection
 * goes back to the pool clean; one that cannot be drained in time is destroyed instead.
 */
export async function* copyExport(pool: pg.Pool, plan: ExportPlan, opts: CopyOptions): AsyncGenerator<Buffer> {
  const client = await pool.connect();
  let reader: ChunkReader | null = null;
  let state: 'open' | 'done' | 'broken' = 'open';
  try {
    await client.query('BEGIN READ ONLY');
    const settings = plan.params.map((_, i) => `set_config('kiln.p${i + 1}', $${i + 2}, true)`);
    await client.query(
      `SELECT set_config('statement_timeout', $1, true), set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true), set_config('extra_float_digits', '1', true)${settings.map((s) => `, ${s}`).join('')}`,
      [String(opts.statementTimeoutMs), ...plan.params.map((p) => (typeof p === 'number' ? String(p) : p))],
    );
    const options = opts.format === 'csv' ? 'FORMAT csv, HEADER' : 'FORMAT binary';
    reader = new ChunkReader(client.query(copyTo(`COPY (${plan.sql}) TO STDOUT WITH (${options})`)));
    for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) yield chunk;
    reader = null;
    await client.query('COMMIT');
    state = 'done';
  } finally {
    if (state === 'open') {
      const drained = reader ? await reader.drain(10_000) : true;
      if (drained) {
        try {
          await client.query('ROLLBACK');
          state = 'done';
        } catch {
          state = 'broken';
        }
      } else state = 'broken';
    }
    client.release(state === 'broken' ? true : undefined);
  }
}
