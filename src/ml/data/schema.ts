import { DATE_FORMATS, parseDateAs, type DateFormatId } from './date-format';
import { cellText, isNumericColumn, type Column, type DType, type Frame } from './frame';
import { countUnread, isMissingCell, toColumn, type ColumnSpec, type RawCell } from './infer-types';
import { NUMBER_FORMATS, parseNumberAs, type NumberFormatId } from './number-format';

/**
 * A dataset's schema: what import detected per column and what the user overrode. It is stored
 * with the dataset and copied onto every run that uses it, so a run re-reads its data exactly as
 * it was typed when it trained (reproducible), and its export and model card describe the
 * features it really had.
 */
export type ColumnType = DType | 'ignore';

export interface ColumnOverride {
  type: ColumnType;
  numberFormat?: NumberFormatId;
  dateFormat?: DateFormatId;
}

export interface DatasetSchema {
  detected: Record<string, ColumnSpec>;
  overrides: Record<string, ColumnOverride>;
}

export const EMPTY_SCHEMA: DatasetSchema = { detected: {}, overrides: {} };

/**
 * The original text of the columns import converted from a locale-specific or ambiguous format:
 * re-reading them in another format (or as categories, "76,98" rather than 76.98) needs the
 * text as written. Other columns convert from their stored values.
 */
export type RawText = Record<string, (string | null)[]>;

/** Whether import keeps a column's text: only where another reading of it is plausible. */
export function keepsText(spec: ColumnSpec): boolean {
  return spec.ambiguous === true || (spec.numberFormat !== undefined && spec.numberFormat !== 'plain') || (spec.dateFormat !== undefined && spec.dateFormat !== 'iso') || spec.percent === true || spec.currency !== undefined;
}

function sourceCells(col: Column, raw: (string | null)[] | undefined): RawCell[] {
  if (raw) return raw;
  const out: RawCell[] = new Array<RawCell>(col.values.length);
  if (isNumericColumn(col) && col.dtype === 'numeric') {
    for (let i = 0; i < out.length; i++) out[i] = col.values[i];
    return out;
  }
  for (let i = 0; i < out.length; i++) out[i] = cellText(col, i);
  return out;
}

export interface AppliedColumn {
  name: string;
  /** the type the frame has after overrides; 'ignore' = not in the frame */
  type: ColumnType;
  overridden: boolean;
  /** present values that did not read as the overridden type and became missing */
  unread: number;
}

export interface AppliedSchema {
  frame: Frame;
  columns: AppliedColumn[];
}

function bestFormat<F extends string>(cells: readonly RawCell[], formats: readonly F[], read: (s: string, f: F) => number): F {
  let best = formats[0];
  let bestCount = -1;
  for (const f of formats) {
    let n = 0;
    for (const c of cells) if (typeof c === 'string' && !isMissingCell(c) && !Number.isNaN(read(c, f))) n++;
    if (n > bestCount) [best, bestCount] = [f, n];
  }
  return best;
}

function convert(col: Column, o: ColumnOverride, raw: (string | null)[] | undefined): { column: Column; unread: number } {
  const t = o.type as DType;
  // a stored datetime or boolean is already what a numeric override wants; only text needs reading
  if (t === col.dtype && !raw) return { column: col, unread: 0 };
  if (isNumericColumn(col) && !raw && t === 'numeric') {
    return { column: { name: col.name, dtype: t as 'numeric', values: col.values }, unread: 0 };
  }
  const cells = sourceCells(col, raw);
  if (t === 'datetime' && isNumericColumn(col) && col.dtype === 'numeric' && !raw) {
    // numbers typed as dates are epoch milliseconds, the form every date takes inside Kiln
    return { column: { name: col.name, dtype: 'datetime', values: col.values }, unread: 0 };
  }
  let spec: Pick<ColumnSpec, 'numberFormat' | 'dateFormat'> = { numberFormat: o.numberFormat, dateFormat: o.dateFormat };
  if ((t === 'numeric' && !o.numberFormat) || (t === 'datetime' && !o.dateFormat)) {
    // no format chosen: read the column in the format most of its own values show
    spec = { numberFormat: o.numberFormat ?? bestFormat(cells, NUMBER_FORMATS.map((f) => f.id), parseNumberAs), dateFormat: o.dateFormat ?? bestFormat(cells, DATE_FORMATS, parseDateAs) };
  }
  const column = toColumn(col.name, t, cells, spec);
  return { column, unread: countUnread(cells, column) };
}

/**
 * The frame models see: stored columns with the user's overrides applied, ignored columns left
 * out. The stored data is never changed, so an override can always be undone.
 */
export function applySchema(stored: Frame, schema: DatasetSchema, raw: RawText = {}): AppliedSchema {
  const columns: Column[] = [];
  const info: AppliedColumn[] = [];
  for (const col of stored.columns) {
    const o = schema.overrides[col.name];
    if (!o) {
      columns.push(col);
      info.push({ name: col.name, type: col.dtype, overridden: false, unread: 0 });
    } else if (o.type === 'ignore') {
      info.push({ name: col.name, type: 'ignore', overridden: true, unread: 0 });
    } else {
      const { column, unread } = convert(col, o, raw[col.name]);
      columns.push(column);
      info.push({ name: col.name, type: column.dtype, overridden: true, unread });
    }
  }
  return { frame: { rowCount: stored.rowCount, columns }, columns: info };
}

/** Only what is needed to re-read a run's data: the overrides (detected formats are stored with each column). */
export function isEmptySchema(s: DatasetSchema | undefined): boolean {
  return !s || Object.keys(s.overrides).length === 0;
}

const TYPE_WORDS: Record<DType, string> = { numeric: 'numeric', boolean: 'boolean (0/1)', datetime: 'date (epoch milliseconds, UTC)', categorical: 'categorical', text: 'text', id: 'id' };

/**
 * One line per feature for a model card: the type the model saw, how the file wrote it (the
 * format import read it in) and whether the user overrode the detected type, so whoever feeds
 * the model converts the raw values the same way.
 */
export function featureTypeLines(features: readonly string[], schema: DatasetSchema): string[] {
  return features.map((f) => {
    const det = schema.detected[f];
    const o = schema.overrides[f];
    const type = (o && o.type !== 'ignore' ? o.type : det?.dtype) ?? 'numeric';
    const numberFormat = o?.numberFormat ?? (o ? undefined : det?.numberFormat);
    const dateFormat = o?.dateFormat ?? (o ? undefined : det?.dateFormat);
    const notes: string[] = [];
    if (type === 'numeric' && numberFormat && numberFormat !== 'plain') notes.push(`written as ${NUMBER_FORMATS.find((x) => x.id === numberFormat)?.label ?? numberFormat} in the file`);
    if (type === 'numeric' && !o && det?.percent) notes.push('percent values as written (12,5 % is 12.5)');
    if (type === 'numeric' && !o && det?.currency) notes.push(`amounts in ${det.currency}`);
    if (type === 'datetime' && dateFormat) notes.push(`written as ${dateFormat} in the file`);
    if (o && det && o.type !== det.dtype) notes.push(`set by the user, detected as ${det.dtype}`);
    return `\`${f}\`: ${TYPE_WORDS[type]}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
}
