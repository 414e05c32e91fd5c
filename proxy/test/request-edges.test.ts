import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBody } from '../../src/features/connect/export-body';
import type { DbBackend } from '../src/db/backend';
import { testBackends } from './backends';
import { startProxy, TOKEN, type RunningProxy } from './harness';

/**
 * Issue 17's minor points on both databases: a one-element `in` list as the studio sends it,
 * duplicate columns, PostgreSQL errors the request caused (4xx, not 500 internal), tables never
 * analyzed, and issue 18's Cross-Origin-Resource-Policy on every response.
 */
const backends = await testBackends();
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
const FRESH = `fresh_${suffix}`;
const CHECKED = `checked_${suffix}`;
const WRITES = `writes_${suffix}`;

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe.each(backends)('request edge cases on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const listed = async () => ((await (await fetch(`${proxy.base}/tables`, { headers: auth })).json()) as { tables: { name: string; approxRows: number | null }[] }).tables;

  beforeAll(async () => {
    db = await backend.start();
    const client = await db.pool.connect();
    try {
      // never analyzed: no ANALYZE, no index build (which sets reltuples), no autovacuum
      await client.query(`CREATE TABLE ${FRESH} (n integer) WITH (autovacuum_enabled = false)`);
      await client.query(`INSERT INTO ${FRESH} SELECT g FROM generate_series(1, 20) g`);
      await client.query(`CREATE DOMAIN positive_${suffix} AS integer CHECK (VALUE > 0)`);
      await client.query(`CREATE VIEW ${CHECKED} AS SELECT (n - 5)::positive_${suffix} AS p FROM ${FRESH}`);
      await client.query(`CREATE SEQUENCE seq_${suffix}`);
      await client.query(`CREATE VIEW ${WRITES} AS SELECT nextval('seq_${suffix}') AS v`);
    } finally {
      client.release();
    }
    proxy = await startProxy(db);
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  it('a one-element `in` list, exactly as the studio builds it, stays a list', async () => {
    const body = exportBody('essays', ['id', 'grade'], [{ column: 'grade', op: 'in', text: 'A' }], '');
    expect(body.filters![0].value).toEqual(['A']);
    const res = await proxy.post(body);
    expect(res.status).toBe(200);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    const grades = table.getChild('grade')!.toArray() as string[];
    expect(grades.length).toBeGreaterThan(0);
    expect(new Set(grades)).toEqual(new Set(['A']));
    const client = await db.pool.connect();
    try {
      const n = await client.query("SELECT count(*)::int AS n FROM essays WHERE grade = 'A'");
      expect(grades.length).toBe(Number(n.rows[0].n));
    } finally {
      client.release();
    }
  });

  it('a one-element list of a number or a boolean stays a list (Ajv coercion unwrapped it to a string)', async () => {
    const ids = await proxy.post({ table: 'jobs', format: 'jsonl', columns: ['id'], filters: [{ column: 'id', op: 'in', value: [7] }] });
    expect(ids.status).toBe(200);
    expect((await ids.text()).split('\n').filter((l) => l.startsWith('{'))).toEqual(['{"id":7}']);
    const remote = await proxy.post({ table: 'jobs', format: 'jsonl', columns: ['remote'], filters: [{ column: 'remote', op: 'not_in', value: [true] }] });
    expect(remote.status).toBe(200);
    const rows = (await remote.text()).split('\n').filter((l) => l.startsWith('{'));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows)).toEqual(new Set(['{"remote":false}']));
  });

  it('a column asked for twice is refused with a 400 naming it', async () => {
    const res = await proxy.post({ table: 'jobs', format: 'csv', columns: ['id', 'title', 'id'] });
    expect(res.status).toBe(400);
    const e = await errorOf(res);
    expect(e.code).toBe('bad_request');
    expect(e.message).toContain('"id"');
    expect(e.message).toMatch(/more than once/);
  });

  it('a domain CHECK violation is the request’s fault: 400 query_failed, not 500', async () => {
    for (const format of ['jsonl', 'csv', 'arrow']) {
      const res = await proxy.post({ table: CHECKED, format });
      expect(res.status, format).toBe(400);
      const e = await errorOf(res);
      expect(e.code).toBe('query_failed');
      expect(e.message).toMatch(/positive_/);
    }
  });

  it('a view that writes is refused as read-only: 403 read_only, not 500', async () => {
    const res = await proxy.post({ table: WRITES, format: 'jsonl' });
    expect(res.status).toBe(403);
    const e = await errorOf(res);
    expect(e.code).toBe('read_only');
    expect(e.message).toMatch(/read-only transaction/);
  });

  it('a table never analyzed has an unknown row count (null), not ~0', async () => {
    const tables = await listed();
    expect(tables.find((t) => t.name === FRESH)!.approxRows).toBeNull();
    expect(tables.find((t) => t.name === 'jobs')!.approxRows).toBe(300);
    const client = await db.pool.connect();
    try {
      await client.query(`ANALYZE ${FRESH}`);
    } finally {
      client.release();
    }
    expect((await listed()).find((t) => t.name === FRESH)!.approxRows).toBe(20);
  });

  it('every response carries Cross-Origin-Resource-Policy: cross-origin (issue 18)', async () => {
    const responses = [
      await fetch(`${proxy.base}/health`),
      await fetch(`${proxy.base}/tables`, { headers: auth }),
      await fetch(`${proxy.base}/tables`),
      await fetch(`${proxy.base}/nowhere`, { headers: auth }),
      await fetch(`${proxy.base}/export`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST' } }),
      await proxy.post({ table: 'jobs', format: 'csv', limit: 2 }),
      await proxy.post({ table: 'jobs', format: 'xlsx' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 401, 404, 204, 200, 400]);
    for (const r of responses) expect(r.headers.get('cross-origin-resource-policy'), r.url).toBe('cross-origin');
    await Promise.all(responses.map((r) => r.arrayBuffer()));
  });
});
