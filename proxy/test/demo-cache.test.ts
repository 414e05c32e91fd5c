import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { demoCacheKey } from '../src/db/demo-cache';
import { startEmbedded } from '../src/db/embedded';
import { DEMO_COUNTS } from '../src/demo/generate';

/**
 * The embedded proxy's start: the first one seeds and saves the demo data directory, later ones
 * load it (no initdb, no seeding). What they serve must be the very data a fresh seed builds:
 * every row of every table, byte for byte, and the planner statistics.
 */
const dir = mkdtempSync(join(tmpdir(), 'kiln-demo-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function fingerprint(db: DbBackend): Promise<Record<string, { rows: number; md5: string; reltuples: number }>> {
  const out: Record<string, { rows: number; md5: string; reltuples: number }> = {};
  for (const table of Object.keys(DEMO_COUNTS)) {
    // every column's text output, rows in physical order of the primary key
    const r = await db.pool.query(
      `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS md5,
              (SELECT reltuples FROM pg_class WHERE relname = $1) AS reltuples FROM ${table} t`,
      [table],
    );
    out[table] = { rows: Number(r.rows[0].rows), md5: String(r.rows[0].md5), reltuples: Number(r.rows[0].reltuples) };
  }
  return out;
}

async function withEmbedded<T>(cacheDir: string | null, fn: (db: DbBackend & { source: string }) => Promise<T>): Promise<T> {
  const db = await startEmbedded({ cacheDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe('the embedded demo database cache', () => {
  it('the first start seeds and saves, the next loads the same data byte for byte', async () => {
    const seeded = await withEmbedded(dir, async (db) => {
      expect(db.source).toBe('seeded');
      return fingerprint(db);
    });
    expect(readdirSync(dir)).toEqual([`demo-${demoCacheKey()}.tar.gz`]);
    for (const [table, count] of Object.entries(DEMO_COUNTS)) {
      expect(seeded[table].rows, table).toBe(count);
      expect(seeded[table].reltuples, table).toBe(count);
    }
    const cached = await withEmbedded(dir, async (db) => {
      expect(db.source).toBe('cache');
      expect(db.describe).toMatch(/loaded from the demo cache/);
      return fingerprint(db);
    });
    expect(cached).toEqual(seeded);
  }, 300_000);

  it('a damaged cache file is replaced by a fresh seed, not a failed start', async () => {
    const file = join(dir, `demo-${demoCacheKey()}.tar.gz`);
    writeFileSync(file, 'not a tarball');
    await withEmbedded(dir, async (db) => {
      expect(db.source).toBe('seeded');
      const r = await db.pool.query('SELECT count(*)::int AS n FROM essays');
      expect(Number(r.rows[0].n)).toBe(DEMO_COUNTS.essays);
    });
    expect(existsSync(file)).toBe(true);
  }, 300_000);
});
