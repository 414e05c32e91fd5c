import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { MODEL_VERSION_HEADER, SERVED_FILES, type ModelVersion, type MoveRequest, type RegisterRequest, type RollbackRequest } from '../../../src/team/api';
import { ApiError } from '../errors';
import { artifactStream, findArtifact } from '../store/artifacts';
import { bundleZip } from '../store/bundle-zip';
import { aliasAtTime, aliasNow, getModel, getVersion, listModels, moveAlias, registerVersion, rollbackAlias } from '../store/registry';
import type { TeamStore } from '../store/team-store';
import { principalOf } from './auth';
import { ALIAS_PARAM, AT_QUERY, MODEL_TYPE_PARAM, MOVE, REGISTER, ROLLBACK } from './schemas';

type ServedFile = (typeof SERVED_FILES)[number];
const FILE_PARAM = { type: 'string', enum: [...SERVED_FILES] } as const;
const TYPE_PARAMS = { type: 'object', required: ['type'], properties: { type: MODEL_TYPE_PARAM } } as const;
const ALIAS_PARAMS = { type: 'object', required: ['type', 'alias'], properties: { type: MODEL_TYPE_PARAM, alias: ALIAS_PARAM } } as const;

/** The model registry and the serving of its versions' files (by alias: what it points to now; by version: immutable). */
export function registerRegistryRoutes(app: FastifyInstance, store: TeamStore): void {
  const pool = store.db.pool;

  app.get('/models', { config: { need: 'read' } }, async () => ({ models: await listModels(pool) }));

  app.get<{ Params: { type: string } }>('/models/:type', { config: { need: 'read' }, schema: { params: TYPE_PARAMS } }, async (req) => {
    const m = await getModel(pool, req.params.type);
    if (!m) throw new ApiError(404, 'not_found', `no model type ${req.params.type} is registered`);
    return m;
  });

  app.post<{ Params: { type: string }; Body: RegisterRequest }>('/models/:type/versions', { config: { need: 'track' }, schema: { params: TYPE_PARAMS, body: REGISTER } }, async (req, reply) =>
    reply.code(201).send(await registerVersion(pool, req.params.type, req.body, principalOf(req).holder)),
  );

  // a stale move's 409 carries `current` (AliasConflict), through the server's error handler
  app.post<{ Params: { type: string; alias: string }; Body: MoveRequest }>('/models/:type/aliases/:alias', { config: { need: 'promote' }, schema: { params: ALIAS_PARAMS, body: MOVE } }, async (req) =>
    moveAlias(pool, req.params.type, req.params.alias, req.body, principalOf(req).holder),
  );

  app.post<{ Params: { type: string; alias: string }; Body: RollbackRequest }>('/models/:type/aliases/:alias/rollback', { config: { need: 'promote' }, schema: { params: ALIAS_PARAMS, body: ROLLBACK } }, async (req) =>
    rollbackAlias(pool, req.params.type, req.params.alias, req.body, principalOf(req).holder),
  );

  /** where the alias points now, or at `at` (epoch ms) */
  app.get<{ Params: { type: string; alias: string }; Querystring: { at?: string } }>(
    '/models/:type/aliases/:alias',
    { config: { need: 'read' }, schema: { params: ALIAS_PARAMS, querystring: AT_QUERY } },
    async (req) => {
      const { type, alias } = req.params;
      const at = req.query.at === undefined ? undefined : Number(req.query.at);
      const version = at === undefined ? await aliasNow(pool, type, alias) : await aliasAtTime(pool, type, alias, at);
      return { modelType: type, alias, version, ...(at === undefined ? {} : { at }) };
    },
  );

  async function serve(req: FastifyRequest, reply: FastifyReply, v: ModelVersion, file: ServedFile, immutable: boolean) {
    reply.header(MODEL_VERSION_HEADER, v.id);
    reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (!immutable) reply.header('content-location', `/models/${v.modelType}/versions/${v.id}/${file}`);
    if (file === 'bundle.zip') {
      const { etag, stream } = await bundleZip(pool, v.runId);
      reply.header('etag', etag).header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${v.id}.zip"`);
      if (req.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.send(stream());
    }
    const a = await findArtifact(pool, v.runId, file);
    if (!a) throw new ApiError(404, 'not_found', `${v.id} has no ${file} (its run ${v.runId} was pushed without one)`);
    const etag = `"${a.sha256}"`;
    reply.header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.header('content-type', a.mediaType).header('content-length', a.size).send(artifactStream(pool, a.id));
  }

  app.get<{ Params: { type: string; alias: string; file: ServedFile } }>(
    '/models/:type/aliases/:alias/:file',
    { config: { need: 'read' }, schema: { params: { type: 'object', required: ['type', 'alias', 'file'], properties: { type: MODEL_TYPE_PARAM, alias: ALIAS_PARAM, file: FILE_PARAM } } } },
    async (req, reply) => {
      const { type, alias, file } = req.params;
      const id = await aliasNow(pool, type, alias);
      if (!id) throw new ApiError(404, 'not_found', `${type} has no version on alias "${alias}"`);
      const v = await getVersion(pool, id);
      if (!v) throw new ApiError(404, 'not_found', `${type} ${alias} points to ${id}, which is not registered`);
      return serve(req, reply, v, file, false);
    },
  );

  app.get<{ Params: { type: string; version: string; file: ServedFile } }>(
    '/models/:type/versions/:version/:file',
    { config: { need: 'read' }, schema: { params: { type: 'object', required: ['type', 'version', 'file'], properties: { type: MODEL_TYPE_PARAM, version: { type: 'string', maxLength: 200 }, file: FILE_PARAM } } } },
    async (req, reply) => {
      const v = await getVersion(pool, req.params.version);
      if (!v || v.modelType !== req.params.type) throw new ApiError(404, 'not_found', `no version ${req.params.version} of ${req.params.type}`);
      return serve(req, reply, v, req.params.file, true);
    },
  );
}
