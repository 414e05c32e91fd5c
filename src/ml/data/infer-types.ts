import { booleanSpellings } from './boolean-levels';
import { detectDateFormat, parseDateAs, type DateFormatId } from './date-format';
import type { Column, DType } from './frame';
import { detectNumberFormat, parseNumberAs, type NumberFormatId } from './number-format';

/**
 * Column type inference from raw cells (strings from CSV, JSON values from JSONL, typed
 * values from Parquet). The order of checks matters: boolean before numeric (so 0/1 flags are
 * booleans), numeric before datetime (so years stay numbers), and id-like last, since it is a
 * judgement about a column that already has a type.
 */
export type RawCell = string | number | boolean | bigint | Date | null | undefined;

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?', '-']);
const TRUE_WORDS = new Set(['true', 't', 'yes', 'y']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ID_NAME = /(^id$|_id$|^id_|uuid|guid|(^|_)key$)/i;

export function isMissingCell(v: RawCell): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v === 'string') return MISSING.has(v.trim().toLowerCase());
  return false;
}

export function parseNumber(v: RawCell): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim();
    return NUMBER.test(s) ? Number(s) : NaN;
  }
  return NaN;
}

export function parseBoolean(v: RawCell): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) === 1 ? 1 : Number(v) === 0 ? 0 : NaN;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (TRUE_WORDS.has(s) || s === '1') return 1;
    if (FALSE_WORDS.has(s) || s === '0') return 0;
  }
  return NaN;
}

export function parseDatetime(v: RawCell): number {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'string' && ISO_DATE.test(v.trim())) {
    const s = v.trim();
    // A bare date or a time without zone is read as UTC, so a split cut never moves with the browser's zone.
    const withZone = /Z|[+-]\d{2}:?\d{2}$/.test(s.slice(10)) ? s : s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(' ', 'T')}Z`;
    return Date.parse(withZone);
  }
  return NaN;
}

function cellString(v: RawCell): string {
  if (v instanceof Date) return v.toISOString();
  return String(v).trim();
}

export interface InferOptions {
  /** above this many distinct values (and ratio), a non-numeric column with short values counts as id-like */
  idMinRows?: number;
}

/**
 * What inference found for one column: its type and, for numbers and dates read from text, the
 * format the whole column was read in (see number-format.ts and date-format.ts for the rules).
 * `ambiguous` says another format would also read every value, differently: the preview shows it
 * so the user can pick the other one.
 */
export interface ColumnSpec {
  dtype: DType;
  numberFormat?: NumberFormatId;
  dateFormat?: DateFormatId;
  ambiguous?: boolean;
  percent?: boolean;
  currency?: string;
}

function textCells(present: readonly RawCell[]): string[] {
  const out: string[] = [];
  for (const c of present) if (typeof c === 'string') out.push(c);
  return out;
}

function numericSpec(present: readonly RawCell[]): ColumnSpec | null {
  const texts = textCells(present);
  for (const c of present) if (typeof c !== 'string' && typeof c !== 'number' && typeof c !== 'bigint') return null;
  if (texts.length === 0) return present.every((c) => Number.isFinite(parseNumber(c))) ? { dtype: 'numeric' } : null;
  const found = detectNumberFormat(texts);
  if (!found) return null;
  // "1.234" read with a dot decimal could be 1234 with a dot grouping thousands, and "1,234" the other way round
  const twin: NumberFormatId | null = found.format === 'plain' ? 'comma-dot' : found.format === 'dot-comma' ? 'comma' : null;
  const sep = found.format === 'plain' ? '.' : ',';
  const ambiguous = twin !== null && texts.some((t) => t.includes(sep)) && texts.every((t) => Number.isFinite(parseNumberAs(t, twin)));
  return {
    dtype: 'numeric',
    numberFormat: found.format,
    ...(ambiguous ? { ambiguous } : {}),
    ...(found.affixes.percent ? { percent: true } : {}),
    ...(found.affixes.currency ? { currency: found.affixes.currency } : {}),
  };
}

function dateSpec(present: readonly RawCell[]): ColumnSpec | null {
  if (present.every((c) => c instanceof Date)) return { dtype: 'datetime' };
  if (!present.every((c) => typeof c === 'string' || c instanceof Date)) return null;
  const found = detectDateFormat(textCells(present));
  return found ? { dtype: 'datetime', dateFormat: found.format, ...(found.ambiguous ? { ambiguous: true } : {}) } : null;
}

export function inferSpec(name: string, cells: readonly RawCell[], opts: InferOptions = {}): ColumnSpec {
  const present = cells.filter((c) => !isMissingCell(c));
  if (present.length === 0) return { dtype: 'categorical' };
  if (present.every((c) => !Number.isNaN(parseBoolean(c))) && new Set(present.map((c) => parseBoolean(c))).size <= 2) {
    // a 0/1 integer column with a name like "count" is still a flag; that is how data scientists read it
    return { dtype: 'boolean' };
  }
  const idMinRows = opts.idMinRows ?? 20;
  const distinct = new Set(present.map(cellString)).size;
  const allDistinct = distinct === present.length && present.length >= idMinRows;
  const num = numericSpec(present);
  if (num) {
    if (allDistinct && ID_NAME.test(name) && (num.numberFormat ?? 'plain') === 'plain' && present.every((c) => Number.isInteger(parseNumber(c)))) return { dtype: 'id' };
    return num;
  }
  const date = dateSpec(present);
  if (date) return date;
  const strings = present.map(cellString);
  const avgLen = strings.reduce((s, x) => s + x.length, 0) / strings.length;
  const avgWords = strings.reduce((s, x) => s + x.split(/\s+/).length, 0) / strings.length;
  if (avgWords >= 5 || avgLen > 40) return { dtype: 'text' };
  if (allDistinct || (ID_NAME.test(name) && distinct > 0.9 * present.length)) return { dtype: 'id' };
  return { dtype: 'categorical' };
}

export function inferDType(name: string, cells: readonly RawCell[], opts: InferOptions = {}): DType {
  return inferSpec(name, cells, opts).dtype;
}

function numberReader(spec: Pick<ColumnSpec, 'numberFormat'>): (v: RawCell) => number {
  const f = spec.numberFormat;
  if (!f || f === 'plain') return parseNumber;
  return (v) => (typeof v === 'string' ? parseNumberAs(v, f) : parseNumber(v));
}

function dateReader(spec: Pick<ColumnSpec, 'dateFormat'>): (v: RawCell) => number {
  const f = spec.dateFormat;
  if (!f || f === 'iso') return parseDatetime;
  return (v) => (typeof v === 'string' ? parseDateAs(v, f) : parseDatetime(v));
}

/**
 * Converts raw cells to a typed column of the given dtype, numbers and dates read in the spec's
 * format. Unparseable cells become missing (the preview counts them, see countUnread).
 */
export function toColumn(name: string, dtype: DType, cells: readonly RawCell[], spec: Pick<ColumnSpec, 'numberFormat' | 'dateFormat'> = {}): Column {
  if (dtype === 'numeric' || dtype === 'boolean' || dtype === 'datetime') {
    const parse = dtype === 'numeric' ? numberReader(spec) : dtype === 'boolean' ? parseBoolean : dateReader(spec);
    const values = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) values[i] = isMissingCell(cells[i]) ? NaN : parse(cells[i]);
    return dtype === 'boolean' ? { name, dtype, values, levels: booleanSpellings(cells, values) } : { name, dtype, values };
  }
  return { name, dtype, values: cells.map((c) => (isMissingCell(c) ? null : cellString(c))) };
}

export function inferColumn(name: string, cells: readonly RawCell[], opts?: InferOptions): Column {
  const spec = inferSpec(name, cells, opts);
  return toColumn(name, spec.dtype, cells, spec);
}

/** Present cells that did not read as the column's type: what an override turns into missing values. */
export function countUnread(cells: readonly RawCell[], col: Column): number {
  let n = 0;
  for (let i = 0; i < cells.length; i++) if (!isMissingCell(cells[i]) && (col.dtype === 'numeric' || col.dtype === 'boolean' || col.dtype === 'datetime') && Number.isNaN(col.values[i] as number)) n++;
  return n;
}
