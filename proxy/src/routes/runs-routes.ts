import type { FastifyInstance } from 'fastify';
import type { RunFilter, RunPush, Scope } from '../../../src/team/api';
import { ApiError } from '../errors';
import { artifactStream, findArtifact } from '../store/artifacts';
import { getRun, listRuns, pushRun } from '../store/runs';
import type { TeamStore } from '../store/team-store';
import { createToken, listTokens, revokeToken } from '../store/tokens';
import { principalOf } from './auth';
import { RUN_PUSH, RUN_QUERY, TOKEN_CREATE } from './schemas';

/** Runs (push, list, read, artifacts), tokens and who-am-I. */
export function registerRunRoutes(app: FastifyInstance, store: TeamStore): void {
  const pool = store.db.pool;

  app.post<{ Body: RunPush }>('/runs', { config: { need: 'track' }, bodyLimit: store.maxPushBytes, schema: { body: RUN_PUSH } }, async (req, reply) => {
    const afterChunk = store.killMidPush
      ? (seq: number) => {
          // the fault test's kill: chunk 0 written, the transaction still open
          if (seq === 0) process.kill(process.pid, 'SIGKILL');
        }
      : undefined;
    const result = await pushRun(pool, req.body, principalOf(req).holder, { maxArtifactBytes: store.maxArtifactBytes, afterChunk });
    return reply.code(result.created ? 201 : 200).send(result);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/runs', { config: { need: 'read' }, schema: { querystring: RUN_QUERY } }, async (req) => {
    const { limit, before, ...words } = req.query;
    const filter: RunFilter = { ...words, ...(limit ? { limit: Number(limit) } : {}), ...(before ? { before: Number(before) } : {}) };
    return { runs: await listRuns(pool, filter) };
  });

  app.get<{ Params: { id: string } }>('/runs/:id', { config: { need: 'read' } }, async (req) => {
    const run = await getRun(pool, req.params.id);
    if (!run) throw new ApiError(404, 'not_found', `no run ${req.params.id} on the server`);
    return run;
  });

  app.get<{ Params: { id: string; '*': string } }>('/runs/:id/artifacts/*', { config: { need: 'read' } }, async (req, reply) => {
    const a = await findArtifact(pool, req.params.id, req.params['*']);
    if (!a) throw new ApiError(404, 'not_found', `run ${req.params.id} has no artifact "${req.params['*']}"`);
    return reply.header('content-type', a.mediaType).header('content-length', a.size).header('etag', `"${a.sha256}"`).send(artifactStream(pool, a.id));
  });

  app.post<{ Body: { holder: string; scopes: Scope[] } }>('/tokens', { config: { need: 'admin' }, schema: { body: TOKEN_CREATE } }, async (req, reply) =>
    reply.code(201).send(await createToken(pool, req.body.holder, req.body.scopes, principalOf(req).holder)),
  );
  app.get('/tokens', { config: { need: 'admin' } }, async () => ({ tokens: await listTokens(pool) }));
  app.post<{ Params: { id: string } }>('/tokens/:id/revoke', { config: { need: 'admin' } }, async (req) => {
    const t = await revokeToken(pool, req.params.id);
    if (!t) throw new ApiError(404, 'not_found', `no token ${req.params.id}`);
    return t;
  });
}
