import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { connectPostgres } from '../src/db/postgres';
import { activeExports, AUTH, rawExport, startProxy, type RunningProxy } from './lifecycle-helpers';
import { OwnPostgres } from './own-postgres';
import { shutdown } from '../src/shutdown';

const available = OwnPostgres.available();
if (!available && process.env.CI) throw new Error('CI=true but no PostgreSQL 15 binaries (initdb, pg_ctl) for the fault test; set KILN_TEST_PG_BIN');
if (!available) console.log('fault test skipped: no PostgreSQL 15 binaries at /usr/lib/postgresql/15/bin (set KILN_TEST_PG_BIN)');

/** An export whose client has read its first bytes and waits, paused, until `resume` lets it read on to the end. */
function heldExport(port: number, format: string): { started: Promise<void>; finish: () => Promise<{ complete: boolean; bytes: number }> } {
  let res!: http.IncomingMessage;
  let bytes = 0;
  const started = new Promise<void>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/export', method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' } }, (r) => {
      res = r;
      r.on('error', () => undefined);
      r.on('data', (c: Buffer) => (bytes += c.byteLength));
      r.once('data', () => {
        r.pause();
        resolve();
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify({ table: 'big_series', format }));
  });
  const finish = () =>
    new Promise<{ complete: boolean; bytes: number }>((resolve) => {
      res.on('close', () => resolve({ complete: res.complete, bytes }));
      res.resume();
    });
  return { started, finish };
}

describe.skipIf(!available)('the proxy survives its database failing (an own PostgreSQL 15)', () => {
  let own: OwnPostgres;
  let db: DbBackend;
  let proxy: RunningProxy;
  let closed = false;

  const terminate = async (state: 'idle' | 'busy') => {
    const c = new pg.Client({ connectionString: own.url });
    await c.connect();
    try {
      const r = await c.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kiln-proxy' AND (state = $1 OR ($1 = 'busy' AND state IN ('active', 'idle in transaction')))", [state]);
      return r.rowCount ?? 0;
    } finally {
      await c.end();
    }
  };
  const exportsOk = async () => {
    const r = await rawExport(proxy.port, { table: 'big_series', format: 'csv', limit: 100 });
    expect(r.status).toBe(200);
    expect(r.complete).toBe(true);
    expect(r.trailers['x-kiln-row-count']).toBe('100');
  };

  beforeAll(async () => {
    own = await OwnPostgres.start();
    db = await connectPostgres(own.url, 4);
    proxy = await startProxy(db, { maxConcurrentExports: 2 });
  }, 60_000);

  afterAll(async () => {
    const bounded = (p: Promise<unknown> | undefined) => Promise.race([p, new Promise((r) => setTimeout(r, 2000))]);
    try {
      if (!closed) {
        await bounded(proxy?.close());
        await bounded(db?.close());
      }
    } finally {
      // the cluster goes whatever happened above
      own?.remove();
    }
  });

  it('terminating its idle pooled connections does not end the process, and the next export succeeds', async () => {
    await Promise.all([exportsOk(), exportsOk()]);
    expect(await terminate('idle')).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    await exportsOk();
    expect((await fetch(`${proxy.base}/health`)).status).toBe(200);
  });

  it.each(['csv', 'jsonl', 'arrow'])('terminating the connection of a %s export in flight cuts its stream, and the next export succeeds', async (format) => {
    const held = heldExport(proxy.port, format);
    await held.started;
    expect(await terminate('busy')).toBe(1);
    const seen = await held.finish();
    expect(seen.bytes).toBeGreaterThan(0);
    expect(seen.complete).toBe(false);
    await expect.poll(() => activeExports(proxy.base), { timeout: 1000 }).toBe(0);
    await exportsOk();
  });

  it.each(['fast', 'immediate'] as const)('a restart (-m %s) during an export cuts its stream; /health says so while it is down; the next export succeeds', async (mode) => {
    const held = heldExport(proxy.port, 'csv');
    await held.started;
    own.stop(mode);
    const seen = await held.finish();
    expect(seen.complete).toBe(false);
    await expect.poll(async () => (await fetch(`${proxy.base}/health`)).status, { timeout: 5000 }).toBe(503);
    const down = (await (await fetch(`${proxy.base}/health`)).json()) as { status: string; database: string; error?: string };
    expect(down).toMatchObject({ status: 'degraded', database: 'unreachable' });
    expect(down.error).toMatch(/connect|terminat|ECONNREFUSED/i);
    const refused = await rawExport(proxy.port, { table: 'big_series', format: 'csv', limit: 10 });
    expect(refused.status).toBe(503);
    own.ctl(['start', '-w']);
    await expect.poll(async () => (await fetch(`${proxy.base}/health`)).status, { timeout: 5000 }).toBe(200);
    await exportsOk();
    expect(await activeExports(proxy.base)).toBe(0);
  }, 30_000);

  it('a shutdown during a stalled export ends it, closes the pool and returns within its bound', async () => {
    const held = heldExport(proxy.port, 'arrow');
    await held.started;
    const stopping = shutdown(proxy.server, db, 3000);
    closed = true;
    expect(await stopping).toBe(true);
    const seen = await held.finish();
    expect(seen.complete).toBe(false);
    expect(db.pool.totalCount).toBe(0);
  }, 10_000);
});
