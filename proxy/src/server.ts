import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCatalog, type CatalogEntry } from './catalog';
import type { ProxyConfig } from './config';
import type { DbBackend } from './db/backend';
import { ApiError, errorBody } from './errors';
import { ExportRegistry, registerExportRoute } from './export-route';
import { FILTER_OPS } from './export/plan';
import { DatabaseProbe } from './health';

export const VERSION: string = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const EXPORT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['table', 'format'],
  properties: {
    table: { type: 'string', minLength: 1, maxLength: 256 },
    columns: { type: 'array', maxItems: 1600, items: { type: 'string', minLength: 1, maxLength: 256 } },
    filters: {
      type: 'array',
      maxItems: 64,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['column', 'op'],
        properties: {
          column: { type: 'string', minLength: 1, maxLength: 256 },
          op: { type: 'string', enum: FILTER_OPS },
          value: { anyOf: [scalar, { type: 'array', maxItems: 10000, items: { type: ['string', 'number', 'boolean'] } }] },
        },
      },
    },
    orderBy: {
      type: 'array',
      maxItems: 16,
      items: { type: 'object', additionalProperties: false, required: ['column'], properties: { column: { type: 'string', minLength: 1, maxLength: 256 }, direction: { type: 'string', enum: ['asc', 'desc'] } } },
    },
    limit: { type: 'integer', minimum: 0 },
    format: { type: 'string', enum: ['arrow', 'csv', 'jsonl'] },
    int8: { type: 'string', enum: ['int64', 'string'] },
  },
} as const;

function tokenMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface ProxyServer {
  app: FastifyInstance;
  activeExports: () => number;
  /** the exports in flight, for a shutdown that ends them */
  exports: ExportRegistry;
}

export async function buildServer(config: ProxyConfig, db: DbBackend): Promise<ProxyServer> {
  // union types (string | number | …) type filter values; unknown body fields are rejected, not silently dropped
  const app = Fastify({ logger: false, bodyLimit: 1 << 20, ajv: { customOptions: { allowUnionTypes: true, removeAdditional: false } } });
  let catalog: Map<string, CatalogEntry> = await readCatalog(db.pool, config.schema, config.savedQueries);
  const refresh = async () => {
    catalog = await readCatalog(db.pool, config.schema, config.savedQueries);
  };
  const exports = new ExportRegistry();
  const probe = new DatabaseProbe(db.pool);

  await app.register(cors, { origin: config.studioOrigins, allowedHeaders: ['Authorization', 'Content-Type'], exposedHeaders: ['X-Kiln-Row-Limit', 'X-Kiln-Backend'], methods: ['GET', 'POST'] });

  app.addHook('onRequest', async (req) => {
    if (req.method === 'OPTIONS' || req.url === '/health') return;
    if (!tokenMatches(req.headers.authorization, config.token)) {
      throw new ApiError(401, 'unauthorized', 'missing or wrong bearer token: send "Authorization: Bearer <token>" with the token the proxy printed at start');
    }
  });

  app.setErrorHandler((err: FastifyError | ApiError | Error & { code?: string }, _req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(errorBody(err.code, err.message));
    const fe = err as FastifyError;
    if (fe.validation) return reply.code(400).send(errorBody('bad_request', `invalid request body: ${fe.message}`));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return reply.code(fe.statusCode).send(errorBody('bad_request', fe.message));
    const pgCode = (err as { code?: string }).code;
    if (pgCode === '57014') return reply.code(504).send(errorBody('timeout', `the query ran past the proxy's statement timeout (${config.statementTimeoutMs} ms)`));
    // class 22 (data exception) and 42 (syntax/undefined object): the request's values did not fit the column types
    if (pgCode && /^(22|42)/.test(pgCode)) return reply.code(400).send(errorBody('query_failed', `PostgreSQL rejected the export: ${err.message}`));
    return reply.code(500).send(errorBody('internal', `the proxy failed: ${err.message}`));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url}`)));

  // 503 while the database does not answer, so a load balancer or the studio can tell
  app.get('/health', async (_req, reply) => {
    const reach = await probe.state();
    return reply.code(reach.database === 'reachable' ? 200 : 503).send({
      status: reach.database === 'reachable' ? 'ok' : 'degraded',
      version: VERSION,
      backend: db.kind,
      ...reach,
      activeExports: exports.active,
      pool: { total: db.pool.totalCount, idle: db.pool.idleCount, waiting: db.pool.waitingCount },
    });
  });

  app.get('/tables', async () => {
    await refresh();
    return {
      tables: [...catalog.values()].map((e) => ({
        name: e.name,
        kind: e.kind,
        approxRows: e.approxRows,
        description: e.description,
        columns: e.columns.map((c) => ({ name: c.name, pgType: c.type.pgType, kind: c.type.kind, element: c.type.element })),
      })),
      maxRows: config.maxRows,
    };
  });

  registerExportRoute(app, EXPORT_BODY, { config, db, exports, catalog: () => catalog, refresh });

  return { app, activeExports: () => exports.active, exports };
}
