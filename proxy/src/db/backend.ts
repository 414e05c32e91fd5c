import pg from 'pg';
import { Lease } from './lease';

/**
 * A database the proxy exports from. Both kinds hand out a `pg` Pool: the embedded one speaks
 * the Postgres wire protocol through pglite-socket, so export code has exactly one path.
 */
export interface DbBackend {
  kind: 'postgres' | 'embedded';
  pool: pg.Pool;
  /** what to print: a URL without its password */
  describe: string;
  close(): Promise<void>;
}

/**
 * Every value arrives as Postgres' text output: the proxy parses per column type itself, so
 * int8 and numeric keep their precision and both backends produce byte-identical results.
 */
export const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** The last error an idle pooled connection reported: /health shows it, and it never reaches `process` as an unhandled 'error'. */
export interface PoolFault {
  at: number;
  message: string;
}
const faults = new WeakMap<pg.Pool, PoolFault>();
export const lastPoolFault = (pool: pg.Pool): PoolFault | undefined => faults.get(pool);

export interface PoolOptions {
  connectionTimeoutMillis?: number;
  /** 'raw-text' (the exporter: every value as PostgreSQL's text output) or pg's own parsers (the team store: jsonb, bytea, timestamptz) */
  values?: 'raw-text' | 'parsed';
  applicationName?: string;
}

export function makePool(connectionString: string, max: number, o: PoolOptions = {}): pg.Pool {
  // connectionTimeoutMillis bounds a connect to a database that does not answer (a stopped
  // server behind a firewall); waiting for a busy pool is bounded per call by `checkout`
  const pool = new pg.Pool({
    connectionString,
    max,
    ...((o.values ?? 'raw-text') === 'raw-text' ? { types: RAW_TEXT_TYPES } : {}),
    idleTimeoutMillis: 0,
    connectionTimeoutMillis: o.connectionTimeoutMillis ?? 10_000,
    application_name: o.applicationName ?? 'kiln-proxy',
  });
  // An idle client whose backend was terminated (restart, failover, pg_terminate_backend) is
  // already removed from the pool when this fires; without a listener Node would exit.
  pool.on('error', (err: Error) => faults.set(pool, { at: Date.now(), message: err.message }));
  return pool;
}

/** A connection error, as opposed to a query error: the database is down, restarting or unreachable. */
export class DatabaseUnavailable extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailable';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A connection from the pool within `waitMs`, retrying failed connects (a database that is
 * restarting, or pglite-socket still closing the connection an aborted export cut, for up to
 * `retryFailedConnectsMs`): the embedded pool has one connection, and no request may queue
 * behind a stuck one for ever.
 * A connect that wins after the caller gave up is released at once.
 */
export async function checkout(pool: pg.Pool, waitMs: number, retryFailedConnectsMs = 2000): Promise<Lease> {
  let deadline = Date.now() + waitMs;
  let lastError: Error | null = null;
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const pending = pool.connect();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(0, deadline - Date.now()))));
    try {
      const got = await Promise.race([pending, timedOut]);
      if (got === 'timeout') {
        pending.then((c) => c.release(), () => undefined);
        break;
      }
      return new Lease(got);
    } catch (e) {
      // a database that refuses connections is answered as down soon, not after the whole wait
      if (!lastError) deadline = Math.min(deadline, Date.now() + retryFailedConnectsMs);
      lastError = e as Error;
      await sleep(Math.min(50 * 2 ** attempt, 500, Math.max(0, deadline - Date.now())));
    } finally {
      clearTimeout(timer);
    }
  }
  if (lastError) throw new DatabaseUnavailable(`cannot connect to the database: ${lastError.message}`, { cause: lastError });
  throw new DatabaseUnavailable(`no database connection came free within ${waitMs} ms (every connection is busy with another export)`);
}
