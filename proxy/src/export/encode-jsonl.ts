import type { CatalogColumn } from '../catalog';
import type { Encoder, EncoderFactory, TextRow } from './encoder';
import { dateDays, isoFromMicros, parseList, parseScalar, timestampMicros, type ScalarKind } from './pg-types';

type ToJson = (text: string) => unknown;

function scalarToJson(kind: ScalarKind, int8: 'int64' | 'string'): ToJson {
  switch (kind) {
    case 'int64':
      // JSON numbers lose int8 precision past 2^53: decimal strings unless asked otherwise and safe
      return int8 === 'string' ? (t) => t : (t) => (Number.isSafeInteger(Number(t)) ? Number(t) : t);
    case 'timestamp':
    case 'timestamptz':
      return (t) => isoFromMicros(timestampMicros(t));
    case 'date':
      return (t) => new Date(dateDays(t) * 86_400_000).toISOString().slice(0, 10);
    case 'json':
      return (t) => JSON.parse(t);
    case 'float32':
    case 'float64':
      // NaN and ±Infinity have no JSON form; they travel as strings
      return (t) => (/^-?\d/.test(t) ? Number(t) : t);
    default:
      return (t) => parseScalar(kind, t);
  }
}

function converter(c: CatalogColumn, int8: 'int64' | 'string'): ToJson {
  if (c.type.kind === 'list') {
    const el = scalarToJson(c.type.element!, int8);
    return (t) => parseList('string', t).map((v) => (v === null ? null : el(v as string)));
  }
  return scalarToJson(c.type.kind, int8);
}

export const jsonlEncoder: EncoderFactory = (columns, { int8 }): Encoder => {
  const conv = columns.map((c) => converter(c, int8));
  const keys = columns.map((c) => JSON.stringify(c.name));
  return {
    contentType: 'application/x-ndjson; charset=utf-8',
    start: () => Buffer.alloc(0),
    batch: (rows: TextRow[]) => {
      let s = '';
      for (const row of rows) {
        s += '{';
        for (let i = 0; i < row.length; i++) {
          const v = row[i];
          s += `${i ? ',' : ''}${keys[i]}:${v === null ? 'null' : JSON.stringify(conv[i](v))}`;
        }
        s += '}\n';
      }
      return Buffer.from(s);
    },
    end: () => Buffer.alloc(0),
  };
};
