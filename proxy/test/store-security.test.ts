import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedToken, RemoteRun } from '../../src/team/api';
import { artifact, fakeModel, runPush } from './store-fixtures';
import { startServer, storeBackends, type RunningServer } from './store-harness';

const count = async (s: RunningServer, sql: string) => Number((await s.store.db.pool.query(`SELECT count(*) AS n FROM ${sql}`)).rows[0].n);

/** Every route that writes, with a body that would succeed for a token with the scope. */
const WRITES: { method: string; path: string; body: unknown; scope: string }[] = [
  { method: 'POST', path: '/runs', body: runPush('sec-write'), scope: 'track' },
  { method: 'POST', path: '/models/sec_model/versions', body: { runId: 'sec-base' }, scope: 'track' },
  { method: 'POST', path: '/models/sec_model/aliases/production', body: { to: 'sec_model_v1.0', expected: null }, scope: 'promote' },
  { method: 'POST', path: '/models/sec_model/aliases/production/rollback', body: { expected: 'sec_model_v1.0' }, scope: 'promote' },
  { method: 'POST', path: '/tokens', body: { holder: 'mallory', scopes: ['admin'] }, scope: 'admin' },
  { method: 'POST', path: '/tokens/abc/revoke', body: {}, scope: 'admin' },
];

for (const backend of await storeBackends('security')) {
  describe(`the team store's security on ${backend.name}`, () => {
    let s: RunningServer;
    beforeAll(async () => {
      s = await startServer(await backend.open(), { maxArtifactBytes: 64 * 1024, maxPushBytes: 512 * 1024 });
      expect((await s.call('POST', '/runs', s.tokens.alice, runPush('sec-base'))).status).toBe(201);
    }, 120_000);
    afterAll(async () => {
      await s?.close();
      await s?.store.db.close();
    });

    it('every write refuses the export-only token (403), and reads work with it', async () => {
      for (const w of WRITES) {
        const r = await s.call(w.method, w.path, s.tokens.reader, w.body);
        expect(r.status, `${w.method} ${w.path}`).toBe(403);
        expect(((await r.json()) as { error: { message: string } }).error.message).toContain(`needs "${w.scope}"`);
      }
      expect(await count(s, 'kiln.runs')).toBe(1);
      expect(await count(s, 'kiln.model_versions')).toBe(0);
      expect((await s.call('GET', '/runs', s.tokens.reader)).status).toBe(200);
      expect((await s.call('GET', '/models', s.tokens.reader)).status).toBe(200);
    });

    it('a token without promote registers but cannot move or roll back an alias; without admin it cannot make tokens', async () => {
      expect((await s.call('POST', '/models/sec_model/versions', s.tokens.carol, { runId: 'sec-base' })).status).toBe(201);
      expect((await s.call('POST', '/models/sec_model/aliases/production', s.tokens.carol, { to: 'sec_model_v1.0', expected: null })).status).toBe(403);
      expect((await s.call('POST', '/models/sec_model/aliases/production/rollback', s.tokens.carol, { expected: null })).status).toBe(403);
      expect((await s.call('POST', '/tokens', s.tokens.alice, { holder: 'x', scopes: ['export'] })).status).toBe(403);
      expect(await count(s, 'kiln.alias_moves')).toBe(0);
    });

    it('an invalid, malformed or revoked token gets 401; no token gets 401', async () => {
      const made = (await (await s.call('POST', '/tokens', s.tokens.admin, { holder: 'Dave', scopes: ['track'] })).json()) as CreatedToken;
      expect(made.token).toMatch(/^kiln_[0-9a-f]{12}_/);
      expect((await s.call('GET', '/whoami', made.token)).status).toBe(200);
      expect(((await (await s.call('GET', '/tokens', s.tokens.admin)).json()) as { tokens: { id: string }[] }).tokens.map((t) => t.id)).toContain(made.id);
      // the store keeps a hash, never the token
      expect(await count(s, `kiln.tokens WHERE hash = '${made.token}' OR holder = '${made.token}'`)).toBe(0);
      expect((await s.call('POST', `/tokens/${made.id}/revoke`, s.tokens.admin, {})).status).toBe(200);
      for (const t of [made.token, `${made.token.slice(0, -1)}x`, 'kiln_000000000000_' + 'a'.repeat(32), 'not-a-token', "' OR '1'='1", null]) {
        expect((await s.call('POST', '/runs', t, runPush('sec-401'))).status, String(t)).toBe(401);
        expect((await s.call('GET', '/runs', t)).status, String(t)).toBe(401);
      }
      expect(await count(s, "kiln.runs WHERE id = 'sec-401'")).toBe(0);
    });

    it('identifiers and values reach SQL as parameters only', async () => {
      const evil = ["x'; DROP TABLE kiln.runs; --", 'x"); DELETE FROM kiln.tokens; --', "%' OR 1=1 --", 'runs\\', '$1'];
      for (const [i, e] of evil.entries()) {
        const p = runPush(`evil-${i}-${e}`, { name: e, tags: [e], notes: e, experiment: e, project: e, datasetName: e, config: { [e]: e } }, 10 + i);
        expect((await s.call('POST', '/runs', s.tokens.alice, p)).status, e).toBe(201);
        const listed = (await (await s.call('GET', `/runs?tag=${encodeURIComponent(e)}`, s.tokens.reader)).json()) as { runs: RemoteRun[] };
        expect(listed.runs.map((r) => r.name)).toEqual([e]);
        expect((await s.call('GET', `/runs?q=${encodeURIComponent(e)}&author=${encodeURIComponent(e)}`, s.tokens.reader)).status).toBe(200);
        expect((await s.call('GET', `/runs/${encodeURIComponent(p.id)}`, s.tokens.reader)).status).toBe(200);
        expect((await s.call('GET', `/models/${encodeURIComponent(e)}`, s.tokens.reader)).status).toBe(400);
        expect((await s.call('POST', `/models/sec_model/aliases/${encodeURIComponent(e)}`, s.tokens.alice, { to: null, expected: null })).status).toBe(400);
        expect((await s.call('POST', '/models/sec_model/versions', s.tokens.alice, { runId: e })).status).toBe(404);
      }
      expect(await count(s, 'kiln.runs')).toBe(1 + evil.length);
      expect(await count(s, 'kiln.tokens')).toBeGreaterThanOrEqual(4);
      expect((await s.call('POST', '/runs', s.tokens.alice, { ...runPush('sec-extra'), sql: 'DROP' })).status).toBe(400);
    });

    it('an oversized artifact gets 413 and nothing is stored; so does a push over the body limit', async () => {
      const before = await count(s, 'kiln.artifact_chunks');
      const p = runPush('sec-big');
      p.artifacts = [artifact('model.onnx', fakeModel(3, 64 * 1024 + 1))];
      const r = await s.call('POST', '/runs', s.tokens.alice, p);
      expect(r.status).toBe(413);
      expect(((await r.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/over this server's limit of 0\.06 MiB/) });
      const huge = runPush('sec-huge');
      huge.artifacts = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => artifact(`part-${i}.bin`, fakeModel(i, 60 * 1024)));
      expect((await s.call('POST', '/runs', s.tokens.alice, huge)).status).toBe(413);
      const lying = runPush('sec-lie');
      lying.artifacts = [{ ...artifact('model.onnx', fakeModel(4, 100)), size: 10 }];
      expect((await s.call('POST', '/runs', s.tokens.alice, lying)).status).toBe(400);
      expect(await count(s, "kiln.runs WHERE id IN ('sec-big', 'sec-huge', 'sec-lie')")).toBe(0);
      expect(await count(s, 'kiln.artifact_chunks')).toBe(before);
    });
  });
}
