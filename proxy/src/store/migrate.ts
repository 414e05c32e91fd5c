import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type pg from 'pg';

/**
 * The store's schema is versioned SQL: `migrations/NNNN_name.sql`, applied in order, each one
 * recorded in kiln.schema_migrations with the sha256 of its text. A database keeps the checksum
 * of what it ran, so a migration edited after it reached a database is caught at start (and
 * released.json catches it in the tests before it ships).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

export const MIGRATIONS_DIR = resolve(import.meta.dirname, 'migrations');

export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const out: Migration[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new Error(`store migration file ${file} must be named NNNN_name.sql`);
    const sql = readFileSync(join(dir, file), 'utf8');
    out.push({ version: Number(m[1]), name: m[2], sql, sha256: sha256(sql) });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`store migrations must be numbered 0001, 0002, … without gaps; found ${String(m.version).padStart(4, '0')}_${m.name}.sql at position ${i + 1}`);
  });
  return out;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

// one number for every Kiln server: two servers starting on one database take turns
const LOCK_KEY = 7_461_696_110;

/**
 * Brings the `kiln` schema to `target` (default: the newest migration) in one transaction under
 * an advisory lock: either every pending migration is applied or none is.
 */
export async function migrate(pool: pg.Pool, migrations: Migration[] = loadMigrations(), target = migrations.length): Promise<MigrationReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query('CREATE SCHEMA IF NOT EXISTS kiln');
    await client.query(
      `CREATE TABLE IF NOT EXISTS kiln.schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
    const applied = (await client.query<{ version: number; name: string; sha256: string }>('SELECT version, name, sha256 FROM kiln.schema_migrations ORDER BY version')).rows;
    const from = applied.length ? applied[applied.length - 1].version : 0;
    if (from > migrations.length) {
      throw new MigrationError(`the store's database is at schema version ${from}, newer than this Kiln server knows (${migrations.length}); run the newer server, or restore a backup`);
    }
    for (const row of applied) {
      const m = migrations[row.version - 1];
      if (m.sha256 !== row.sha256) {
        throw new MigrationError(
          `store migration ${String(row.version).padStart(4, '0')}_${row.name}.sql was changed after this database applied it (checksum ${row.sha256.slice(0, 12)}… in the database, ${m.sha256.slice(0, 12)}… in the file); restore the file and put the change in a new migration`,
        );
      }
    }
    const done: string[] = [];
    for (const m of migrations.slice(from, Math.max(from, target))) {
      try {
        await client.query(m.sql);
      } catch (e) {
        throw new MigrationError(`store migration ${String(m.version).padStart(4, '0')}_${m.name}.sql failed: ${(e as Error).message}`);
      }
      await client.query('INSERT INTO kiln.schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [m.version, m.name, m.sha256]);
      done.push(`${String(m.version).padStart(4, '0')}_${m.name}`);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, Math.min(target, migrations.length)), applied: done };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
