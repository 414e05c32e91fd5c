import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { testBackends } from './backends';
import { activeExports, AUTH, databaseName, proxySessions, rawExport, startProxy, stalledClient, type RunningProxy } from './lifecycle-helpers';

const backends = await testBackends();
const ADMIN_URL = process.env.KILN_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const AWKWARD = ['数据表', 'line\nbreak', 'quo"te'];
const FORMATS = ['csv', 'jsonl', 'arrow'] as const;

describe.each(backends)('export lifecycle on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;

  /** No connection of the proxy is left inside a transaction (real PostgreSQL shows it; PGlite has one session). */
  const expectNoOpenTransaction = async () => {
    if (backend.name !== 'postgres') return;
    await expect.poll(async () => (await proxySessions(ADMIN_URL, databaseName(db))).filter((s) => s.state?.startsWith('idle in transaction') || s.state === 'active'), { timeout: 2000 }).toEqual([]);
  };

  beforeAll(async () => {
    db = await backend.start();
    for (const [i, name] of AWKWARD.entries()) {
      const q = `"${name.replace(/"/g, '""')}"`;
      await db.pool.query(`CREATE TABLE ${q} (id int, label text)`);
      await db.pool.query(`INSERT INTO ${q} VALUES (1, 'a'), (2, 'b${i}')`);
    }
    proxy = await startProxy(db);
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  it.each(AWKWARD)('a CSV export of table %j names its file per RFC 6266, again and again past the slot cap', async (table) => {
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${proxy.base}/export`, { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' }, body: JSON.stringify({ table, format: 'csv' }) });
      expect(res.status).toBe(200);
      const cd = res.headers.get('content-disposition')!;
      const exact = /filename\*=UTF-8''([^;]+)/.exec(cd)?.[1];
      expect(decodeURIComponent(exact!)).toBe(`${table}.csv`);
      const fallback = /filename="([^"]*)"/.exec(cd)?.[1];
      expect(fallback).toMatch(/^[\x20-\x7e]+\.csv$/);
      expect(await res.text()).toMatch(/^id,label\n1,a\n2,b\d\n$/);
    }
    expect(await activeExports(proxy.base)).toBe(0);
    await expectNoOpenTransaction();
  });

  it.each(FORMATS)('a %s export that fails after its first byte reaches the client cut off, and frees its slot and connection', async (format) => {
    const r = await rawExport(proxy.port, { table: 'fails_midway', format });
    expect(r.status).toBe(200);
    expect(r.body.byteLength).toBeGreaterThan(0);
    expect(r.complete).toBe(false);
    expect(r.trailers['x-kiln-row-count']).toBeUndefined();
    await expect.poll(() => activeExports(proxy.base), { timeout: 1000 }).toBe(0);
    await expectNoOpenTransaction();
    const next = await rawExport(proxy.port, { table: '数据表', format });
    expect(next.complete).toBe(true);
  });

  it.each(FORMATS)('a complete %s export ends with trailers: its row count and the CRC-32 of its body', async (format) => {
    const r = await rawExport(proxy.port, { table: 'big_series', format, limit: 12345 });
    expect(r.status).toBe(200);
    expect(r.complete).toBe(true);
    expect(r.headers.trailer).toBe('X-Kiln-Row-Count, X-Kiln-Checksum');
    expect(r.trailers['x-kiln-row-count']).toBe('12345');
    expect(r.trailers['x-kiln-checksum']).toBe(`crc32=${crc32(r.body).toString(16).padStart(8, '0')}`);
  });

  it.each(['csv', 'arrow'] as const)('a %s client that leaves mid-COPY frees its slot within a second, without draining the COPY', async (format) => {
    const c = stalledClient(proxy.port, { table: 'big_series', format });
    expect(await c.started).toBe(200);
    expect(await activeExports(proxy.base)).toBe(1);
    c.request.destroy();
    await expect.poll(() => activeExports(proxy.base), { timeout: 1000 }).toBe(0);
    await expectNoOpenTransaction();
  });
});
