import { parse as parsePgArray } from 'postgres-array';

/**
 * Postgres types → what the proxy emits. Values arrive as Postgres text output (TimeZone=UTC,
 * DateStyle=ISO), and are parsed here once per value kind.
 */
export type ScalarKind = 'int16' | 'int32' | 'int64' | 'float32' | 'float64' | 'decimal' | 'bool' | 'string' | 'date' | 'timestamp' | 'timestamptz' | 'json';

export interface ColumnType {
  /** Postgres type name as format_type prints it, e.g. "numeric(10,2)", "text[]" */
  pgType: string;
  kind: ScalarKind | 'list';
  element?: ScalarKind;
}

const SCALARS: Record<string, ScalarKind> = {
  int2: 'int16',
  int4: 'int32',
  int8: 'int64',
  oid: 'int64',
  float4: 'float32',
  float8: 'float64',
  numeric: 'decimal',
  money: 'string',
  bool: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  json: 'json',
  jsonb: 'json',
};

/** typname is pg_type.typname (`_text` for text[]), elemTypname the element's for arrays. */
export function columnType(pgType: string, typname: string, elemTypname: string | null): ColumnType {
  if (typname.startsWith('_') && elemTypname) return { pgType, kind: 'list', element: SCALARS[elemTypname] ?? 'string' };
  return { pgType, kind: SCALARS[typname] ?? 'string' };
}

export type Scalar = number | bigint | boolean | string | null;

/** Microseconds since the Unix epoch of Postgres' ISO timestamp text, exactly (no float rounding). */
export function timestampMicros(text: string): bigint {
  const m = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::(\d{2}))?)?( BC)?$/.exec(text);
  if (!m) {
    if (text === 'infinity' || text === '-infinity') throw new RangeError(`timestamp ${text} has no Arrow/JSON representation`);
    throw new RangeError(`unexpected timestamp text "${text}"`);
  }
  const [, y, mo, d, h, mi, s, frac = '', sign, oh = '0', om = '0', os = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  let micros = BigInt(ms) * 1000n + BigInt(frac.padEnd(6, '0') || '0');
  if (sign) {
    const off = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * 1_000_000;
    micros += BigInt(sign === '+' ? -off : off);
  }
  return micros;
}

export function dateDays(text: string): number {
  const [y, m, d] = text.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function isoFromMicros(us: bigint): string {
  const ms = Number(us / 1000n);
  const rest = Number(((us % 1000n) + 1000n) % 1000n);
  const base = new Date(ms - (us < 0n && rest ? 1 : 0)).toISOString();
  return rest ? base.replace(/Z$/, `${String(rest).padStart(3, '0')}Z`) : base;
}

/** One Postgres text value → a JS value for JSON/Arrow. int8 → bigint; numeric stays a decimal string. */
export function parseScalar(kind: ScalarKind, text: string): Scalar {
  switch (kind) {
    case 'int16':
    case 'int32':
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

export function parseList(element: ScalarKind, text: string): (Scalar | null)[] {
  return parsePgArray(text, (v: string) => v).map((v) => (v === null ? null : parseScalar(element, v as string)));
}
