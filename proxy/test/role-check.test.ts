import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbedded } from '../src/db/embedded';
import { checkRole, checkRoleAtStart } from '../src/db/role-check';
import { ADMIN_URL, pgReachable } from './postgres-admin';

/**
 * Issue 17 point 10, least privilege: at start the proxy reads what its role may do beyond
 * reading, warns, and with --require-readonly-role refuses to start; a role made with the
 * README's recipe passes, starts and exports. Roles are cluster-wide, so every name here is unique
 * to this run and dropped after.
 */
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
const DB = `kiln_rolecheck_${suffix}`;
const READER = `kiln_reader_${suffix}`;
const PROXY = `kiln_proxy_${suffix}`;
const WRITER = `kiln_writer_${suffix}`;
const ROOT = resolve(import.meta.dirname, '../..');

const reachable = await pgReachable(ADMIN_URL);
if (!reachable && process.env.CI) throw new Error(`CI=true but PostgreSQL is not reachable at ${ADMIN_URL}`);

function urlFor(user: string, db = DB): string {
  const u = new URL(ADMIN_URL);
  u.username = user;
  u.password = user === 'postgres' ? u.password : 'kiln-test-password';
  u.pathname = `/${db}`;
  return u.toString();
}

async function run(url: string, sql: string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const s of sql) await c.query(s);
  } finally {
    await c.end();
  }
}

/** `npx tsx proxy/src/main.ts` with `env`: resolves with its output once it listens, or when it exits. */
function startProxyProcess(env: Record<string, string>, args: string[]): Promise<{ output: string; code: number | null; url?: string; stop: () => void }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'proxy/src/main.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let output = '';
    const stop = () => child.kill('SIGTERM');
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /listening: (http:\/\/\S+)/.exec(output);
      if (m) done({ output, code: null, url: m[1], stop });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => done({ output, code, stop }));
  });
}

describe.runIf(reachable)('role check on the real PostgreSQL', () => {
  beforeAll(async () => {
    await run(ADMIN_URL, [`CREATE DATABASE ${DB}`]);
    // the README's recipe, word for word but for the names
    await run(urlFor('postgres'), [
      'CREATE TABLE items (id integer PRIMARY KEY, label text)',
      "INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 50) g",
      'ANALYZE items',
      `CREATE ROLE ${READER} NOLOGIN`,
      `GRANT CONNECT ON DATABASE ${DB} TO ${READER}`,
      `GRANT USAGE ON SCHEMA public TO ${READER}`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${READER}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO ${READER}`,
      `CREATE ROLE ${PROXY} LOGIN PASSWORD 'kiln-test-password' IN ROLE ${READER}`,
      `CREATE ROLE ${WRITER} LOGIN PASSWORD 'kiln-test-password' CREATEDB IN ROLE ${READER}`,
      `GRANT INSERT, DELETE ON items TO ${WRITER}`,
      // created after the grants: readable through the default privileges
      'CREATE TABLE later (n integer)',
    ]);
  }, 60_000);

  afterAll(async () => {
    await run(ADMIN_URL, [`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`]);
    await run(ADMIN_URL, [READER, PROXY, WRITER].map((r) => `DROP ROLE IF EXISTS ${r}`));
  });

  const check = async (user: string) => {
    const pool = new pg.Pool({ connectionString: urlFor(user), max: 1 });
    try {
      return await checkRole(pool, 'public');
    } finally {
      await pool.end();
    }
  };

  it('a superuser gets a non-empty warning list, superuser first', async () => {
    const r = await check('postgres');
    expect(r.readonly).toBe(false);
    expect(r.warnings[0]).toMatch(/superuser/);
    expect(r.warnings.join('\n')).toMatch(/pg_execute_server_program/);
    expect(r.warnings.join('\n')).toMatch(/can write to 2 table\(s\) in schema "public": items \(INSERT, UPDATE, DELETE, TRUNCATE\); later/);
  });

  it('a role with write grants or CREATEDB is named for each', async () => {
    const r = await check(WRITER);
    expect(r.readonly).toBe(false);
    expect(r.warnings).toEqual(['has CREATEDB', 'can write to 1 table(s) in schema "public": items (INSERT, DELETE)']);
  });

  it('a role made with the recipe has no warnings', async () => {
    const r = await check(PROXY);
    expect(r).toEqual({ role: PROXY, readonly: true, warnings: [] });
  });

  it('--require-readonly-role refuses a superuser and lists why', async () => {
    const p = await startProxyProcess({ DATABASE_URL: urlFor('postgres'), KILN_PROXY_PORT: '0' }, ['--require-readonly-role']);
    p.stop();
    expect(p.code).toBe(1);
    expect(p.output).toMatch(/refusing to start \(--require-readonly-role\)/);
    expect(p.output).toMatch(/role "postgres" is a superuser/);
    const env = await startProxyProcess({ DATABASE_URL: urlFor(WRITER), KILN_PROXY_PORT: '0', KILN_PROXY_REQUIRE_READONLY_ROLE: '1' }, []);
    env.stop();
    expect(env.code).toBe(1);
    expect(env.output).toMatch(/can write to 1 table\(s\)/);
  }, 60_000);

  it('without the flag a superuser starts with a loud warning; the recipe role starts with the flag and exports', async () => {
    const loose = await startProxyProcess({ DATABASE_URL: urlFor('postgres'), KILN_PROXY_PORT: '0', KILN_PROXY_TOKEN: 'role-check-token-1' }, []);
    try {
      expect(loose.url).toBeDefined();
      expect(loose.output).toMatch(/WARNING: the database role "postgres" can do more than read/);
      const h = (await (await fetch(`${loose.url}/health`)).json()) as { role: { readonly: boolean; warnings: string[] } };
      expect(h.role.readonly).toBe(false);
      expect(h.role.warnings.length).toBeGreaterThan(2);
    } finally {
      loose.stop();
    }
    const p = await startProxyProcess({ DATABASE_URL: urlFor(PROXY), KILN_PROXY_PORT: '0', KILN_PROXY_TOKEN: 'role-check-token-1' }, ['--require-readonly-role']);
    try {
      expect(p.url, p.output).toBeDefined();
      expect(p.output).not.toMatch(/WARNING/);
      const h = (await (await fetch(`${p.url}/health`)).json()) as { role: { readonly: boolean; warnings: string[] } };
      expect(h.role).toEqual({ readonly: true, warnings: [] });
      const auth = { Authorization: 'Bearer role-check-token-1' };
      const tables = ((await (await fetch(`${p.url}/tables`, { headers: auth })).json()) as { tables: { name: string }[] }).tables;
      expect(tables.map((t) => t.name).sort()).toEqual(['items', 'later']);
      const res = await fetch(`${p.url}/export`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ table: 'items', format: 'csv', orderBy: [{ column: 'id' }] }) });
      expect(res.status).toBe(200);
      const lines = (await res.text()).trim().split('\n');
      expect(lines[0]).toBe('id,label');
      expect(lines.slice(1, 51)).toEqual(Array.from({ length: 50 }, (_, i) => `${i + 1},item ${i + 1}`));
    } finally {
      p.stop();
    }
  }, 60_000);
});

describe('role check on the embedded demo database', () => {
  it('reports PGlite’s superuser as the demo and starts, even when read-only is required', async () => {
    const db = await startEmbedded();
    try {
      const lines: string[] = [];
      const r = await checkRoleAtStart(db, 'public', true, (l) => lines.push(l));
      expect(r.readonly).toBe(false);
      expect(lines.join('\n')).toMatch(/embedded demo database runs as its superuser/);
    } finally {
      await db.close();
    }
  }, 120_000);
});
