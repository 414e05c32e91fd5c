import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { testBackends } from './backends';
import { activeExports, AUTH, rawExport, startProxy, stalledClient, type RunningProxy } from './lifecycle-helpers';

const backends = await testBackends();
const IDLE_WRITE_MS = 1500;
const CONNECTION_WAIT_MS = 700;
/** what "about the idle-write timeout" allows beyond it: starting the stalled COPYs, a retry, the export itself */
const MARGIN_MS = 4000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('slow and stalled readers on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;
  let patient: RunningProxy;

  beforeAll(async () => {
    db = await backend.start();
    proxy = await startProxy(db, { maxConcurrentExports: 4, idleWriteTimeoutMs: IDLE_WRITE_MS, connectionWaitMs: CONNECTION_WAIT_MS });
    // a statement timeout far shorter than the download: it must bound the query, not the transfer
    patient = await startProxy(db, { statementTimeoutMs: 2000, idleWriteTimeoutMs: 10_000 });
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await patient?.close();
    await db?.close();
  });

  it('8 stalled readers never make another client wait past the idle-write timeout, and /tables answers meanwhile', async () => {
    const formats = ['csv', 'jsonl', 'arrow'] as const;
    const stalled = Array.from({ length: 8 }, (_, i) => stalledClient(proxy.port, { table: 'big_series', format: formats[i % 3] }));
    stalled.forEach((s) => s.started.catch(() => undefined));
    // at least one holds an export (and, on the embedded database, its one connection)
    await expect.poll(() => activeExports(proxy.base), { timeout: 10_000 }).toBeGreaterThan(0);
    const t0 = Date.now();

    const tables = await fetch(`${proxy.base}/tables`, { headers: AUTH });
    expect(tables.status).toBe(200);
    expect(((await tables.json()) as { tables: { name: string }[] }).tables.map((t) => t.name)).toContain('big_series');
    expect(Date.now() - t0).toBeLessThan(IDLE_WRITE_MS);

    // another client retries while slots are full (429) or the connection is taken (503)
    let done = false;
    while (!done && Date.now() - t0 < IDLE_WRITE_MS + MARGIN_MS) {
      const r = await rawExport(proxy.port, { table: 'big_series', format: 'csv', limit: 1000 });
      if (r.status === 200) {
        expect(r.complete).toBe(true);
        expect(r.trailers['x-kiln-row-count']).toBe('1000');
        done = true;
      } else {
        expect([429, 503]).toContain(r.status);
        await sleep(100);
      }
    }
    expect(done).toBe(true);
    expect(Date.now() - t0).toBeLessThan(IDLE_WRITE_MS + MARGIN_MS);
    // and every stalled export was ended, its slot freed
    await expect.poll(() => activeExports(proxy.base), { timeout: IDLE_WRITE_MS + MARGIN_MS }).toBe(0);
    stalled.forEach((s) => s.request.destroy());
  }, 60_000);
  it.each(['csv', 'jsonl', 'arrow'] as const)('a slow but healthy %s download, slower than the statement timeout completes', async (format) => {
    const result = await new Promise<{ complete: boolean; rows?: string; ms: number }>((resolve, reject) => {
      const t0 = Date.now();
      const req = http.request({ host: '127.0.0.1', port: patient.port, path: '/export', method: 'POST', headers: { ...AUTH, 'content-type': 'application/json' } }, (res) => {
        expect(res.statusCode).toBe(200);
        // read a chunk, pause 15 ms: a reader that keeps up, slowly
        res.on('data', () => {
          res.pause();
          setTimeout(() => res.resume(), 15);
        });
        res.on('error', () => undefined);
        res.on('close', () => resolve({ complete: res.complete, rows: res.trailers['x-kiln-row-count'], ms: Date.now() - t0 }));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ table: 'big_series', format, limit: 100_000 }));
    });
    expect(result.ms).toBeGreaterThan(2000);
    expect(result).toMatchObject({ complete: true, rows: '100000' });
  }, 60_000);
});
