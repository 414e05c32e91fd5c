import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationError, MIGRATIONS_DIR, sha256 } from '../src/store/migrate';
import { storeBackends, type StoreBackend } from './store-harness';

const released = (JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'released.json'), 'utf8')) as { released: Record<string, string> }).released;

describe('store migrations are released once and never edited', () => {
  it('every migration file matches the checksum it was released with, and every file is released', () => {
    const files = loadMigrations().map((m) => `${String(m.version).padStart(4, '0')}_${m.name}.sql`);
    for (const [file, sum] of Object.entries(released)) {
      expect(files, `${file} is in released.json but no longer in migrations/: released migrations are never removed`).toContain(file);
      const now = sha256(readFileSync(join(MIGRATIONS_DIR, file), 'utf8'));
      expect(now, `${file} changed after its release: restore it and put the change in a new migration`).toBe(sum);
    }
    for (const f of files) expect(Object.keys(released), `${f} is not in released.json: add its checksum when it ships`).toContain(f);
  });
});

/** The schema as data: tables, columns, indexes, constraints and triggers of schema kiln. */
async function schemaOf(pool: pg.Pool): Promise<string[]> {
  const q = async (sql: string) => (await pool.query<{ x: string }>(sql)).rows.map((r) => r.x);
  return [
    ...(await q("SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS x FROM information_schema.columns WHERE table_schema = 'kiln' ORDER BY 1")),
    ...(await q("SELECT indexdef AS x FROM pg_indexes WHERE schemaname = 'kiln' ORDER BY 1")),
    ...(await q("SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) AS x FROM pg_constraint WHERE connamespace = 'kiln'::regnamespace ORDER BY 1")),
    ...(await q("SELECT tgrelid::regclass::text || ' ' || tgname AS x FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'kiln.%' ORDER BY 1")),
  ];
}

const migrations = loadMigrations();

for (const backend of await storeBackends('migrations')) {
  describe(`store migrations on ${backend.name}`, () => {
    let latest: string[];
    const open = (b: StoreBackend) => b.open();

    beforeAll(async () => {
      const db = await open(backend);
      try {
        const r = await migrate(db.pool);
        expect(r).toEqual({ from: 0, to: migrations.length, applied: migrations.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`) });
        latest = await schemaOf(db.pool);
        // migrating an up-to-date database does nothing
        expect(await migrate(db.pool)).toEqual({ from: migrations.length, to: migrations.length, applied: [] });
      } finally {
        await db.close();
      }
    }, 120_000);

    for (let at = 1; at < migrations.length; at++) {
      it(`a database at schema v${at}, holding data, upgrades to v${migrations.length} with the same schema as a fresh one`, async () => {
        const db = await open(backend);
        try {
          expect((await migrate(db.pool, migrations, at)).to).toBe(at);
          await db.pool.query("INSERT INTO kiln.projects (name) VALUES ('kept')");
          await db.pool.query("INSERT INTO kiln.experiments (project_id, name) SELECT id, 'e' FROM kiln.projects");
          await db.pool.query("INSERT INTO kiln.runs (id, experiment_id, name, family, status, config, author, content_sha256) SELECT 'r1', id, 'run', 'tabular', 'completed', '{}', 'a', 'x' FROM kiln.experiments");
          const r = await migrate(db.pool);
          expect(r.from).toBe(at);
          expect(r.to).toBe(migrations.length);
          expect(await schemaOf(db.pool)).toEqual(latest);
          expect((await db.pool.query('SELECT id FROM kiln.runs')).rows).toEqual([{ id: 'r1' }]);
        } finally {
          await db.close();
        }
      }, 120_000);
    }

    it('refuses a database whose applied migration was edited since, and one newer than the code, changing nothing', async () => {
      const db = await open(backend);
      try {
        await migrate(db.pool, migrations, 2);
        const edited = migrations.map((m, i) => (i === 1 ? { ...m, sql: `${m.sql}\n-- edit`, sha256: sha256(`${m.sql}\n-- edit`) } : m));
        await expect(migrate(db.pool, edited)).rejects.toThrow(/0002_registry\.sql was changed after this database applied it/);
        expect((await db.pool.query('SELECT max(version) AS v FROM kiln.schema_migrations')).rows[0].v).toBe(2);
        await expect(migrate(db.pool, migrations.slice(0, 1))).rejects.toBeInstanceOf(MigrationError);
        await expect(migrate(db.pool, migrations.slice(0, 1))).rejects.toThrow(/schema version 2, newer than this Kiln server knows \(1\)/);
      } finally {
        await db.close();
      }
    }, 120_000);

    it('a failing migration leaves the database at the version it had', async () => {
      const db = await open(backend);
      try {
        await migrate(db.pool, migrations, 1);
        const broken = [...migrations.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE kiln.half (a int); SELECT no_such_function();', sha256: 'x' }];
        await expect(migrate(db.pool, broken)).rejects.toThrow(/0003_broken\.sql failed/);
        expect((await db.pool.query('SELECT max(version) AS v FROM kiln.schema_migrations')).rows[0].v).toBe(1);
        expect((await db.pool.query("SELECT to_regclass('kiln.model_versions') AS t, to_regclass('kiln.half') AS h")).rows[0]).toEqual({ t: null, h: null });
      } finally {
        await db.close();
      }
    }, 120_000);
  });
}
