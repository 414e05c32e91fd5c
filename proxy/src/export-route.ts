import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import type { CatalogEntry } from './catalog';
import type { ProxyConfig } from './config';
import { DatabaseUnavailable, type DbBackend } from './db/backend';
import { ApiError } from './errors';
import { openExport } from './export/exporters';
import type { ExportRequest } from './export/plan';
import type { RunControl } from './export/run-control';

/** Defaults of the timeouts a config may leave out (tests and embedders build configs by hand). */
export const DEFAULT_IDLE_WRITE_TIMEOUT_MS = 30_000;
export const DEFAULT_CONNECTION_WAIT_MS = 10_000;

export function exportTimeouts(config: Pick<ProxyConfig, 'idleWriteTimeoutMs' | 'connectionWaitMs'>): { idleWriteMs: number; connectionWaitMs: number } {
  return { idleWriteMs: config.idleWriteTimeoutMs ?? DEFAULT_IDLE_WRITE_TIMEOUT_MS, connectionWaitMs: config.connectionWaitMs ?? DEFAULT_CONNECTION_WAIT_MS };
}

/**
 * `Content-Disposition` per RFC 6266: an ASCII `filename` fallback (no quote, backslash,
 * control or non-ASCII character can break out of it or make Node refuse the header) and the
 * exact name as RFC 5987 `filename*=UTF-8''…`, which every current browser and curl prefer.
 */
export function contentDisposition(fileName: string): string {
  const name = fileName.toWellFormed();
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}

/** The exports in flight: their count for the concurrency cap, and a handle on each for shutdown. */
export class ExportRegistry {
  private readonly running = new Map<AbortController, Promise<void>>();
  get active(): number {
    return this.running.size;
  }
  add(ctrl: AbortController, finished: Promise<void>): void {
    this.running.set(ctrl, finished);
    void finished.finally(() => this.running.delete(ctrl));
  }
  /** Aborts every export (their clients see a cut-off stream) and waits up to `boundMs` for their connections to be let go. */
  async abortAll(reason: string, boundMs: number): Promise<boolean> {
    const all = [...this.running.entries()];
    for (const [ctrl] of all) ctrl.abort(new Error(reason));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((r) => (timer = setTimeout(() => r(false), boundMs)));
    const done = await Promise.race([Promise.allSettled(all.map(([, p]) => p)).then(() => true), late]);
    clearTimeout(timer);
    return done;
  }
}

class IdleWriteTimeout extends Error {
  constructor(ms: number) {
    super(`the client read nothing for ${ms} ms`);
  }
}

/** Resolves once `res` can take more; rejects when the client has not read for `ms`, or is gone. */
function drained(res: ServerResponse, ms: number): Promise<void> {
  if (res.destroyed) return Promise.reject(new Error('the client disconnected'));
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('the client disconnected'));
    const timer = setTimeout(() => done(new IdleWriteTimeout(ms)), ms);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * Writes the export with backpressure. Complete: HTTP trailers carry the row count and a CRC-32
 * of the body, then the terminating chunk. Anything else after the first byte destroys the
 * socket without the terminating chunk, so every HTTP client sees an incomplete body (fetch's
 * reader rejects, curl exits 18) instead of a short file that looks whole.
 */
async function pump(res: ServerResponse, first: Buffer | undefined, rest: AsyncGenerator<Buffer>, run: RunControl, idleWriteMs: number): Promise<void> {
  let crc = 0;
  const send = async (chunk: Buffer) => {
    crc = crc32(chunk, crc);
    if (!res.write(chunk)) await drained(res, idleWriteMs);
  };
  try {
    if (first) await send(first);
    for (let next = await rest.next(); !next.done; next = await rest.next()) await send(next.value);
    res.addTrailers({ 'X-Kiln-Row-Count': String(run.stats.rows), 'X-Kiln-Checksum': `crc32=${crc.toString(16).padStart(8, '0')}` });
    res.end();
  } catch {
    res.destroy();
  }
}

export interface ExportRouteDeps {
  config: ProxyConfig;
  db: DbBackend;
  exports: ExportRegistry;
  catalog: () => Map<string, CatalogEntry>;
  refresh: () => Promise<void>;
}

function sendHeaders(reply: FastifyReply, headers: Record<string, string>): void {
  reply.hijack();
  // headers set by hooks (CORS) live on the reply, which a hijacked response no longer writes
  const fromHooks = Object.fromEntries(Object.entries(reply.getHeaders()).filter((e): e is [string, string | number | string[]] => e[1] !== undefined));
  reply.raw.writeHead(200, { ...fromHooks, ...headers });
}

export function registerExportRoute(app: FastifyInstance, schema: object, deps: ExportRouteDeps): void {
  const { config, db, exports } = deps;
  const { idleWriteMs, connectionWaitMs } = exportTimeouts(config);
  app.post<{ Body: ExportRequest }>('/export', { schema: { body: schema } }, async (req, reply) => {
    const body = req.body;
    if (!deps.catalog().has(body.table)) await deps.refresh();
    const ctrl = new AbortController();
    const run: RunControl = { signal: ctrl.signal, connectionWaitMs, statementTimeoutMs: config.statementTimeoutMs, stats: { rows: 0 } };
    // planned (and a bad request refused) before a slot is taken; nothing runs until the first read
    const opened = openExport(db.pool, deps.catalog(), body, config, run);
    if (exports.active >= config.maxConcurrentExports) {
      reply.header('Retry-After', '1');
      throw new ApiError(429, 'too_many_exports', `${exports.active} exports are running; this proxy allows ${config.maxConcurrentExports} at once. Retry when one finishes.`);
    }
    let finish!: () => void;
    exports.add(ctrl, new Promise<void>((r) => (finish = r)));
    const gen = opened.chunks;
    const res = reply.raw;
    // a client that leaves while the export waits on the database ends its query now
    const onClose = () => {
      if (!res.writableFinished) ctrl.abort(new Error('the client disconnected'));
    };
    res.on('close', onClose);
    // an abort from outside (shutdown) also ends the response, even one waiting on a stalled client
    ctrl.signal.addEventListener('abort', () => {
      if (!res.writableFinished) res.destroy();
    });
    try {
      let first: IteratorResult<Buffer>;
      try {
        // the first chunk comes before any header is sent, so query errors are still JSON errors
        first = await gen.next();
      } catch (e) {
        if (e instanceof DatabaseUnavailable) throw new ApiError(503, 'unavailable', `${e.message}; retry shortly`);
        throw e;
      }
      if (req.raw.socket.destroyed) return reply;
      sendHeaders(reply, {
        'Content-Type': opened.contentType,
        'Content-Disposition': contentDisposition(opened.fileName),
        'X-Kiln-Row-Limit': String(opened.limit),
        'X-Kiln-Backend': db.kind,
        Trailer: 'X-Kiln-Row-Count, X-Kiln-Checksum',
      });
      await pump(res, first.done ? undefined : first.value, gen, run, idleWriteMs);
      return reply;
    } finally {
      res.off('close', onClose);
      // ends the source: a cut COPY kills its connection, a cursor rolls back; then the slot frees
      await gen.return(undefined).catch(() => undefined);
      finish();
    }
  });
}
