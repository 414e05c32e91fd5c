import { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import type pg from 'pg';
import { checkout, DatabaseUnavailable, makePool } from '../db/backend';
import { servePGlite } from '../db/embedded';
import { redact } from '../db/postgres';

/**
 * The database the team store lives in (schema `kiln`): the server's PostgreSQL, or an embedded
 * PGlite kept in a data directory of its own (never the demo database, which is rebuilt from its
 * cache on every start). Both are spoken to with `pg`, as the exporter does.
 */
export interface StoreDb {
  kind: 'postgres' | 'embedded';
  pool: pg.Pool;
  describe: string;
  close(): Promise<void>;
}

const storePool = (connectionString: string, max: number) => makePool(connectionString, max, { values: 'parsed', connectionTimeoutMillis: 5000, applicationName: 'kiln-server-store' });

export async function connectStore(url: string, maxConnections = 4): Promise<StoreDb> {
  const pool = storePool(url, maxConnections);
  return { kind: 'postgres', pool, describe: redact(url), close: () => pool.end() };
}

/** PGlite on disk (`dataDir`), or in memory for `null`. */
export async function openEmbeddedStore(dataDir: string | null): Promise<StoreDb> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  const served = await servePGlite(db, (url) => storePool(url, 1));
  return { kind: 'embedded', pool: served.pool, describe: dataDir ? `embedded PGlite in ${dataDir}` : 'embedded PGlite in memory', close: served.close };
}

/** How long a store request waits for a connection before it is answered 503. */
const STORE_WAIT_MS = 10_000;

/** A failure of the connection itself (the database restarting, a cut socket), as opposed to a statement's error. */
function isConnectionError(e: unknown): boolean {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (/^(57P|08)/.test(code) || /^(ECONN|EPIPE|ETIMEDOUT)/.test(code)) return true;
  return e instanceof Error && /connection terminated|connection (was )?closed|connection error|not queryable/i.test(e.message);
}

function unavailable(e: unknown): DatabaseUnavailable {
  return e instanceof DatabaseUnavailable ? e : new DatabaseUnavailable(`the store's database connection failed: ${(e as Error).message}`, { cause: e });
}

/**
 * `fn` inside one transaction: committed whole or rolled back whole, so a push cut short (the
 * client gone, the server killed, the database restarted) leaves nothing behind.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, waitMs = STORE_WAIT_MS): Promise<T> {
  const lease = await checkout(pool, waitMs);
  try {
    await lease.client.query('BEGIN');
    const out = await fn(lease.client);
    await lease.client.query('COMMIT');
    return out;
  } catch (e) {
    if (lease.broken || isConnectionError(e)) {
      lease.kill(e as Error);
      throw unavailable(e);
    }
    await lease.rollbackOrKill();
    throw e;
  } finally {
    lease.release();
  }
}

/** One statement on a pooled connection (a connection lost meanwhile is answered as the database being unavailable). */
export async function read<R extends pg.QueryResultRow>(pool: pg.Pool, sql: string, params: unknown[] = [], waitMs = STORE_WAIT_MS): Promise<R[]> {
  const lease = await checkout(pool, waitMs);
  try {
    return (await lease.client.query<R>(sql, params)).rows;
  } catch (e) {
    if (lease.broken || isConnectionError(e)) {
      lease.kill(e as Error);
      throw unavailable(e);
    }
    throw e;
  } finally {
    lease.release();
  }
}
