import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedToken, PushResult } from '../../src/team/api';
import { OwnPostgres } from './own-postgres';
import { startServerProcess, type ServerProcess } from './server-process';
import { artifact, fakeModel, runPush } from './store-fixtures';

const available = OwnPostgres.available();
if (!available && process.env.CI) throw new Error('CI=true but no PostgreSQL 15 binaries (initdb, pg_ctl) for the store fault test; set KILN_TEST_PG_BIN');

async function rows(url: string, sql: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(sql)).rows[0].n);
  } finally {
    await c.end();
  }
}

const call = (base: string, method: string, path: string, token: string, body?: unknown) =>
  fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });

describe.skipIf(!available)('the team store under faults (the server process on an own PostgreSQL 15)', () => {
  let own: OwnPostgres;
  let server: ServerProcess | undefined;
  let alice: string;
  const push = runPush('fault-run-1');
  // three chunks: the kill lands after the first, with the run row and its series already written
  push.artifacts = [artifact('model.onnx', fakeModel(9, (1 << 20) * 2 + 5)), ...push.artifacts.slice(1)];

  beforeAll(async () => {
    own = await OwnPostgres.start();
  }, 60_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    own?.remove();
  });

  it('a server killed mid-push leaves no half run; the retried push stores exactly one', async () => {
    const first = await startServerProcess({ DATABASE_URL: own.url, KILN_PROXY_TOKEN: 'fault-export-token', KILN_SERVER_OWNER: 'fault-admin', KILN_SERVER_TEST_FAULT: 'kill-mid-push' });
    const admin = /admin: +(kiln_\S+)/.exec(first.output())?.[1];
    expect(admin, first.output()).toBeTruthy();
    const made = (await (await call(first.url, 'POST', '/tokens', admin!, { holder: 'Alice', scopes: ['track', 'promote'] })).json()) as CreatedToken;
    alice = made.token;
    await expect(call(first.url, 'POST', '/runs', alice, push)).rejects.toThrow();
    // the server process itself was killed (by the signal; 128 + 9 should a wrapper ever report it)
    const end = await first.exited;
    expect(end.signal === 'SIGKILL' || end.code === 137, JSON.stringify(end)).toBe(true);
    for (const t of ['runs', 'metric_series', 'artifacts', 'artifact_chunks', 'experiments', 'projects']) {
      expect(await rows(own.url, `SELECT count(*) AS n FROM kiln.${t}`), t).toBe(0);
    }

    server = await startServerProcess({ DATABASE_URL: own.url, KILN_PROXY_TOKEN: 'fault-export-token', KILN_SERVER_OWNER: 'fault-admin' });
    expect(server.output()).not.toMatch(/admin:/);
    const retried = await call(server.url, 'POST', '/runs', alice, push);
    expect(retried.status).toBe(201);
    const again = await call(server.url, 'POST', '/runs', alice, push);
    expect(again.status).toBe(200);
    expect(((await again.json()) as PushResult).created).toBe(false);
    expect(await rows(own.url, "SELECT count(*) AS n FROM kiln.runs WHERE id = 'fault-run-1'")).toBe(1);
    expect(await rows(own.url, 'SELECT count(*) AS n FROM kiln.artifact_chunks')).toBe(3 + 3);
    const back = Buffer.from(await (await call(server.url, 'GET', '/runs/fault-run-1/artifacts/model.onnx', alice)).arrayBuffer());
    expect(back.equals(Buffer.from(fakeModel(9, (1 << 20) * 2 + 5)))).toBe(true);
  }, 120_000);

  it('PostgreSQL restarting under the running server: requests fail clearly (503), then work again without restarting the server', async () => {
    expect(server).toBeDefined();
    const base = server!.url;
    expect((await call(base, 'GET', '/runs', alice)).status).toBe(200);
    own.stop('fast');
    const down = await call(base, 'GET', '/runs', alice);
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/database/) });
    const pushDown = await call(base, 'POST', '/runs', alice, runPush('fault-run-2'));
    expect(pushDown.status).toBe(503);
    own.ctl(['start', '-w']);
    let status = 0;
    for (let i = 0; i < 40 && status !== 200; i++) {
      status = (await call(base, 'GET', '/runs', alice)).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
    expect((await call(base, 'POST', '/runs', alice, runPush('fault-run-2'))).status).toBe(201);
    expect(await rows(own.url, 'SELECT count(*) AS n FROM kiln.runs')).toBe(2);
    expect(server!.child.exitCode).toBeNull();
  }, 120_000);
});
