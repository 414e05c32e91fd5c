import { ApiError } from '../errors';
import { quoteIdent, type CatalogColumn, type CatalogEntry } from '../catalog';

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not_in' | 'is_null' | 'not_null' | 'like' | 'ilike' | 'contains';
export const FILTER_OPS: FilterOp[] = ['=', '!=', '<', '<=', '>', '>=', 'in', 'not_in', 'is_null', 'not_null', 'like', 'ilike', 'contains'];

export type FilterValue = string | number | boolean | null | (string | number | boolean)[];

export interface ExportRequest {
  table: string;
  columns?: string[];
  filters?: { column: string; op: FilterOp; value?: FilterValue }[];
  orderBy?: { column: string; direction?: 'asc' | 'desc' }[];
  limit?: number;
  format: 'arrow' | 'csv' | 'jsonl';
  /** int8 as 64-bit integers (default) or as decimal strings, for consumers without 64-bit ints */
  int8?: 'int64' | 'string';
}

export interface PlanStyle {
  /** how bind parameter n appears in SQL: `$n` for the extended protocol, current_setting(...) for COPY */
  placeholder: (n: number) => string;
  /** whether to select a column as its text output (for binary COPY, the types the decoder does not read natively) */
  asText?: (c: CatalogColumn) => boolean;
}

export const BIND_STYLE: PlanStyle = { placeholder: (n) => `$${n}` };

export interface ExportPlan {
  sql: string;
  params: unknown[];
  columns: CatalogColumn[];
  limit: number;
}

const SQL_OPS: Record<string, string> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=', like: 'LIKE', ilike: 'ILIKE' };

/**
 * What a filter value (text) is cast to: the catalog's castType, the column's base type with no
 * length or precision modifier. A modifier would change the value before comparing ('apple!'
 * cast to char(5) is 'apple', 1.005 cast to numeric(10,2) is 1.01); a bare `character` or `bit`
 * would mean length 1. Catalogs built before castType existed fall back to the type's own name.
 */
function castTo(c: CatalogColumn): string {
  return c.type.castType ?? c.type.pgType;
}

function column(entry: CatalogEntry, name: string): CatalogColumn {
  const c = entry.columns.find((x) => x.name === name);
  if (!c) throw new ApiError(400, 'unknown_column', `"${entry.name}" has no column ${JSON.stringify(name)}; columns: ${entry.columns.map((x) => x.name).join(', ')}`);
  return c;
}

/**
 * A column as its type's text output, exactly what psql and COPY print. Not `::text`: that is a
 * cast, and casts differ from output (char(n) loses its padding, inet gains a /128). format()
 * is not strict, hence the NULL test; num_nulls, as a composite whose fields are all NULL IS NULL.
 */
function selectItem(c: CatalogColumn, asText: boolean): string {
  const id = quoteIdent(c.name);
  return asText ? `CASE WHEN num_nulls(${id}) = 1 THEN NULL ELSE format('%s', ${id}) END AS ${id}` : id;
}

/**
 * A filter value as the text Postgres parses. Numbers past 2^53 cannot arrive exact as JSON
 * numbers: send them as strings ("9223372036854775807"), which are passed through untouched.
 */
function valueText(v: string | number | boolean, column: string): string {
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) {
    throw new ApiError(400, 'bad_filter', `filter value ${v} on "${column}" is an integer past 2^53, which a JSON number cannot carry exactly: send it as a string ("${BigInt(v)}" is what arrived)`);
  }
  return typeof v === 'string' ? v : String(v);
}

/**
 * Turns a request into SQL whose identifiers all come from the catalog (quoted) and whose
 * values are all bind parameters. Nothing a client sends is pasted into SQL text.
 */
export function planExport(catalog: Map<string, CatalogEntry>, req: ExportRequest, maxRows: number, style: PlanStyle = BIND_STYLE): ExportPlan {
  const entry = catalog.get(req.table);
  if (!entry) throw new ApiError(404, 'unknown_table', `no exportable table, view or saved query named ${JSON.stringify(req.table)}`);
  if (entry.broken) throw new ApiError(422, 'saved_query_broken', `${JSON.stringify(req.table)} cannot be exported: ${entry.broken}`);
  if (req.limit !== undefined && req.limit > maxRows) {
    throw new ApiError(400, 'limit_over_cap', `limit ${req.limit} is over this proxy's row cap of ${maxRows}`);
  }
  const columns = req.columns?.length ? req.columns.map((n) => column(entry, n)) : entry.columns;
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return style.placeholder(params.length);
  };
  const where: string[] = [];
  for (const f of req.filters ?? []) {
    const c = column(entry, f.column);
    const id = quoteIdent(c.name);
    const isList = Array.isArray(f.value);
    if (f.op === 'is_null' || f.op === 'not_null') {
      where.push(`${id} IS ${f.op === 'is_null' ? '' : 'NOT '}NULL`);
      continue;
    }
    if (f.value === undefined || f.value === null) throw new ApiError(400, 'bad_filter', `filter ${f.op} on "${c.name}" needs a value (use is_null / not_null for NULLs)`);
    if (f.op === 'in' || f.op === 'not_in') {
      if (!isList || (f.value as unknown[]).length === 0) throw new ApiError(400, 'bad_filter', `filter ${f.op} on "${c.name}" needs a non-empty array value`);
      if (c.type.kind === 'list' || c.type.kind === 'json') throw new ApiError(400, 'bad_filter', `filter ${f.op} does not apply to ${c.type.pgType} column "${c.name}"`);
      where.push(`${f.op === 'in' ? '' : 'NOT '}(${id} = ANY(${bind((f.value as (string | number | boolean)[]).map((v) => valueText(v, c.name)))}::text[]::${castTo(c)}[]))`);
      continue;
    }
    if (f.op === 'contains') {
      if (c.type.kind !== 'list') throw new ApiError(400, 'bad_filter', `contains applies to array columns; "${c.name}" is ${c.type.pgType}`);
      const vals = isList ? (f.value as (string | number | boolean)[]) : [f.value as string | number | boolean];
      // both sides as the unmodified array type: @> needs identical types (bit(3)[] vs varbit[] has no operator)
      const arr = castTo(c);
      where.push(`${arr === c.type.pgType ? id : `${id}::${arr}`} @> ${bind(vals.map((v) => valueText(v, c.name)))}::text[]::${arr}`);
      continue;
    }
    if (isList) throw new ApiError(400, 'bad_filter', `filter ${f.op} on "${c.name}" takes one value, not an array`);
    if ((f.op === 'like' || f.op === 'ilike') && c.type.kind !== 'string') throw new ApiError(400, 'bad_filter', `${f.op} applies to text columns; "${c.name}" is ${c.type.pgType}`);
    if (c.type.kind === 'list' || c.type.kind === 'json') throw new ApiError(400, 'bad_filter', `comparison ${f.op} does not apply to ${c.type.pgType} column "${c.name}"`);
    if (f.op === 'like' || f.op === 'ilike') {
      // a pattern is text, and so is what it matches: any text-like type (uuid, inet, char(n)) works
      where.push(`${id}::text ${SQL_OPS[f.op]} ${bind(valueText(f.value as string | number | boolean, c.name))}::text`);
      continue;
    }
    // the value travels as text and is cast to the column's type by Postgres (type names come from the catalog)
    where.push(`${id} ${SQL_OPS[f.op]} ${bind(valueText(f.value as string | number | boolean, c.name))}::text::${castTo(c)}`);
  }
  const order = (req.orderBy ?? []).map((o) => `${quoteIdent(column(entry, o.column).name)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`);
  const limit = Math.min(req.limit ?? maxRows, maxRows);
  const sql =
    `SELECT ${columns.map((c) => selectItem(c, style.asText?.(c) ?? false)).join(', ')} FROM ${entry.fromSql}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
    (order.length ? ` ORDER BY ${order.join(', ')}` : '') +
    ` LIMIT ${bind(limit)}::bigint`;
  return { sql, params, columns, limit };
}
