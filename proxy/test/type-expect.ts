import { tableFromIPC, type Data } from 'apache-arrow';
import { parse as parsePgArray } from 'postgres-array';
import { parseLossless, type LosslessJson } from './lossless-json';

/**
 * What each export format must carry for a value whose PostgreSQL text output is `t`, written
 * from the README's type-mapping table, independently of the proxy's encoders.
 */
export type Kind = 'int' | 'int64' | 'float32' | 'float64' | 'bool' | 'date' | 'timestamp' | 'json' | 'text';

const KINDS: Record<string, Kind> = {
  smallint: 'int',
  integer: 'int',
  kiln_tm_small: 'int',
  oid: 'int',
  xid: 'int',
  bigint: 'int64',
  real: 'float32',
  'double precision': 'float64',
  boolean: 'bool',
  date: 'date',
  timestamp: 'timestamp',
  timestamptz: 'timestamp',
  'timestamp(3) with time zone': 'timestamp',
  kiln_tm_stamp: 'timestamp',
  json: 'json',
  jsonb: 'json',
};

export function kindOf(sqlType: string): { kind: Kind; dims: number } {
  const dims = (sqlType.match(/\[\]/g) ?? []).length;
  return { kind: KINDS[sqlType.replace(/\[\]/g, '')] ?? 'text', dims };
}

/** days since 1970-01-01 of a proleptic Gregorian date, astronomical year (H. Hinnant's days_from_civil) */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const PG_DATE = /^(\d+)-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d+))?(?:\+00)?)?( BC)?$/;

function parsePgDate(t: string) {
  const m = PG_DATE.exec(t);
  if (!m) throw new Error(`test cannot read date/time "${t}"`);
  const year = m[8] ? 1 - Number(m[1]) : Number(m[1]);
  return { year, mo: m[2], d: m[3], days: daysFromCivil(year, Number(m[2]), Number(m[3])), time: m[4] ? `${m[4]}:${m[5]}:${m[6]}` : null, secs: m[4] ? Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]) : 0, frac: (m[7] ?? '').padEnd(6, '0') };
}

const isoYear = (y: number) => (y >= 0 && y <= 9999 ? String(y).padStart(4, '0') : `${y < 0 ? '-' : '+'}${String(Math.abs(y)).padStart(6, '0')}`);
const fmtFloat = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

export type ArrowCanon = string | boolean | null | ArrowCanon[];

export function expectArrow(kind: Kind, t: string | null, dims: number): ArrowCanon {
  if (t === null) return null;
  if (dims > 0) return (parsePgArray(t, (x: string) => x) as unknown[]).map((x) => (Array.isArray(x) ? expectArrowNested(kind, x) : expectArrow(kind, x as string | null, 0)));
  switch (kind) {
    case 'int':
    case 'int64':
      return t;
    case 'float32':
      return fmtFloat(Math.fround(Number(t)));
    case 'float64':
      return fmtFloat(Number(t));
    case 'bool':
      return t === 't';
    case 'date':
      return t === 'infinity' ? '2147483647' : t === '-infinity' ? '-2147483648' : String(parsePgDate(t).days);
    case 'timestamp': {
      if (t === 'infinity') return '9223372036854775807';
      if (t === '-infinity') return '-9223372036854775808';
      const p = parsePgDate(t);
      return (BigInt(p.days) * 86_400_000_000n + BigInt(p.secs) * 1_000_000n + BigInt(p.frac)).toString();
    }
    default:
      return t;
  }
}

function expectArrowNested(kind: Kind, x: unknown[]): ArrowCanon {
  return x.map((y) => (Array.isArray(y) ? expectArrowNested(kind, y) : expectArrow(kind, y as string | null, 0)));
}

export function expectJson(kind: Kind, t: string | null, dims: number): LosslessJson {
  if (t === null) return null;
  if (dims > 0) {
    const walk = (x: unknown): LosslessJson => (Array.isArray(x) ? x.map(walk) : expectJson(kind, x as string | null, 0));
    return walk(parsePgArray(t, (x: string) => x));
  }
  switch (kind) {
    case 'int':
      return { num: t };
    case 'int64':
      return Number.isSafeInteger(Number(t)) ? { num: t } : t;
    case 'float32':
    case 'float64':
      return ['NaN', 'Infinity', '-Infinity'].includes(t) ? t : { num: t };
    case 'bool':
      return t === 't';
    case 'date':
    case 'timestamp': {
      if (t === 'infinity' || t === '-infinity') return t;
      const p = parsePgDate(t);
      const date = `${isoYear(p.year)}-${p.mo}-${p.d}`;
      if (p.time === null) return date;
      return `${date}T${p.time}.${p.frac.endsWith('000') ? p.frac.slice(0, 3) : p.frac}Z`;
    }
    case 'json':
      return parseLossless(t);
    default:
      return t;
  }
}

/** A value of an Arrow column read from its raw buffers (timestamps as int64 µs, dates as int32 days). */
export function arrowRaw(data: Data, i: number): ArrowCanon {
  if (!data.getValid(i)) return null;
  const type = data.type as { typeId: number; bitWidth?: number };
  const j = data.offset + i;
  switch (type.typeId) {
    case 12: {
      // List
      const offs = data.valueOffsets;
      return Array.from({ length: offs[j + 1] - offs[j] }, (_, k) => arrowRaw(data.children[0], offs[j] + k));
    }
    case 5: {
      // Utf8
      const offs = data.valueOffsets;
      return Buffer.from(data.values.buffer, data.values.byteOffset + offs[j], offs[j + 1] - offs[j]).toString('utf8');
    }
    case 6:
      return ((data.values[j >> 3] >> (j & 7)) & 1) === 1;
    case 3:
      return fmtFloat(data.values[j] as number);
    default:
      return String(data.values[j]);
  }
}

export function decodeArrowColumns(bytes: Uint8Array): { names: string[]; types: string[]; pgTypes: (string | undefined)[]; column: (name: string) => ArrowCanon[] } {
  const table = tableFromIPC(bytes);
  return {
    names: table.schema.fields.map((f) => f.name),
    types: table.schema.fields.map((f) => String(f.type)),
    pgTypes: table.schema.fields.map((f) => f.metadata.get('kiln.pg_type')),
    column: (name) => {
      const vec = table.getChild(name)!;
      return vec.data.flatMap((d) => Array.from({ length: d.length }, (_, i) => arrowRaw(d, i)));
    },
  };
}
