import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createServer } from 'node:net';
import { makePool, type DbBackend } from './backend';
import { demoCacheDir, openDemoDatabase } from './demo-cache';

export async function freePort(): Promise<number> {
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
 * PGlite (Postgres compiled to WASM) in this process, served on a loopback port so the
 * exporter talks to it with `pg` exactly as to a real server. PGlite is single-session, so the
 * pool holds one connection and exports queue for it.
 */
export async function startEmbedded(options: { cacheDir?: string | null } = {}): Promise<DbBackend & { source: 'cache' | 'seeded' }> {
  const { db, source } = await openDemoDatabase(options.cacheDir === undefined ? demoCacheDir() : options.cacheDir);
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: '127.0.0.1', maxConnections: 1 });
  await server.start();
  const pool = makePool(`postgres://postgres@127.0.0.1:${port}/postgres?sslmode=disable`, 1);
  return {
    kind: 'embedded',
    pool,
    source,
    describe: `embedded PGlite demo database (127.0.0.1:${port}, ${source === 'cache' ? 'loaded from the demo cache' : 'seeded now'})`,
    close: async () => {
      await pool.end();
      await server.stop();
      await db.close();
    },
  };
}
