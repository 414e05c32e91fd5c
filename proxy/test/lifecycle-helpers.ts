import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { ProxyConfig } from '../src/config';
import type { DbBackend } from '../src/db/backend';
import { buildServer, type ProxyServer } from '../src/server';
import { proxyTestConfig } from './harness';

export const TOKEN = 'lifecycle-token-0123456789';
export const AUTH = { Authorization: `Bearer ${TOKEN}` };

/** Saved queries the lifecycle tests export: big enough to outgrow socket buffers, or failing mid-way. */
export const LIFECYCLE_QUERIES = [
  // ~40 MB of CSV: a client that stops reading really holds its export open
  { name: 'big_series', sql: "SELECT g AS n, repeat('x', 200) AS pad FROM generate_series(1, 200000) AS g" },
  // division by zero at row 60000: PostgreSQL fails the query after the first rows (and Arrow batches) were sent
  { name: 'fails_midway', sql: "SELECT g AS n, repeat('x', 200) AS pad, 1 / (60000 - g) AS boom FROM generate_series(1, 70000) AS g" },
];

export function lifecycleConfig(overrides: Partial<ProxyConfig> = {}): ProxyConfig {
  return proxyTestConfig({ token: TOKEN, maxConcurrentExports: 2, statementTimeoutMs: 10_000, savedQueries: LIFECYCLE_QUERIES, ...overrides });
}

export interface RunningProxy {
  server: ProxyServer;
  base: string;
  port: number;
  close: () => Promise<void>;
}

export async function startProxy(db: DbBackend, overrides: Partial<ProxyConfig> = {}): Promise<RunningProxy> {
  const server = await buildServer(lifecycleConfig(overrides), db);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const port = (server.app.server.address() as AddressInfo).port;
  return { server, base: `http://127.0.0.1:${port}`, port, close: () => server.app.close() };
}

export interface RawResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  trailers: NodeJS.Dict<string>;
  /** the whole chunked body arrived, terminating chunk included */
  complete: boolean;
}

/** POST /export over plain http, reading trailers and telling a complete body from a cut one. */
export function rawExport(port: number, body: unknown): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/export', method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), trailers: res.trailers, complete: res.complete }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * A client that reads the first bytes of an export and then stops reading (socket left open).
 * `started` resolves with the status; a refused export's body is kept for the failure message.
 */
export function stalledClient(port: number, body: unknown, auth: Record<string, string> = AUTH): { request: http.ClientRequest; started: Promise<number>; refusal: () => string } {
  let request!: http.ClientRequest;
  let refusal = '';
  const started = new Promise<number>((resolve, reject) => {
    request = http.request({ host: '127.0.0.1', port, path: '/export', method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
      res.on('error', () => undefined);
      if (res.statusCode !== 200) {
        res.on('data', (c: Buffer) => (refusal += c.toString()));
        res.on('end', () => resolve(res.statusCode ?? 0));
        return;
      }
      res.once('data', () => {
        res.pause();
        resolve(200);
      });
    });
    request.on('error', (e) => reject(e));
    request.end(JSON.stringify(body));
  });
  return { request, started, refusal: () => refusal };
}

export async function activeExports(base: string): Promise<number> {
  return ((await (await fetch(`${base}/health`)).json()) as { activeExports: number }).activeExports;
}

/** The database a backend's pool connects to. */
export function databaseName(db: DbBackend): string {
  return new URL(db.pool.options.connectionString!).pathname.slice(1);
}

/** The proxy's own backends in its database, from pg_stat_activity (real PostgreSQL only). */
export async function proxySessions(adminUrl: string, database: string): Promise<{ pid: number; state: string | null; query: string }[]> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number; state: string | null; query: string }>(
      "SELECT pid, state, query FROM pg_stat_activity WHERE application_name = 'kiln-proxy' AND datname = $1 AND pid <> pg_backend_pid()",
      [database],
    );
    return r.rows;
  } finally {
    await c.end();
  }
}
