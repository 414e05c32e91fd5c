import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type pg from 'pg';
import { createServer } from 'node:net';
import { makePool, type DbBackend } from './backend';
import { demoCacheDir, openDemoDatabase } from './demo-cache';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * A PGlite served on a loopback port with one connection, so `pg` talks to it exactly as to a
 * real server (PGlite is single-session: the pool holds that one connection and callers queue).
 */
export async function servePGlite(db: PGlite, pool: (url: string) => pg.Pool): Promise<{ port: number; pool: pg.Pool; close: () => Promise<void> }> {
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  const p = pool(`postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`);
  return {
    port,
    pool: p,
    close: async () => {
      await p.end();
      await server.stop();
      await db.close();
    },
  };
}

/** The demo database (PGlite, Postgres compiled to WASM) in this process, for the exporter. */
export async function startEmbedded(options: { cacheDir?: string | null } = {}): Promise<DbBackend & { source: 'cache' | 'seeded' }> {
  const { db, source } = await openDemoDatabase(options.cacheDir === undefined ? demoCacheDir() : options.cacheDir);
  const served = await servePGlite(db, (url) => makePool(url, 1));
  return {
    kind: 'embedded',
    pool: served.pool,
    source,
    describe: `embedded PGlite demo database (127.0.0.1:${served.port}, ${source === 'cache' ? 'loaded from the demo cache' : 'seeded now'})`,
    close: served.close,
  };
}
