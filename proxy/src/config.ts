import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadSavedQueries, type SavedQuery } from './saved-queries';

export { loadSavedQueries, type SavedQuery };

export interface ProxyConfig {
  host: string;
  port: number;
  token: string;
  tokenGenerated: boolean;
  databaseUrl?: string;
  /** the Postgres schema whose tables and views are exportable */
  schema: string;
  studioOrigins: string[];
  maxRows: number;
  maxConcurrentExports: number;
  statementTimeoutMs: number;
  /** an export whose client has not read for this long is aborted (default 30 s) */
  idleWriteTimeoutMs?: number;
  /** how long a request waits for a pooled connection before a 503 (default 10 s) */
  connectionWaitMs?: number;
  savedQueries: SavedQuery[];
  /** refuse to start when the database role can do more than read (--require-readonly-role) */
  requireReadonlyRole?: boolean;
  /** the team store: a PostgreSQL URL, an embedded PGlite directory ('memory': in memory), or off */
  store?: StoreConfig;
}

export type StoreConfig =
  | { kind: 'postgres'; url: string; maxArtifactBytes: number; maxPushBytes: number; killMidPush?: boolean }
  | { kind: 'embedded'; dir: string | null; maxArtifactBytes: number; maxPushBytes: number; killMidPush?: boolean }
  | { kind: 'off' };

const MIB = 1 << 20;
const DEFAULT_STORE_DIR = resolve(import.meta.dirname, '../../.kiln/server');

/**
 * KILN_STORE_URL (default DATABASE_URL) holds the team store; without either it is an embedded
 * PGlite in KILN_SERVER_DATA_DIR (default .kiln/server; "memory" keeps it in memory, "off" turns
 * runs and the registry off).
 */
export function storeConfig(env: NodeJS.ProcessEnv): StoreConfig {
  const dir = env.KILN_SERVER_DATA_DIR;
  if (dir === 'off') return { kind: 'off' };
  const limits = {
    maxArtifactBytes: int(env.KILN_SERVER_MAX_ARTIFACT_BYTES, 64 * MIB, 'KILN_SERVER_MAX_ARTIFACT_BYTES'),
    maxPushBytes: int(env.KILN_SERVER_MAX_PUSH_BYTES, 256 * MIB, 'KILN_SERVER_MAX_PUSH_BYTES'),
    ...(env.KILN_SERVER_TEST_FAULT === 'kill-mid-push' ? { killMidPush: true } : {}),
  };
  const url = env.KILN_STORE_URL || env.DATABASE_URL;
  if (url) return { kind: 'postgres', url, ...limits };
  return { kind: 'embedded', dir: dir === 'memory' ? null : resolve(dir || DEFAULT_STORE_DIR), ...limits };
}

function int(env: string | undefined, fallback: number, name: string): number {
  if (env === undefined || env === '') return fallback;
  const n = Number(env);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got "${env}")`);
  return n;
}

/** 0 asks the system for a free port (the proxy prints the one it got). */
function port(env: string | undefined): number {
  if (env === undefined || env === '') return 8787;
  const n = Number(env);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`KILN_PROXY_PORT must be a port number, 0 for any free one (got "${env}")`);
  return n;
}

const FLAGS = ['--require-readonly-role'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): ProxyConfig {
  const unknown = argv.filter((a) => !FLAGS.includes(a));
  if (unknown.length) throw new Error(`unknown argument ${JSON.stringify(unknown[0])}; the proxy takes ${FLAGS.join(', ')} and reads the rest from the environment (proxy/README.md)`);
  const token = env.KILN_PROXY_TOKEN?.trim();
  // the bundled saved queries read the demo tables, so they apply to the embedded database only
  const configPath = env.KILN_PROXY_CONFIG ?? (env.DATABASE_URL ? undefined : resolve(import.meta.dirname, '../demo.config.json'));
  return {
    host: env.KILN_PROXY_HOST ?? '127.0.0.1',
    port: port(env.KILN_PROXY_PORT),
    token: token || randomBytes(24).toString('base64url'),
    tokenGenerated: !token,
    databaseUrl: env.DATABASE_URL || undefined,
    schema: env.KILN_PROXY_SCHEMA ?? 'public',
    studioOrigins: (env.KILN_STUDIO_ORIGIN ?? 'http://127.0.0.1:5173,http://localhost:5173').split(',').map((s) => s.trim()).filter(Boolean),
    maxRows: int(env.KILN_PROXY_MAX_ROWS, 5_000_000, 'KILN_PROXY_MAX_ROWS'),
    maxConcurrentExports: int(env.KILN_PROXY_MAX_EXPORTS, 4, 'KILN_PROXY_MAX_EXPORTS'),
    statementTimeoutMs: int(env.KILN_PROXY_STATEMENT_TIMEOUT_MS, 60_000, 'KILN_PROXY_STATEMENT_TIMEOUT_MS'),
    idleWriteTimeoutMs: int(env.KILN_PROXY_IDLE_WRITE_TIMEOUT_MS, 30_000, 'KILN_PROXY_IDLE_WRITE_TIMEOUT_MS'),
    connectionWaitMs: int(env.KILN_PROXY_CONNECTION_WAIT_MS, 10_000, 'KILN_PROXY_CONNECTION_WAIT_MS'),
    savedQueries: loadSavedQueries(configPath),
    store: storeConfig(env),
    requireReadonlyRole: argv.includes('--require-readonly-role') || ['1', 'true', 'yes'].includes((env.KILN_PROXY_REQUIRE_READONLY_ROLE ?? '').toLowerCase()),
  };
}
