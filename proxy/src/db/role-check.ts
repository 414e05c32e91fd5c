import type pg from 'pg';
import type { DbBackend } from './backend';

/** What the proxy's database role may do beyond reading the exported schema (empty: read-only). */
export interface RoleReport {
  role: string;
  readonly: boolean;
  warnings: string[];
}

/**
 * Everything here is something a READ ONLY transaction does not stop: an operator-defined view
 * or function runs with the role's rights, so a role that can write, create roles, read server
 * files or run programs turns any such view into that power. One query, catalog reads only.
 */
const ROLE_SQL = `
SELECT r.rolname, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolreplication, r.rolbypassrls,
  to_json(ARRAY(SELECT x.rolname FROM pg_roles x
        WHERE x.rolname IN ('pg_execute_server_program', 'pg_read_server_files', 'pg_write_server_files', 'pg_write_all_data')
          AND pg_has_role(current_user, x.oid, 'USAGE') ORDER BY 1))::text AS powerful_roles,
  to_json(ARRAY(SELECT format('%s (%s)', c.relname,
                      concat_ws(', ', CASE WHEN has_table_privilege(c.oid, 'INSERT') THEN 'INSERT' END,
                                      CASE WHEN has_table_privilege(c.oid, 'UPDATE') THEN 'UPDATE' END,
                                      CASE WHEN has_table_privilege(c.oid, 'DELETE') THEN 'DELETE' END,
                                      CASE WHEN has_table_privilege(c.oid, 'TRUNCATE') THEN 'TRUNCATE' END))
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
          AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
        ORDER BY c.relname))::text AS writable,
  (SELECT has_schema_privilege(n.oid, 'CREATE') FROM pg_namespace n WHERE n.nspname = $1) AS schema_create,
  has_database_privilege(current_database(), 'CREATE') AS database_create,
  to_json(ARRAY(SELECT p.oid::regprocedure::text FROM pg_proc p
        WHERE p.proname IN ('lo_import', 'lo_export', 'dblink', 'dblink_exec', 'dblink_connect', 'dblink_connect_u', 'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir')
          AND has_function_privilege(p.oid, 'EXECUTE')
        ORDER BY 1))::text AS functions
FROM pg_roles r WHERE r.rolname = current_user`;

interface RoleRow {
  rolname: string;
  rolsuper: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolreplication: boolean;
  rolbypassrls: boolean;
  powerful_roles: string;
  writable: string;
  schema_create: boolean | null;
  database_create: boolean;
  functions: string;
}

// RAW_TEXT_TYPES (backend.ts) hands every value over as PostgreSQL's text output: 't'/'f', JSON text
const bool = (v: unknown) => v === true || v === 't';
const list = (json: string): string[] => (JSON.parse(json) as string[] | null) ?? [];

/** Reads the role's rights with `pool` and lists every one a read-only exporter should not have. */
export async function checkRole(pool: pg.Pool, schema: string): Promise<RoleReport> {
  const res = await pool.query<RoleRow>(ROLE_SQL, [schema]);
  const r = res.rows[0];
  const warnings: string[] = [];
  if (bool(r.rolsuper)) warnings.push('is a superuser (can do anything, READ ONLY or not: COPY … TO PROGRAM, lo_import, ALTER SYSTEM)');
  if (bool(r.rolcreaterole)) warnings.push('has CREATEROLE (can create roles and grant itself membership of others)');
  if (bool(r.rolcreatedb)) warnings.push('has CREATEDB');
  if (bool(r.rolreplication)) warnings.push('has REPLICATION (can stream every database)');
  if (bool(r.rolbypassrls)) warnings.push('has BYPASSRLS (reads past row-level security)');
  for (const m of list(r.powerful_roles)) warnings.push(`is a member of ${m}`);
  const writable = list(r.writable);
  if (writable.length) warnings.push(`can write to ${writable.length} table(s) in schema "${schema}": ${writable.slice(0, 10).join('; ')}${writable.length > 10 ? '; …' : ''}`);
  if (bool(r.schema_create)) warnings.push(`can CREATE objects in schema "${schema}" (a function or view it creates would be exported)`);
  if (bool(r.database_create)) warnings.push('can CREATE schemas in the database');
  const fns = list(r.functions);
  if (fns.length) warnings.push(`may EXECUTE ${fns.join(', ')} (server files, large objects or other connections)`);
  return { role: r.rolname, readonly: warnings.length === 0, warnings };
}

/**
 * The check at start: warns loudly, and with `requireReadonly` refuses (throws) when the role is
 * more than a reader. The embedded demo database runs as PGlite's superuser in this process and
 * holds only generated data, so it is reported, never refused.
 */
export async function checkRoleAtStart(db: DbBackend, schema: string, requireReadonly: boolean, log: (line: string) => void = console.warn): Promise<RoleReport> {
  const report = await checkRole(db.pool, schema);
  if (db.kind === 'embedded') {
    log(`kiln-proxy: the embedded demo database runs as its superuser "${report.role}"; that is fine for generated demo data. Against your own PostgreSQL use a read-only role (proxy/README.md, "Least privilege").`);
    return report;
  }
  if (report.readonly) return report;
  const lines = report.warnings.map((w) => `  - role "${report.role}" ${w}`).join('\n');
  if (requireReadonly) {
    throw new Error(`refusing to start (--require-readonly-role): the database role is not read-only:\n${lines}\nConnect as a role made with the recipe in proxy/README.md ("Least privilege").`);
  }
  log(`kiln-proxy: WARNING: the database role "${report.role}" can do more than read, and a READ ONLY transaction does not stop views or functions from using it:\n${lines}\nUse a read-only role (proxy/README.md, "Least privilege"); --require-readonly-role refuses to start otherwise.`);
  return report;
}
