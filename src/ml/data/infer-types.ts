import { booleanSpellings } from './boolean-levels';
import type { Column, DType } from './frame';

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

function parseBoolean(v: RawCell): number {
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

export function inferDType(name: string, cells: readonly RawCell[], opts: InferOptions = {}): DType {
  const present = cells.filter((c) => !isMissingCell(c));
  if (present.length === 0) return 'categorical';
  if (present.every((c) => !Number.isNaN(parseBoolean(c))) && new Set(present.map((c) => parseBoolean(c))).size <= 2) {
    // a 0/1 integer column with a name like "count" is still a flag; that is how data scientists read it
    return 'boolean';
  }
  const idMinRows = opts.idMinRows ?? 20;
  const distinct = new Set(present.map(cellString)).size;
  const allDistinct = distinct === present.length && present.length >= idMinRows;
  if (present.every((c) => Number.isFinite(parseNumber(c)))) {
    if (allDistinct && ID_NAME.test(name) && present.every((c) => Number.isInteger(parseNumber(c)))) return 'id';
    return 'numeric';
  }
  if (present.every((c) => !Number.isNaN(parseDatetime(c)))) return 'datetime';
  const strings = present.map(cellString);
  const avgLen = strings.reduce((s, x) => s + x.length, 0) / strings.length;
  const avgWords = strings.reduce((s, x) => s + x.split(/\s+/).length, 0) / strings.length;
  if (avgWords >= 5 || avgLen > 40) return 'text';
  if (allDistinct || (ID_NAME.test(name) && distinct > 0.9 * present.length)) return 'id';
  return 'categorical';
}

/** Converts raw cells to a typed column of the given dtype. Unparseable cells become missing. */
export function toColumn(name: string, dtype: DType, cells: readonly RawCell[]): Column {
  if (dtype === 'numeric' || dtype === 'boolean' || dtype === 'datetime') {
    const parse = dtype === 'numeric' ? parseNumber : dtype === 'boolean' ? parseBoolean : parseDatetime;
    const values = new Float64Array(cells.length);
    for (let i = 0; i < cells.length; i++) values[i] = isMissingCell(cells[i]) ? NaN : parse(cells[i]);
    return dtype === 'boolean' ? { name, dtype, values, levels: booleanSpellings(cells, values) } : { name, dtype, values };
  }
  return { name, dtype, values: cells.map((c) => (isMissingCell(c) ? null : cellString(c))) };
}

export function inferColumn(name: string, cells: readonly RawCell[], opts?: InferOptions): Column {
  return toColumn(name, inferDType(name, cells, opts), cells);
}
