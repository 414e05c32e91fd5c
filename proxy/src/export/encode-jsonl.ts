import type { CatalogColumn } from '../catalog';
import type { Encoder, EncoderFactory, TextRow } from './encoder';
import { isoDate, isoTimestamp, jsonOneLine, parsePgArrayText, type PgArray } from './pg-text';
import type { ScalarKind } from './pg-types';

/** Postgres text of one value → its JSON text, written straight into the line. */
type ToJson = (text: string) => string;

const str = (t: string) => JSON.stringify(t);
const SAFE_DIGITS = /^-?\d{1,15}$/;

function scalarToJson(kind: ScalarKind, int8: 'int64' | 'string'): ToJson {
  switch (kind) {
    case 'int16':
    case 'int32':
    case 'uint32':
      // Postgres prints these as plain JSON numbers
      return (t) => t;
    case 'int64':
      // JSON numbers lose int8 precision past 2^53: decimal strings unless asked otherwise and safe
      return int8 === 'string' ? str : (t) => (SAFE_DIGITS.test(t) || Number.isSafeInteger(Number(t)) ? t : str(t));
    case 'float32':
    case 'float64':
      // shortest round-trip output is valid JSON; NaN and ±Infinity have no JSON form and travel as strings
      return (t) => (t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? str(t) : t);
    case 'bool':
      return (t) => (t === 't' ? 'true' : 'false');
    case 'date':
      return (t) => str(isoDate(t));
    case 'timestamp':
    case 'timestamptz':
      return (t) => str(isoTimestamp(t));
    case 'json':
      // Postgres' own JSON text, spliced: big integers and numbers beyond double stay exact
      return jsonOneLine;
    default:
      // numeric (exact decimal text), text, uuid, interval, ranges …: Postgres text output as a string
      return str;
  }
}

function listToJson(a: PgArray, el: ToJson): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    s += (i ? ',' : '') + (v === null ? 'null' : typeof v === 'string' ? el(v) : listToJson(v, el));
  }
  return s + ']';
}

function converter(c: CatalogColumn, int8: 'int64' | 'string'): ToJson {
  if (c.type.kind === 'list') {
    const el = scalarToJson(c.type.element!, int8);
    // box is the one built-in type whose array elements are separated by ';'
    const delim = /^box\b/.test(c.type.pgType) ? ';' : ',';
    return (t) => listToJson(parsePgArrayText(t, delim), el);
  }
  return scalarToJson(c.type.kind, int8);
}

export const jsonlEncoder: EncoderFactory = (columns, { int8 }): Encoder => {
  const conv = columns.map((c) => converter(c, int8));
  const keys = columns.map((c, i) => `${i ? ',' : '{'}${JSON.stringify(c.name)}:`);
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    start: () => Buffer.alloc(0),
    batch: (rows: TextRow[]) => {
      let s = '';
      for (const row of rows) {
        for (let i = 0; i < row.length; i++) {
          const v = row[i];
          s += keys[i] + (v === null ? 'null' : conv[i](v));
        }
        s += row.length ? '}\n' : '{}\n';
      }
      return Buffer.from(s);
    },
    end: () => Buffer.alloc(0),
  };
};
