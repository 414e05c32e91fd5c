import type { AddressInfo } from 'node:net';
import type { ProxyConfig } from '../src/config';
import type { DbBackend } from '../src/db/backend';
import { buildServer, type ProxyServer } from '../src/server';

export const TOKEN = 'test-token-0123456789';

export interface RunningProxy {
  server: ProxyServer;
  base: string;
  post: (body: unknown) => Promise<Response>;
  close: () => Promise<void>;
}

/** The config every proxy test starts from: loopback, any free port, the public schema, no saved queries. */
export function proxyTestConfig(overrides: Partial<ProxyConfig> = {}): ProxyConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    tokenGenerated: false,
    schema: 'public',
    studioOrigins: ['http://127.0.0.1:5173'],
    maxRows: 1_000_000,
    maxConcurrentExports: 4,
    statementTimeoutMs: 30_000,
    savedQueries: [],
    ...overrides,
  };
}

/** A proxy on a loopback port over `db`, exporting the public schema. */
export async function startProxy(db: DbBackend, overrides: Partial<ProxyConfig> = {}): Promise<RunningProxy> {
  const config = proxyTestConfig(overrides);
  const server = await buildServer(config, db);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  const post = (body: unknown) =>
    fetch(`${base}/export`, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
  return { server, base, post, close: () => server.app.close() };
}
