import { existsSync, readFileSync } from 'node:fs';
import type pg from 'pg';
import { columnType, type ColumnType } from './export/pg-types';

export interface SavedQuery {
  name: string;
  description?: string;
  /** operator-written, read-only SQL; run only inside READ ONLY transactions */
  sql: string;
  /** why the entry cannot be used, found when the file was read (it is listed as broken, never run) */
  problem?: string;
}

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** How long describing one saved query may take: a query that hangs must not hang /tables. */
export const DESCRIBE_TIMEOUT_MS = 5000;

function checkEntry(item: unknown, index: number, seen: Set<string>): SavedQuery {
  const at = `entry ${index + 1} of "savedQueries"`;
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return { name: `#${index + 1}`, sql: '', problem: `${at} is not an object` };
  const q = item as Record<string, unknown>;
  const named = typeof q.name === 'string' && q.name !== '' ? q.name : `#${index + 1}`;
  const broken = (problem: string): SavedQuery => ({ name: named, sql: typeof q.sql === 'string' ? q.sql : '', problem });
  if (typeof q.name !== 'string' || !NAME.test(q.name)) return broken(`${at}: the name ${JSON.stringify(q.name)} must be a lower-case SQL identifier`);
  if (seen.has(q.name)) return broken(`${at}: a saved query named "${q.name}" comes earlier in the file`);
  seen.add(q.name);
  if (typeof q.sql !== 'string' || !/^\s*(select|with)\b/i.test(q.sql) || q.sql.includes(';')) {
    return broken(`${at}: "sql" must be a single SELECT (or WITH … SELECT) statement without ";"`);
  }
  if (q.description !== undefined && typeof q.description !== 'string') return broken(`${at}: "description" must be a string`);
  return { name: q.name, sql: q.sql, ...(q.description !== undefined ? { description: q.description } : {}) };
}

/**
 * The saved queries of a config file. A malformed entry is kept with its problem (listed as
 * broken, the others work); only a file that is not JSON at all, or whose "savedQueries" is not
 * an array, stops the proxy, since then there is no entry to report.
 */
export function loadSavedQueries(path: string | undefined): SavedQuery[] {
  if (!path || !existsSync(path)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
  const list = (raw as { savedQueries?: unknown } | null)?.savedQueries;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`${path}: "savedQueries" must be an array of { name, sql, description? }`);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const q = checkEntry(item, i, seen);
    return q.problem ? { ...q, problem: `${path}: ${q.problem}` } : q;
  });
}

export interface DescribedQuery {
  columns: { name: string; type: ColumnType }[];
}

/**
 * Column names and types of one saved query, from a zero-row run in its own READ ONLY
 * transaction with a short statement timeout. Throws with PostgreSQL's reason when it does not run.
 */
export async function describeSavedQuery(client: pg.PoolClient, q: SavedQuery): Promise<DescribedQuery> {
  await client.query('BEGIN READ ONLY');
  try {
    await client.query(`SET LOCAL statement_timeout = ${DESCRIBE_TIMEOUT_MS}`);
    const res = await client.query(`SELECT * FROM (${q.sql}) AS q LIMIT 0`);
    const names = res.fields.map((f) => f.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    // columns are selected by name on export, where a repeated name is ambiguous
    if (twice.length) {
      // SQLSTATE 42702 (ambiguous column), what the export would fail with
      throw Object.assign(new Error(`column ${JSON.stringify(twice[0])} appears more than once; give each column its own name with AS`), { code: '42702' });
    }
    const oids = res.fields.map((f) => f.dataTypeID);
    const types = await client.query<{ oid: string; pg_type: string; typname: string; elem_typname: string | null }>(
      `SELECT t.oid::text, format_type(t.oid, NULL) AS pg_type, t.typname, et.typname AS elem_typname
       FROM pg_type t LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' WHERE t.oid = ANY($1)`,
      [oids],
    );
    const byOid = new Map(types.rows.map((t) => [Number(t.oid), t]));
    return {
      columns: res.fields.map((f) => {
        const t = byOid.get(f.dataTypeID);
        return { name: f.name, type: t ? columnType(t.pg_type, t.typname, t.elem_typname) : { pgType: 'unknown', kind: 'string' } };
      }),
    };
  } finally {
    await client.query('ROLLBACK');
  }
}
