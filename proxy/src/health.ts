import type pg from 'pg';
import { checkout } from './db/backend';

export interface Reachability {
  database: 'reachable' | 'unreachable';
  /** why the last probe failed */
  error?: string;
}

/**
 * Whether the database answers, for /health. One `SELECT 1` per `everyMs` at most, shared by
 * every caller in between, so /health stays a cached lookup under load. When every pooled
 * connection is busy (the embedded database has one) the probe would queue behind an export,
 * so it keeps the last answer: a database that died under those exports fails them, and frees
 * a connection for the next probe.
 */
export class DatabaseProbe {
  private last: Reachability = { database: 'reachable' };
  private checkedAt = 0;
  private inFlight: Promise<Reachability> | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly everyMs = 1000,
    private readonly timeoutMs = 1000,
  ) {}

  async state(): Promise<Reachability> {
    if (Date.now() - this.checkedAt < this.everyMs) return this.last;
    const saturated = this.pool.idleCount === 0 && this.pool.totalCount >= (this.pool.options.max ?? 10);
    if (saturated) return this.last;
    this.inFlight ??= this.probe().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  private async probe(): Promise<Reachability> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const lease = await checkout(this.pool, this.timeoutMs);
      try {
        const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to SELECT 1 within ${this.timeoutMs} ms`)), this.timeoutMs)));
        await Promise.race([lease.client.query('SELECT 1'), late]);
      } catch (e) {
        lease.kill(e as Error);
        throw e;
      } finally {
        lease.release();
      }
      this.last = { database: 'reachable' };
    } catch (e) {
      this.last = { database: 'unreachable', error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
    }
    this.checkedAt = Date.now();
    return this.last;
  }
}
