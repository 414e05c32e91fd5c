import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { seedDemo } from '../demo/seed';

const DEMO_DIR = resolve(import.meta.dirname, '../demo');
const DEFAULT_DIR = resolve(import.meta.dirname, '../../../node_modules/.cache/kiln-proxy');

/**
 * Where the seeded demo database is kept between starts: KILN_PROXY_CACHE_DIR, "off" for none,
 * else node_modules/.cache/kiln-proxy (ignored by git, gone with a clean install).
 */
export function demoCacheDir(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.KILN_PROXY_CACHE_DIR;
  if (v === 'off') return null;
  return v ? resolve(v) : DEFAULT_DIR;
}

/**
 * What the seeded data depends on: every generator source under src/demo and PGlite's version
 * (its data directory format). Any change to either makes a new key, so a cached database is
 * always the one a fresh seed would build.
 */
export function demoCacheKey(): string {
  const h = createHash('sha256');
  // the package's exports map hides package.json: found from its entry point, which lives in dist/
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const pgliteVersion = (JSON.parse(readFileSync(join(entry.slice(0, entry.lastIndexOf(`${sep}dist${sep}`)), 'package.json'), 'utf8')) as { version: string }).version;
  h.update(`pglite ${pgliteVersion}\n`);
  for (const f of readdirSync(DEMO_DIR).filter((n) => n.endsWith('.ts')).sort()) {
    h.update(`${f}\n`);
    h.update(readFileSync(join(DEMO_DIR, f)));
  }
  return h.digest('hex').slice(0, 24);
}

export interface DemoDatabase {
  db: PGlite;
  /** 'cache': loaded from a data directory saved by an earlier start; 'seeded': built now */
  source: 'cache' | 'seeded';
}

async function saveDataDir(db: PGlite, file: string): Promise<void> {
  await db.query('CHECKPOINT');
  const tar = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
  // zlib's native gzip off the main thread: PGlite's own compression runs in JS and takes seconds
  const gz = await promisify(gzip)(tar, { level: 1 });
  mkdirSync(resolve(file, '..'), { recursive: true });
  // written whole, then renamed: a parallel start never reads a half-written file
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, gz);
  renameSync(tmp, file);
}

/**
 * The demo database. A fresh PGlite runs initdb (a second WASM instance) and then the seed, which
 * dominate the proxy's start in time and peak memory; the first start saves the seeded data
 * directory, and later ones load it directly.
 */
export async function openDemoDatabase(cacheDir: string | null = demoCacheDir()): Promise<DemoDatabase> {
  const file = cacheDir ? join(cacheDir, `demo-${demoCacheKey()}.tar.gz`) : null;
  if (file && existsSync(file)) {
    try {
      // unzipped here: gzip's CRC proves the file is the one written, and a damaged one fails in
      // this catch (PGlite's own decompression reports it as an unhandled stream error)
      const tar = await promisify(gunzip)(readFileSync(file));
      const db = await PGlite.create({ loadDataDir: new Blob([tar], { type: 'application/x-tar' }) });
      return { db, source: 'cache' };
    } catch (e) {
      console.warn(`kiln-proxy: the cached demo database ${file} did not load (${e instanceof Error ? e.message : String(e)}); seeding a fresh one`);
      rmSync(file, { force: true });
    }
  }
  const db = await PGlite.create();
  await seedDemo((sql, params) => db.query(sql, params).then(() => undefined));
  if (file) {
    await saveDataDir(db, file).catch((e: unknown) => console.warn(`kiln-proxy: could not save the demo database to ${file} (${e instanceof Error ? e.message : String(e)}); the next start seeds again`));
  }
  return { db, source: 'seeded' };
}
