/**
 * Postgres types → what the proxy emits. The catalog resolves domains to their base type first,
 * so a domain is exported exactly as the type it is built on. Text values arrive as Postgres text
 * output (TimeZone=UTC, DateStyle=ISO); binary COPY values are decoded in binary-copy-arrow.ts.
 */
export type ScalarKind =
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint32'
  | 'float32'
  | 'float64'
  | 'decimal'
  | 'bool'
  | 'string'
  | 'date'
  | 'timestamp'
  | 'timestamptz'
  | 'json';

export interface ColumnType {
  /** Postgres type name as format_type prints it, e.g. "numeric(10,2)", "text[]", a domain's own name */
  pgType: string;
  kind: ScalarKind | 'list';
  element?: ScalarKind;
  /** array dimensions the Arrow list nests to (pg_attribute.attndims, at least 1); lists only */
  dims?: number;
  /**
   * the type a filter value is cast to: the column's base type without its length/precision
   * modifier (a modifier would truncate or round the value and match the wrong rows), spelled
   * so that no modifier is implied (`bpchar`, `varbit`: `character` and `bit` mean length 1)
   */
  castType?: string;
}

const SCALARS: Record<string, ScalarKind> = {
  int2: 'int16',
  int4: 'int32',
  int8: 'int64',
  // 4-byte unsigned: oid's binary form is not an int8 (and regclass & co. print names, so stay text)
  oid: 'uint32',
  xid: 'uint32',
  cid: 'uint32',
  float4: 'float32',
  float8: 'float64',
  numeric: 'decimal',
  bool: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  json: 'json',
  jsonb: 'json',
};

/** The SQL spelling of a base type with no modifier, from its typname and format_type(oid, NULL). */
export function unmodifiedType(typname: string, formatted: string): string {
  if (typname === 'bpchar') return 'bpchar';
  if (typname === 'bit' || typname === 'varbit') return 'varbit';
  if (typname === '_bpchar') return 'bpchar[]';
  if (typname === '_bit' || typname === '_varbit') return 'varbit[]';
  return formatted;
}

/**
 * typname is the (domain-resolved) pg_type.typname (`_text` for text[]), elemTypname the
 * (domain-resolved) element's for arrays. int2vector/oidvector are typcategory 'A' too but print
 * as "1 2 3", not as array literals: they stay text.
 */
export function columnType(pgType: string, typname: string, elemTypname: string | null, extra: { dims?: number; castType?: string } = {}): ColumnType {
  // without the catalog's format_type(oid, NULL), the modifiers are cut from the printed type
  const castType = extra.castType ?? unmodifiedType(typname, pgType.replace(/\([^)]*\)/g, ''));
  if (typname.startsWith('_') && elemTypname) {
    return { pgType, kind: 'list', element: SCALARS[elemTypname] ?? 'string', dims: Math.max(1, extra.dims ?? 1), castType };
  }
  return { pgType, kind: SCALARS[typname] ?? 'string', castType };
}

export type Scalar = number | bigint | boolean | string | null;

/** One Postgres text value → a JS value. int8 → bigint; numeric stays a decimal string. */
export function parseScalar(kind: ScalarKind, text: string): Scalar {
  switch (kind) {
    case 'int16':
    case 'int32':
    case 'uint32':
      return Number(text);
    case 'int64':
      return BigInt(text);
    case 'float32':
    case 'float64':
      return text === 'NaN' ? NaN : text === 'Infinity' ? Infinity : text === '-Infinity' ? -Infinity : Number(text);
    case 'bool':
      return text === 't';
    default:
      return text;
  }
}
