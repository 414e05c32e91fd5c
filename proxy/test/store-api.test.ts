import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictBody, ModelDetail, ModelVersion, MoveResult, PushResult, RemoteRun, RemoteRunDetail } from '../../src/team/api';
import { fakeModel, runPush } from './store-fixtures';
import { startServer, storeBackends, type RunningServer } from './store-harness';

const json = async <T>(r: Response): Promise<T> => (await r.json()) as T;
const count = async (s: RunningServer, table: string) => Number((await s.store.db.pool.query(`SELECT count(*) AS n FROM kiln.${table}`)).rows[0].n);

for (const backend of await storeBackends('api')) {
  describe(`the team store's API on ${backend.name}`, () => {
    let s: RunningServer;
    beforeAll(async () => {
      s = await startServer(await backend.open());
    }, 120_000);
    afterAll(async () => {
      await s?.close();
      await s?.store.db.close();
    });

    it('stores a pushed run once: a retry answers created:false, tags and notes update, other changes are refused', async () => {
      const push = runPush('run-a1');
      const first = await s.call('POST', '/runs', s.tokens.alice, push);
      expect(first.status).toBe(201);
      const body = await json<PushResult>(first);
      expect(body.created).toBe(true);
      expect(body.run).toMatchObject({ id: 'run-a1', author: 'Alice', project: 'hr-models', experiment: 'wine', family: 'tabular' });
      expect(body.run.artifacts.map((a) => a.name)).toEqual(['calibrator.json', 'metadata.json', 'model-card.md', 'model.onnx']);

      const again = await s.call('POST', '/runs', s.tokens.alice, push);
      expect(again.status).toBe(200);
      expect((await json<PushResult>(again)).created).toBe(false);
      expect(await count(s, "runs WHERE id = 'run-a1'")).toBe(1);
      expect(await count(s, "artifacts WHERE run_id = 'run-a1'")).toBe(4);
      expect(await count(s, "metric_series WHERE run_id = 'run-a1'")).toBe(3);

      const retagged = await s.call('POST', '/runs', s.tokens.alice, { ...push, tags: ['baseline', 'shared'], notes: 'good' });
      expect(retagged.status).toBe(200);
      expect((await json<PushResult>(retagged)).run).toMatchObject({ tags: ['baseline', 'shared'], notes: 'good' });

      const changed = await s.call('POST', '/runs', s.tokens.bob, { ...push, metrics: { accuracy: 1 } });
      expect(changed.status).toBe(409);
      expect((await json<ConflictBody>(changed)).error.message).toMatch(/run-a1 was pushed by Alice .* different content/);
    });

    it('lists, filters and reads runs with their series and artifacts, byte for byte', async () => {
      await s.call('POST', '/runs', s.tokens.bob, runPush('run-b1', { family: 'gbdt', name: 'essays gbdt', tags: ['essays'] }, 2));
      const all = (await json<{ runs: RemoteRun[] }>(await s.call('GET', '/runs', s.tokens.reader))).runs;
      expect(all.map((r) => r.id)).toEqual(['run-b1', 'run-a1']);
      const byAuthor = (await json<{ runs: RemoteRun[] }>(await s.call('GET', '/runs?author=Bob', s.tokens.reader))).runs;
      expect(byAuthor.map((r) => r.id)).toEqual(['run-b1']);
      expect((await json<{ runs: RemoteRun[] }>(await s.call('GET', '/runs?tag=shared&family=tabular', s.tokens.reader))).runs.map((r) => r.id)).toEqual(['run-a1']);
      expect((await json<{ runs: RemoteRun[] }>(await s.call('GET', '/runs?q=ESSAYS', s.tokens.reader))).runs.map((r) => r.id)).toEqual(['run-b1']);
      expect((await json<{ runs: RemoteRun[] }>(await s.call('GET', '/runs?q=%25', s.tokens.reader))).runs).toEqual([]);
      expect((await s.call('GET', '/runs?limit=0', s.tokens.reader)).status).toBe(400);

      const detail = await json<RemoteRunDetail>(await s.call('GET', '/runs/run-b1', s.tokens.reader));
      expect(detail.config).toMatchObject({ model: { seed: 2 } });
      expect(detail.series.map((p) => p.seq)).toEqual([0, 1, 2]);
      const onnx = await s.call('GET', '/runs/run-b1/artifacts/model.onnx', s.tokens.reader);
      expect(Buffer.from(await onnx.arrayBuffer()).equals(Buffer.from(fakeModel(2)))).toBe(true);
      expect((await s.call('GET', '/runs/nope', s.tokens.reader)).status).toBe(404);
    });

    it('streams a multi-chunk artifact back whole', async () => {
      const big = fakeModel(7, (1 << 20) * 2 + 123);
      const p = runPush('run-big', {}, 7);
      p.artifacts = [{ ...p.artifacts[0], ...(await import('./store-fixtures')).artifact('model.onnx', big) }];
      expect((await s.call('POST', '/runs', s.tokens.alice, p)).status).toBe(201);
      expect(await count(s, "artifact_chunks c JOIN kiln.artifacts a ON a.id = c.artifact_id WHERE a.run_id = 'run-big'")).toBe(3);
      const back = Buffer.from(await (await s.call('GET', '/runs/run-big/artifacts/model.onnx', s.tokens.reader)).arrayBuffer());
      expect(back.equals(Buffer.from(big))).toBe(true);
      // and through a registered version's streamed bundle.zip
      expect((await s.call('POST', '/models/big_model/versions', s.tokens.alice, { runId: 'run-big' })).status).toBe(201);
      const zip = Buffer.from(await (await s.call('GET', '/models/big_model/versions/big_model_v1.0/bundle.zip', s.tokens.reader)).arrayBuffer());
      expect(Buffer.from(unzipSync(zip)['model.onnx']).equals(Buffer.from(big))).toBe(true);
    });

    it('registers versions, moves aliases with optimistic concurrency, rolls back, answers alias-at-time and keeps the history', async () => {
      const reg = async (token: string, body: unknown) => s.call('POST', '/models/wine_classifier/versions', token, body);
      const v10 = await json<ModelVersion>(await reg(s.tokens.alice, { runId: 'run-a1', note: 'first' }));
      expect(v10).toMatchObject({ id: 'wine_classifier_v1.0', author: 'Alice', runId: 'run-a1', metrics: { accuracy: 0.91 } });
      expect((await reg(s.tokens.alice, { runId: 'run-a1', version: 'wine_classifier_v1.0' })).status).toBe(409);
      expect((await reg(s.tokens.alice, { runId: 'missing' })).status).toBe(404);

      const move = (token: string, body: unknown) => s.call('POST', '/models/wine_classifier/aliases/production', token, body);
      const m1 = await move(s.tokens.alice, { to: 'wine_classifier_v1.0', expected: null, note: 'launch' });
      expect(m1.status).toBe(200);
      const tAfterV10 = (await json<MoveResult>(m1)).move!.at;

      const v11 = await json<ModelVersion>(await reg(s.tokens.bob, { runId: 'run-b1' }));
      expect(v11.id).toBe('wine_classifier_v1.1');
      expect((await move(s.tokens.bob, { to: 'wine_classifier_v1.1', expected: 'wine_classifier_v1.0' })).status).toBe(200);

      // Alice still sees v1.0 on production: her move is refused and changes nothing
      const stale = await move(s.tokens.alice, { to: 'wine_classifier_v1.0', expected: 'wine_classifier_v1.0', note: 'from a stale page' });
      expect(stale.status).toBe(409);
      const c = await json<ConflictBody>(stale);
      expect(c.current).toBe('wine_classifier_v1.1');
      expect(c.error.message).toMatch(/production is now wine_classifier_v1\.1, not wine_classifier_v1\.0/);
      expect(await count(s, "alias_moves WHERE model_type = 'wine_classifier'")).toBe(2);

      const rb = await s.call('POST', '/models/wine_classifier/aliases/production/rollback', s.tokens.alice, { expected: 'wine_classifier_v1.1', note: 'v1.1 regressed' });
      expect(rb.status).toBe(200);
      expect(await json<MoveResult>(rb)).toMatchObject({ version: 'wine_classifier_v1.0', move: { kind: 'rollback', actor: 'Alice', from: 'wine_classifier_v1.1', to: 'wine_classifier_v1.0' } });

      const at = await json<{ version: string }>(await s.call('GET', `/models/wine_classifier/aliases/production?at=${tAfterV10}`, s.tokens.reader));
      expect(at.version).toBe('wine_classifier_v1.0');
      expect((await json<{ version: string | null }>(await s.call('GET', '/models/wine_classifier/aliases/production?at=1', s.tokens.reader))).version).toBeNull();

      const detail = await json<ModelDetail>(await s.call('GET', '/models/wine_classifier', s.tokens.reader));
      expect(detail.aliases).toEqual({ production: 'wine_classifier_v1.0' });
      expect(detail.versions.map((v) => v.id)).toEqual(['wine_classifier_v1.1', 'wine_classifier_v1.0']);
      expect(detail.history.map((h) => [h.actor, h.kind, h.from, h.to])).toEqual([
        ['Alice', 'rollback', 'wine_classifier_v1.1', 'wine_classifier_v1.0'],
        ['Bob', 'move', 'wine_classifier_v1.0', 'wine_classifier_v1.1'],
        ['Alice', 'move', null, 'wine_classifier_v1.0'],
      ]);
      expect(detail.history[0].at).toBeGreaterThanOrEqual(detail.history[1].at);
      // the audit cannot be rewritten, even by the server's own role
      await expect(s.store.db.pool.query('DELETE FROM kiln.alias_moves')).rejects.toThrow(/append-only/);
    });

    it('serves the file of the version an alias points to now, with an ETag and the version id; version URLs are immutable', async () => {
      const get = (path: string, headers: Record<string, string> = {}) => s.call('GET', path, s.tokens.reader, undefined, headers);
      const r = await get('/models/wine_classifier/aliases/production/model.onnx');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-kiln-model-version')).toBe('wine_classifier_v1.0');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(Buffer.from(await r.arrayBuffer()).equals(Buffer.from(fakeModel(1)))).toBe(true);
      const etag = r.headers.get('etag')!;
      expect((await get('/models/wine_classifier/aliases/production/model.onnx', { 'if-none-match': etag })).status).toBe(304);

      const v11 = await get('/models/wine_classifier/versions/wine_classifier_v1.1/model.onnx');
      expect(v11.headers.get('cache-control')).toContain('immutable');
      expect(Buffer.from(await v11.arrayBuffer()).equals(Buffer.from(fakeModel(2)))).toBe(true);

      const first = await get('/models/wine_classifier/aliases/production/bundle.zip');
      const zip1 = Buffer.from(await first.arrayBuffer());
      const zip2 = await get('/models/wine_classifier/aliases/production/bundle.zip');
      expect(Buffer.from(await zip2.arrayBuffer()).equals(zip1)).toBe(true);
      expect(zip2.headers.get('etag')).toBe(first.headers.get('etag'));
      expect((await get('/models/wine_classifier/aliases/production/bundle.zip', { 'if-none-match': first.headers.get('etag')! })).status).toBe(304);
      const files = unzipSync(zip1);
      expect(Object.keys(files).sort()).toEqual(['calibrator.json', 'metadata.json', 'model-card.md', 'model.onnx']);
      expect(Buffer.from(files['model.onnx']).equals(Buffer.from(fakeModel(1)))).toBe(true);
      // another version's bundle is another zip
      const other = await get('/models/wine_classifier/versions/wine_classifier_v1.1/bundle.zip');
      expect(other.headers.get('etag')).not.toBe(first.headers.get('etag'));
      expect(Buffer.from(unzipSync(Buffer.from(await other.arrayBuffer()))['model.onnx']).equals(Buffer.from(fakeModel(2)))).toBe(true);
      expect((await get('/models/wine_classifier/aliases/staging/model.onnx')).status).toBe(404);
      expect((await get('/models/wine_classifier/aliases/production/weights.bin')).status).toBe(400);
    });

    it('refuses to register a run pushed without a model', async () => {
      await s.call('POST', '/runs', s.tokens.alice, runPush('run-nomodel', { artifacts: [] }));
      const r = await s.call('POST', '/models/wine_classifier/versions', s.tokens.alice, { runId: 'run-nomodel' });
      expect(r.status).toBe(400);
      expect((await json<ConflictBody>(r)).error.message).toMatch(/without a model\.onnx/);
    });
  });
}
