import { parse as parseCsv } from 'csv-parse/sync';
import { tableFromIPC, type Vector } from 'apache-arrow';
import { parse as parsePgArray } from 'postgres-array';
import type { ScalarKind } from '../src/export/pg-types';

/**
 * Canonical forms for comparing exported values with what SELECT returns: exact strings for
 * int8, decimals and timestamps (microseconds), numbers for floats, parsed JSON re-serialized.
 */
export type Canon = string | number | boolean | null | Canon[];
export interface ColKind {
  name: string;
  kind: ScalarKind | 'list';
  element?: ScalarKind;
}

function micros(ts: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(ts);
  if (!m) throw new Error(`bad timestamp ${ts}`);
  const [, y, mo, d, h, mi, s, frac = '', zone = ''] = m;
  let us = BigInt(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s)) * 1000n + BigInt((frac + '000000').slice(0, 6));
  const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (z) us += BigInt((z[1] === '+' ? -1 : 1) * (+z[2] * 3600 + +(z[3] ?? 0) * 60) * 1_000_000);
  return us.toString();
}

/** From Postgres text output (what SELECT returns with raw text parsing, and what CSV carries). */
export function canonFromText(c: { kind: ScalarKind | 'list'; element?: ScalarKind }, t: string | null): Canon {
  if (t === null) return null;
  switch (c.kind) {
    case 'list':
      return (parsePgArray(t, (v: string) => v) as (string | null)[]).map((v) => canonFromText({ kind: c.element! }, v));
    case 'int16':
    case 'int32':
    case 'float64':
      return Number(t);
    case 'float32':
      return Math.fround(Number(t));
    case 'int64':
      return BigInt(t).toString();
    case 'bool':
      return t === 't';
    case 'timestamp':
    case 'timestamptz':
      return micros(t);
    case 'json':
      return JSON.stringify(JSON.parse(t));
    default:
      return t;
  }
}

export function canonFromJson(c: ColKind | { kind: ScalarKind; element?: undefined }, v: unknown): Canon {
  if (v === null || v === undefined) return null;
  switch (c.kind) {
    case 'list':
      return (v as unknown[]).map((x) => canonFromJson({ kind: c.element! }, x));
    case 'int64':
      return BigInt(v as string | number).toString();
    case 'float32':
      return Math.fround(v as number);
    case 'timestamp':
    case 'timestamptz':
      return micros(v as string);
    case 'json':
      return JSON.stringify(v);
    case 'decimal':
    case 'string':
    case 'date':
      return v as string;
    default:
      return v as number | boolean;
  }
}

export function decodeCsv(text: string): { header: string[]; rows: (string | null)[][] } {
  const records = parseCsv(text, {
    // an unquoted empty field is NULL, a quoted "" is the empty string
    cast: (value: string, ctx: { quoting: boolean }) => (value === '' && !ctx.quoting ? null : value),
    relax_column_count: false,
  }) as (string | null)[][];
  return { header: records[0] as string[], rows: records.slice(1) };
}

function arrowCanon(c: ColKind, vec: Vector, i: number): Canon {
  if (!vec.isValid(i)) return null;
  const v: unknown = vec.get(i);
  switch (c.kind) {
    case 'list': {
      const inner = v as Vector;
      return Array.from({ length: inner.length }, (_, k) => arrowCanon({ name: '', kind: c.element! }, inner, k));
    }
    case 'int64':
      return (v as bigint).toString();
    case 'timestamp':
    case 'timestamptz': {
      // read the raw int64 microseconds, not arrow-js's millisecond number
      let idx = i;
      for (const d of vec.data) {
        if (idx < d.length) return (d.values as BigInt64Array)[d.offset + idx].toString();
        idx -= d.length;
      }
      throw new Error('index out of range');
    }
    case 'date':
      return new Date(v as number).toISOString().slice(0, 10);
    case 'json':
      return JSON.stringify(JSON.parse(v as string));
    default:
      return v as Canon;
  }
}

export function decodeArrow(bytes: Uint8Array, cols: ColKind[]): { names: string[]; rows: Canon[][]; pgTypes: (string | null)[] } {
  const table = tableFromIPC(bytes);
  const names = table.schema.fields.map((f) => f.name);
  const vecs = cols.map((c) => table.getChild(c.name)!);
  const rows = Array.from({ length: table.numRows }, (_, i) => cols.map((c, k) => arrowCanon(c, vecs[k], i)));
  return { names, rows, pgTypes: table.schema.fields.map((f) => f.metadata.get('kiln.pg_type') ?? null) };
}
