import type pg from 'pg';
import { sqlState } from './errors';
import { describeSavedQuery, type SavedQuery } from './saved-queries';
import { columnType, unmodifiedType, type ColumnType } from './export/pg-types';

export interface CatalogColumn {
  name: string;
  type: ColumnType;
}

export interface CatalogEntry {
  name: string;
  kind: 'table' | 'view' | 'saved_query';
  columns: CatalogColumn[];
  /** pg_class.reltuples (planner estimate); null for views, saved queries and tables never analyzed */
  approxRows: number | null;
  description?: string;
  /** what goes after FROM: a quoted qualified name, or the saved query as a subquery */
  fromSql: string;
  /** a saved query that cannot be exported, and why (listed so the operator sees it; exports are refused) */
  broken?: string;
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

/**
 * pg_class.reltuples as a row count. PostgreSQL 14+ stores -1 for a table never vacuumed or
 * analyzed: that is "not known yet" (null), not "empty", which an ANALYZE (or autovacuum) settles.
 */
export function rowEstimate(reltuples: string | number): number | null {
  const est = Number(reltuples);
  return Number.isFinite(est) && est >= 0 ? Math.round(est) : null;
}

/**
 * Each saved query on its own: one that does not run, clashes with a table's name or was
 * malformed in the config file is listed as broken with its reason, and the others still work.
 */
async function addSavedQueries(client: pg.PoolClient, out: Map<string, CatalogEntry>, saved: SavedQuery[]): Promise<void> {
  for (const q of saved) {
    // a table keeps its name: a clashing saved query is listed (broken) under a name that does not hide it
    const name = out.has(q.name) ? `${q.name} (saved query)` : q.name;
    const base = { name, kind: 'saved_query' as const, approxRows: null, description: q.description };
    const broken = (error: string) => out.set(name, { ...base, columns: [], fromSql: '', broken: error });
    if (q.problem) broken(q.problem);
    else if (name !== q.name) broken(`saved query "${q.name}" has the name of an existing table or view; rename it`);
    else {
      try {
        const { columns } = await describeSavedQuery(client, q);
        out.set(name, { ...base, columns, fromSql: `(${q.sql}) AS ${quoteIdent(q.name)}` });
      } catch (e) {
        // a lost connection is the database's failure, not the query's: the listing fails as a whole
        const state = sqlState(e);
        if (!state || /^(08|57P)/.test(state)) throw e;
        broken(`saved query "${q.name}" does not run: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
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
        e = { name: r.relname, kind: isTable ? 'table' : 'view', columns: [], approxRows: isTable ? rowEstimate(r.reltuples) : null, fromSql: `${quoteIdent(schema)}.${quoteIdent(r.relname)}` };
        out.set(r.relname, e);
      }
      e.columns.push({ name: r.attname, type: columnType(r.pg_type, r.typname, r.elem_typname, { dims: Number(r.dims), castType: unmodifiedType(r.typname, r.cast_type) }) });
    }
    await addSavedQueries(client, out, saved);
    return out;
  } finally {
    client.release();
  }
}
