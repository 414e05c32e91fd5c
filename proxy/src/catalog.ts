import type pg from 'pg';
import type { SavedQuery } from './config';
import { columnType, unmodifiedType, type ColumnType } from './export/pg-types';

export interface CatalogColumn {
  name: string;
  type: ColumnType;
}

export interface CatalogEntry {
  name: string;
  kind: 'table' | 'view' | 'saved_query';
  columns: CatalogColumn[];
  /** pg_class.reltuples (planner estimate); null for views and saved queries */
  approxRows: number | null;
  description?: string;
  /** what goes after FROM: a quoted qualified name, or the saved query as a subquery */
  fromSql: string;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Columns with their types. A domain is exported as its base type (followed through domains of
 * domains); `cast_type` is the base type with no length/precision modifier, what filter values
 * are cast to; attndims is how deep an array column's Arrow lists nest.
 */
const CATALOG_SQL = `
WITH RECURSIVE chain(oid, base, depth) AS (
  SELECT oid, typbasetype, 1 FROM pg_type WHERE typtype = 'd'
  UNION ALL
  SELECT ch.oid, t.typbasetype, ch.depth + 1 FROM chain ch JOIN pg_type t ON t.oid = ch.base AND t.typtype = 'd'
), domain_base AS (SELECT DISTINCT ON (oid) oid, base FROM chain ORDER BY oid, depth DESC)
SELECT c.relname, c.relkind, c.reltuples, a.attname, format_type(a.atttypid, a.atttypmod) AS pg_type,
       t.typname, et.typname AS elem_typname, format_type(t.oid, NULL) AS cast_type, a.attndims AS dims
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN domain_base db ON db.oid = a.atttypid
JOIN pg_type t ON t.oid = COALESCE(db.base, a.atttypid)
LEFT JOIN domain_base edb ON edb.oid = t.typelem AND t.typcategory = 'A'
LEFT JOIN pg_type et ON et.oid = COALESCE(edb.base, t.typelem) AND t.typcategory = 'A'
WHERE n.nspname = $1 AND c.relkind IN ('r', 'v', 'm', 'p')
  AND has_table_privilege(c.oid, 'SELECT')
ORDER BY c.relname, a.attnum`;

type CatalogRow = {
  relname: string;
  relkind: string;
  reltuples: string;
  attname: string;
  pg_type: string;
  typname: string;
  elem_typname: string | null;
  cast_type: string;
  dims: number;
};

/** Column names and types of a saved query, read from a zero-row run inside a read-only transaction. */
async function describeSavedQuery(client: pg.PoolClient, q: SavedQuery): Promise<CatalogColumn[]> {
  await client.query('BEGIN READ ONLY');
  try {
    const res = await client.query(`SELECT * FROM (${q.sql}) AS q LIMIT 0`);
    const oids = res.fields.map((f) => f.dataTypeID);
    const types = await client.query<{ oid: string; pg_type: string; typname: string; elem_typname: string | null }>(
      `SELECT t.oid::text, format_type(t.oid, NULL) AS pg_type, t.typname, et.typname AS elem_typname
       FROM pg_type t LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A' WHERE t.oid = ANY($1)`,
      [oids],
    );
    const byOid = new Map(types.rows.map((t) => [Number(t.oid), t]));
    return res.fields.map((f) => {
      const t = byOid.get(f.dataTypeID);
      return { name: f.name, type: t ? columnType(t.pg_type, t.typname, t.elem_typname) : { pgType: 'unknown', kind: 'string' } };
    });
  } finally {
    await client.query('ROLLBACK');
  }
}

export async function readCatalog(pool: pg.Pool, schema: string, saved: SavedQuery[]): Promise<Map<string, CatalogEntry>> {
  const client = await pool.connect();
  try {
    const res = await client.query<CatalogRow>(CATALOG_SQL, [schema]);
    const out = new Map<string, CatalogEntry>();
    for (const r of res.rows) {
      let e = out.get(r.relname);
      if (!e) {
        const isTable = r.relkind === 'r' || r.relkind === 'p' || r.relkind === 'm';
        const est = Number(r.reltuples);
        e = { name: r.relname, kind: isTable ? 'table' : 'view', columns: [], approxRows: isTable ? Math.max(0, Math.round(est)) : null, fromSql: `${quoteIdent(schema)}.${quoteIdent(r.relname)}` };
        out.set(r.relname, e);
      }
      e.columns.push({ name: r.attname, type: columnType(r.pg_type, r.typname, r.elem_typname, { dims: Number(r.dims), castType: unmodifiedType(r.typname, r.cast_type) }) });
    }
    for (const q of saved) {
      if (out.has(q.name)) throw new Error(`saved query "${q.name}" has the name of an existing table or view`);
      const columns = await describeSavedQuery(client, q).catch((e: Error) => {
        throw new Error(`saved query "${q.name}" does not run: ${e.message}`, { cause: e });
      });
      out.set(q.name, { name: q.name, kind: 'saved_query', columns, approxRows: null, description: q.description, fromSql: `(${q.sql}) AS ${quoteIdent(q.name)}` });
    }
    return out;
  } finally {
    client.release();
  }
}
