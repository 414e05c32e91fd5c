import { StringDecoder } from 'node:string_decoder';
import type { CatalogColumn } from '../catalog';
import { CopyTextDecoder, type CopyTextSink } from './copy-text';
import { isoDate, isoTimestamp, jsonOneLine, parsePgArrayText, type PgArray } from './pg-text';
import type { ScalarKind } from './pg-types';

/** Postgres text of one value → its JSON text, written straight into the line. */
type ToJson = (text: string) => string;

/** what JSON.stringify escapes in a string: '"', '\\', control characters and (lone) surrogates */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** A JSON string, as JSON.stringify writes it, without its copy when nothing needs escaping. */
const quote = (t: string) => (NEEDS_ESCAPE.test(t) ? JSON.stringify(t) : `"${t}"`);
/** The inside of quote(t), for a string written in parts. */
const quoteInside = (t: string) => (NEEDS_ESCAPE.test(t) ? JSON.stringify(t).slice(1, -1) : t);
const EMPTY = Buffer.alloc(0);
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
      return int8 === 'string' ? quote : (t) => (SAFE_DIGITS.test(t) || Number.isSafeInteger(Number(t)) ? t : quote(t));
    case 'float32':
    case 'float64':
      // shortest round-trip output is valid JSON; NaN and ±Infinity have no JSON form and travel as strings
      return (t) => (t === 'NaN' || t === 'Infinity' || t === '-Infinity' ? quote(t) : t);
    case 'bool':
      return (t) => (t === 't' ? 'true' : 'false');
    case 'date':
      return (t) => quote(isoDate(t));
    case 'timestamp':
    case 'timestamptz':
      return (t) => quote(isoTimestamp(t));
    case 'json':
      // Postgres' own JSON text, spliced: big integers and numbers beyond double stay exact
      return jsonOneLine;
    default:
      // numeric (exact decimal text), text, uuid, interval, ranges …: Postgres text output as a string
      return quote;
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

/** Output text is turned into bytes at about this many characters: ~1–3 MiB chunks. */
const FLUSH_CHARS = 1 << 20;

/**
 * Text COPY bytes → JSON Lines bytes. Fields arrive as PostgreSQL's text output (the same
 * session settings as every export: TimeZone=UTC, DateStyle=ISO), each converted by its
 * column's converter; a long plain-string field is converted as it arrives, so it is never
 * held whole, neither as bytes nor as a JS string.
 */
export class JsonlFromCopyText implements CopyTextSink {
  readonly contentType = 'application/x-ndjson; charset=utf-8';
  private readonly decoder: CopyTextDecoder;
  private readonly conv: ToJson[];
  private readonly keys: string[];
  private readonly lineEnd: string;
  private text = '';
  private out: Buffer[] = [];
  /** the UTF-8 decoder of a string field being written in parts */
  private partial: StringDecoder | null = null;

  constructor(columns: CatalogColumn[], int8: 'int64' | 'string') {
    this.conv = columns.map((c) => converter(c, int8));
    this.keys = columns.map((c, i) => `${i ? ',' : '{'}${JSON.stringify(c.name)}:`);
    this.lineEnd = columns.length ? '}\n' : '{}\n';
    this.decoder = new CopyTextDecoder(columns.length, this);
  }

  get rows(): number {
    return this.decoder.rows;
  }

  /** Takes one COPY chunk (which it overwrites); returns the JSON Lines bytes ready so far. */
  push(chunk: Buffer): Buffer[] {
    this.decoder.push(chunk);
    return this.take(FLUSH_CHARS);
  }

  end(): Buffer[] {
    this.decoder.end();
    return this.take(1);
  }

  takesParts(col: number): boolean {
    return this.conv[col] === quote;
  }

  part(col: number, bytes: Buffer): void {
    if (!this.partial) {
      this.partial = new StringDecoder('utf8');
      this.text += this.keys[col] + '"';
    }
    this.write(quoteInside(this.partial.write(bytes)));
  }

  field(col: number, bytes: Buffer | null, start: number, end: number): void {
    if (this.partial) {
      this.write(quoteInside(this.partial.write(bytes?.subarray(start, end) ?? EMPTY) + this.partial.end()) + '"');
      this.partial = null;
      return;
    }
    this.text += this.keys[col] + (bytes === null ? 'null' : this.conv[col](bytes.toString('utf8', start, end)));
  }

  rowEnd(): void {
    this.write(this.lineEnd);
  }

  private write(s: string): void {
    this.text += s;
    if (this.text.length >= FLUSH_CHARS) this.flush();
  }

  private flush(): void {
    this.out.push(Buffer.from(this.text));
    this.text = '';
  }

  private take(atLeast: number): Buffer[] {
    if (this.text.length >= atLeast) this.flush();
    const out = this.out;
    this.out = [];
    return out;
  }
}
