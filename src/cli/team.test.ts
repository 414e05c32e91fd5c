import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSummary, RemoteRun } from '../team/api';
import { fakeModel, runPush } from '../../proxy/test/store-fixtures';
import { freshPostgres, startServer, storeBackends, type RunningServer } from '../../proxy/test/store-harness';
import { connectStore } from '../../proxy/src/store/store-db';
import { loadMigrations } from '../../proxy/src/store/migrate';

const BIN = resolve(import.meta.dirname, '../../bin/kiln.mjs');

/** The CLI as a user runs it, asynchronously: the server under test answers from this same process. */
async function kiln(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, KILN_SERVER_URL: '', KILN_TOKEN: '', ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const backends = await storeBackends('cli');

for (const backend of backends) {
  describe(`kiln runs / registry / server token against the server on ${backend.name}`, () => {
    let s: RunningServer;
    let eve: string;
    let at: string[];
    beforeAll(async () => {
      s = await startServer(await backend.open());
      for (const [id, seed] of [['cli-a', 1], ['cli-b', 2]] as const) expect((await s.call('POST', '/runs', s.tokens.alice, runPush(id, { family: id === 'cli-b' ? 'gbdt' : 'tabular' }, seed))).status).toBe(201);
    }, 120_000);
    afterAll(async () => {
      await s?.close();
      await s?.store.db.close();
    });

    it('an admin makes a token for a team member; it is printed once and works', async () => {
      const r = await kiln(['server', 'token', 'create', '--server', s.base, '--token', s.tokens.admin, '--name', 'Eve', '--scope', 'track,promote']);
      expect(r.code, r.stderr).toBe(0);
      eve = r.stdout.trim();
      expect(eve).toMatch(/^kiln_[0-9a-f]{12}_\S{32}$/);
      expect(r.stderr).toMatch(/for Eve \(track, promote\); shown once/);
      at = ['--server', s.base, '--token', eve];
      const list = await kiln(['server', 'token', 'list', '--server', s.base, '--token', s.tokens.admin]);
      expect(list.stdout).toMatch(/Eve +track,promote/);
      expect(list.stdout).not.toContain(eve);
      expect((await kiln(['server', 'token', 'create', '--server', s.base, '--token', eve, '--name', 'x', '--scope', 'admin'])).code).toBe(2);
      expect((await kiln(['server', 'token', 'create', '--server', s.base, '--token', s.tokens.admin, '--name', 'x', '--scope', 'root'])).stderr).toMatch(/unknown scope "root"/);
    }, 60_000);

    it('runs list filters and prints; runs pull writes the record and the artifacts byte for byte', async () => {
      const all = await kiln(['runs', 'list', ...at]);
      expect(all.code, all.stderr).toBe(0);
      expect(all.stdout.split('\n')[0]).toMatch(/^id +name +family +status +author +pushed +metrics$/);
      expect(all.stdout).toMatch(/cli-b .* gbdt .* Alice/);
      const gbdt = JSON.parse((await kiln(['runs', 'list', '--family', 'gbdt', '--json', ...at])).stdout) as RemoteRun[];
      expect(gbdt.map((r) => r.id)).toEqual(['cli-b']);
      const dir = mkdtempSync(join(tmpdir(), 'kiln-pull-'));
      const pulled = await kiln(['runs', 'pull', 'cli-a', '--out', dir, ...at]);
      expect(pulled.code, pulled.stderr).toBe(0);
      expect(readFileSync(join(dir, 'cli-a', 'model.onnx')).equals(Buffer.from(fakeModel(1)))).toBe(true);
      expect(JSON.parse(readFileSync(join(dir, 'cli-a', 'run.json'), 'utf8'))).toMatchObject({ id: 'cli-a', series: [{ seq: 0 }, { seq: 1 }, { seq: 2 }] });
      expect((await kiln(['runs', 'pull', 'nope', ...at])).code).toBe(2);
      expect((await kiln(['runs', 'list', '--limit', 'many', ...at])).code).toBe(2);
    }, 60_000);

    it('register, promote, a stale promote (exit 1, nothing changed), rollback and history', async () => {
      const reg = await kiln(['registry', 'register', 'wine_classifier', '--run', 'cli-a', ...at]);
      expect([reg.code, reg.stdout.trim()]).toEqual([0, 'wine_classifier_v1.0']);
      expect((await kiln(['registry', 'promote', 'wine_classifier_v1.0', '--stage', 'production', '--note', 'launch', ...at])).stdout).toMatch(/production: \(unset\) -> wine_classifier_v1\.0/);
      expect((await kiln(['registry', 'register', 'wine_classifier', '--run', 'cli-b', ...at])).stdout.trim()).toBe('wine_classifier_v1.1');
      expect((await kiln(['registry', 'promote', 'wine_classifier_v1.1', '--expect', 'wine_classifier_v1.0', ...at])).code).toBe(0);

      const stale = await kiln(['registry', 'promote', 'wine_classifier_v1.0', '--expect', 'wine_classifier_v1.0', ...at]);
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(/production is now wine_classifier_v1\.1, not wine_classifier_v1\.0 .*\(HTTP 409 conflict\)/);
      const models = JSON.parse((await kiln(['registry', 'list', '--json', ...at])).stdout) as ModelSummary[];
      expect(models[0].aliases).toEqual({ production: 'wine_classifier_v1.1' });

      const rb = await kiln(['registry', 'rollback', 'wine_classifier', '--alias', 'production', '--note', 'regressed', ...at]);
      expect([rb.code, rb.stdout.trim()]).toEqual([0, 'wine_classifier production: wine_classifier_v1.1 -> wine_classifier_v1.0 (rollback)']);
      const nothing = await kiln(['registry', 'rollback', 'wine_classifier', ...at]);
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toMatch(/no earlier version to roll back to/);

      const history = (await kiln(['registry', 'history', 'wine_classifier', ...at])).stdout.trim().split('\n');
      expect(history.slice(1).map((l) => l.split(/ {2,}/).slice(1, 5))).toEqual([
        ['production', 'rollback', 'wine_classifier_v1.1 -> wine_classifier_v1.0', 'Eve'],
        ['production', 'move', 'wine_classifier_v1.0 -> wine_classifier_v1.1', 'Eve'],
        ['production', 'move', '(unset) -> wine_classifier_v1.0', 'Eve'],
      ]);
      const firstMove = JSON.parse((await kiln(['registry', 'history', 'wine_classifier', '--json', ...at])).stdout).at(-1) as { at: number };
      expect((await kiln(['registry', 'history', 'wine_classifier', '--at', new Date(firstMove.at).toISOString(), ...at])).stdout.trim()).toBe('wine_classifier_v1.0');
      expect((await kiln(['registry', 'history', 'wine_classifier', '--at', '2000-01-01T00:00:00Z', ...at])).stdout.trim()).toBe('(unset)');
      expect((await kiln(['registry', 'history', 'wine_classifier', '--at', 'yesterday', ...at])).code).toBe(2);
      const show = await kiln(['registry', 'show', 'wine_classifier', ...at]);
      expect(show.stdout).toMatch(/wine_classifier_v1\.0 +production +cli-a +Eve/);
    }, 120_000);

    it('bad usage and refusals exit 2 with the reason', async () => {
      expect((await kiln(['registry', 'list'])).stderr).toMatch(/missing --server URL/);
      const viaEnv = await kiln(['registry', 'list'], { KILN_SERVER_URL: s.base, KILN_TOKEN: eve });
      expect(viaEnv.code).toBe(0);
      const reader = await kiln(['registry', 'promote', 'wine_classifier_v1.1', '--server', s.base, '--token', s.tokens.reader]);
      expect([reader.code, /needs "promote".*HTTP 403/.test(reader.stderr)]).toEqual([2, true]);
      expect((await kiln(['registry', 'promote', 'not-a-version', ...at])).stderr).toMatch(/is not a version id/);
      expect((await kiln(['registry', 'show', 'wine_classifier', '--server', s.base, '--token', 'wrong'])).code).toBe(2);
      expect((await kiln(['registry', 'frobnicate', 'x', ...at])).code).toBe(2);
      expect((await kiln(['runs', 'list', '--server', 'http://127.0.0.1:9', '--token', eve])).stderr).toMatch(/cannot reach the Kiln server/);
      expect((await kiln(['--help'])).stdout).toMatch(/kiln registry promote VERSION/);
    }, 60_000);
  });
}

// straight into a database is PostgreSQL's path (an embedded store belongs to its server process); storeBackends requires it under CI
if (backends.some((b) => b.name === 'postgres')) {
  describe('kiln server on PostgreSQL directly', () => {
    it('server token create --database makes the first administrator straight in PostgreSQL (and migrates it)', async () => {
      const fresh = await freshPostgres('cli_direct');
      try {
        const r = await kiln(['server', 'token', 'create', '--database', fresh.url, '--name', 'Root', '--scope', 'admin']);
        expect(r.code, r.stderr).toBe(0);
        const db = await connectStore(fresh.url, 1);
        const server = await startServer(db);
        try {
          expect((await server.call('GET', '/whoami', r.stdout.trim())).status).toBe(200);
          expect((await kiln(['server', 'migrate', '--database', fresh.url])).stdout).toMatch(new RegExp(`is at v${loadMigrations().length}, the latest`));
        } finally {
          await server.close();
          await db.close();
        }
      } finally {
        await fresh.drop();
      }
    }, 60_000);
  });
}
