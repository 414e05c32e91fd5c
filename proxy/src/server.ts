import cors from '@fastify/cors';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readCatalog, type CatalogEntry } from './catalog';
import type { ProxyConfig } from './config';
import type { DbBackend } from './db/backend';
import type { RoleReport } from './db/role-check';
import { ApiError, apiErrorFromPg, errorBody } from './errors';
import { refreshWithin } from './catalog-wait';
import { ExportRegistry, exportTimeouts, registerExportRoute } from './export-route';
import { FILTER_OPS } from './export/plan';
import { DatabaseProbe } from './health';
import { DatabaseUnavailable } from './db/backend';
import { installAuth, principalOf } from './routes/auth';
import { registerRegistryRoutes } from './routes/registry-routes';
import { registerStudyRoutes } from './routes/study-routes';
import { registerRunRoutes } from './routes/runs-routes';
import type { TeamStore } from './store/team-store';

export const VERSION: string = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

const scalar = { type: ['string', 'number', 'boolean', 'null'] };
const EXPORT_BODY = {
  type: 'object',
  additionalProperties: false,
  required: ['table', 'format'],
  properties: {
    table: { type: 'string', minLength: 1, maxLength: 256 },
    // a column twice would be two Arrow fields / one JSON key with one name: refused, naming it
    columns: { type: 'array', maxItems: 1600, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 256 } },
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

/** Ajv's message, and for a repeated column the column's name (Ajv reports only item indexes). */
function validationMessage(err: FastifyError, body: unknown): string {
  const first = err.validation?.[0];
  if (first?.keyword === 'uniqueItems' && first.instancePath === '/columns') {
    const columns = (body as { columns?: unknown[] } | null)?.columns ?? [];
    const j = Number((first.params as { j?: number }).j);
    return `invalid request body: column ${JSON.stringify(columns[j])} is asked for more than once in "columns"`;
  }
  return `invalid request body: ${err.message}`;
}

export interface ProxyServer {
  app: FastifyInstance;
  activeExports: () => number;
  /** the exports in flight, for a shutdown that ends them */
  exports: ExportRegistry;
}

export interface ServerExtras {
  /** what the start-up role check found, reported on /health */
  role?: RoleReport;
  /** the team store (runs, registry, tokens); without it those routes answer 503 */
  store?: TeamStore;
  /** why there is no store, for /health and the 503s */
  storeProblem?: string;
}

export async function buildServer(config: ProxyConfig, db: DbBackend, extras: ServerExtras = {}): Promise<ProxyServer> {
  // union types (string | number | …) type filter values; unknown body fields are rejected, not silently dropped.
  // No type coercion: Fastify's default coerceTypes 'array' turns a one-element `in` list ["A"] into
  // "A" (the scalar branch of the value's anyOf matches first), and a JSON body needs no coercion.
  const app = Fastify({ logger: false, bodyLimit: 1 << 20, ajv: { customOptions: { allowUnionTypes: true, removeAdditional: false, coerceTypes: false } } });
  let catalog: Map<string, CatalogEntry> = await readCatalog(db.pool, config.schema, config.savedQueries);
  for (const e of catalog.values()) if (e.broken) console.warn(`kiln-proxy: WARNING: ${e.broken} (listed as broken; the other tables and saved queries work)`);
  const refresh = async () => {
    catalog = await readCatalog(db.pool, config.schema, config.savedQueries);
  };
  const exports = new ExportRegistry();
  const probe = new DatabaseProbe(db.pool);

  // a cross-origin-isolated studio (COEP require-corp) may read only responses that opt in; every
  // response does (errors, preflights and hijacked export streams too, so set before CORS's hook
  // and on the reply itself), since CORS and the bearer token already guard access
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
  });
  await app.register(cors, { origin: config.studioOrigins, allowedHeaders: ['Authorization', 'Content-Type'], exposedHeaders: ['X-Kiln-Row-Limit', 'X-Kiln-Backend', 'ETag', 'X-Kiln-Model-Version', 'Content-Location'], methods: ['GET', 'POST'] });

  installAuth(app, config.token, extras.store);

  app.setErrorHandler((err: FastifyError | ApiError | Error, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send({ ...errorBody(err.code, err.message), ...err.extra });
    const fe = err as FastifyError;
    if (fe.validation) return reply.code(400).send(errorBody('bad_request', validationMessage(fe, req.body)));
    if (err instanceof DatabaseUnavailable) return reply.code(503).send(errorBody('unavailable', `the database does not answer: ${err.message}`));
    if (fe.statusCode === 413) return reply.code(413).send(errorBody('too_large', `the request is larger than this server accepts (${fe.message}); nothing was stored`));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return reply.code(fe.statusCode).send(errorBody('bad_request', fe.message));
    const fromPg = apiErrorFromPg(err, config);
    if (fromPg) return reply.code(fromPg.status).send(errorBody(fromPg.code, fromPg.message));
    return reply.code(500).send(errorBody('internal', `the proxy failed: ${err.message}`));
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('not_found', `no route ${req.method} ${req.url}`)));

  // 503 while the database does not answer, so a load balancer or the studio can tell
  app.get('/health', { config: { need: 'none' } }, async (_req, reply) => {
    const reach = await probe.state();
    return reply.code(reach.database === 'reachable' ? 200 : 503).send({
      status: reach.database === 'reachable' ? 'ok' : 'degraded',
      version: VERSION,
      backend: db.kind,
      ...reach,
      activeExports: exports.active,
      pool: { total: db.pool.totalCount, idle: db.pool.idleCount, waiting: db.pool.waitingCount },
      store: extras.store ? { backend: extras.store.db.kind, describe: extras.store.db.describe } : { disabled: extras.storeProblem ?? 'not configured' },
      ...(extras.role ? { role: { readonly: extras.role.readonly, warnings: extras.role.warnings } } : {}),
    });
  });

  app.get('/tables', async (_req, reply) => {
    // a busy connection answers from the catalog read at start or at the last listing
    if (!(await refreshWithin(refresh, Math.min(2000, exportTimeouts(config).connectionWaitMs)))) reply.header('X-Kiln-Catalog', 'cached');
    return {
      tables: [...catalog.values()].map((e) => ({
        name: e.name,
        kind: e.kind,
        approxRows: e.approxRows,
        description: e.description,
        ...(e.broken ? { broken: true, error: e.broken } : {}),
        columns: e.columns.map((c) => ({ name: c.name, pgType: c.type.pgType, kind: c.type.kind, element: c.type.element })),
      })),
      maxRows: config.maxRows,
    };
  });

  registerExportRoute(app, EXPORT_BODY, { config, db, exports, catalog: () => catalog, refresh });

  app.get('/whoami', { config: { need: 'read' } }, async (req) => {
    const p = principalOf(req);
    return { holder: p.holder, scopes: p.scopes, store: Boolean(extras.store), ...(extras.store ? {} : { storeProblem: extras.storeProblem ?? 'not configured' }) };
  });

  if (extras.store) {
    registerRunRoutes(app, extras.store);
    registerRegistryRoutes(app, extras.store);
    registerStudyRoutes(app, extras.store);
  } else {
    const why = extras.storeProblem ?? 'this server was started without a team store';
    const off = async () => {
      throw new ApiError(503, 'store_unavailable', `runs and the registry are off: ${why}`);
    };
    for (const url of ['/runs', '/runs/*', '/tokens', '/tokens/*', '/models', '/models/*', '/studies', '/studies/*']) {
      app.get(url, { config: { need: 'read' } }, off);
      app.post(url, { config: { need: 'read' } }, off);
    }
  }

  return { app, activeExports: () => exports.active, exports };
}
