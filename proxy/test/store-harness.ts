import type { AddressInfo } from 'node:net';
import type { Scope } from '../../src/team/api';
import type { DbBackend } from '../src/db/backend';
import { buildServer, type ProxyServer } from '../src/server';
import { migrate } from '../src/store/migrate';
import { connectStore, openEmbeddedStore, type StoreDb } from '../src/store/store-db';
import type { TeamStore } from '../src/store/team-store';
import { createToken } from '../src/store/tokens';
import { proxyTestConfig, TOKEN } from './harness';
import { ADMIN_URL, createDatabase, pgReachable } from './postgres-admin';

export { ADMIN_URL };

/** A new empty database on the shared PostgreSQL 15; dropped by the returned `drop`. */
export const freshPostgres = (tag: string) => createDatabase(`kiln_store_${tag}`);

export interface StoreBackend {
  name: 'embedded' | 'postgres';
  /** an empty store database (no schema yet) */
  open: () => Promise<StoreDb>;
}

/** Embedded PGlite always; PostgreSQL 15 when reachable, and required under CI=true. */
export async function storeBackends(tag: string): Promise<StoreBackend[]> {
  const out: StoreBackend[] = [{ name: 'embedded', open: () => openEmbeddedStore(null) }];
  if (await pgReachable()) {
    out.push({
      name: 'postgres',
      open: async () => {
        const fresh = await freshPostgres(tag);
        const db = await connectStore(fresh.url);
        return { ...db, close: async () => (await db.close(), await fresh.drop()) };
      },
    });
  } else if (process.env.CI) throw new Error(`CI=true but PostgreSQL is not reachable at ${ADMIN_URL}; the store suite must run against the real server in CI`);
  return out;
}

export interface RunningServer {
  server: ProxyServer;
  store: TeamStore;
  base: string;
  /** tokens by holder: admin (all), alice and bob (track + promote), carol (track only), reader (export only) */
  tokens: Record<'admin' | 'alice' | 'bob' | 'carol' | 'reader', string>;
  call: (method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
  close: () => Promise<void>;
}

/** A Kiln server over a migrated store on `db` (its export side lists the same database's public schema). */
export async function startServer(db: StoreDb, limits: Partial<Pick<TeamStore, 'maxArtifactBytes' | 'maxPushBytes'>> = {}): Promise<RunningServer> {
  await migrate(db.pool);
  const store: TeamStore = { db, maxArtifactBytes: limits.maxArtifactBytes ?? 8 << 20, maxPushBytes: limits.maxPushBytes ?? 32 << 20 };
  const exportDb: DbBackend = { kind: db.kind, pool: db.pool, describe: db.describe, close: async () => undefined };
  const server = await buildServer(proxyTestConfig(), exportDb, { store });
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const make = async (holder: string, scopes: Scope[]) => (await createToken(db.pool, holder, scopes, 'test')).token;
  const tokens = {
    admin: await make('Ada Admin', ['admin']),
    alice: await make('Alice', ['export', 'track', 'promote']),
    bob: await make('Bob', ['export', 'track', 'promote']),
    carol: await make('Carol', ['export', 'track']),
    reader: TOKEN,
  };
  const call = (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { server, store, base, tokens, call, close: () => server.app.close() };
}
