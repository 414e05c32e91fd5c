import type { FittedPreprocess } from '../data/preprocess';
import type { DType } from '../data/frame';
import { rawInputs } from './preprocess-graph';

/**
 * How a raw value reaches an exported graph, per kind of input column: one definition that the
 * model card's "Inputs" table, the "try a row" form and its parser all use, so what the card
 * promises is what the form feeds.
 */
export type FeedKind = 'numeric' | 'boolean' | 'datetime' | 'categorical' | 'embedding';

export interface InputFeed {
  column: string;
  kind: FeedKind;
  /** the graph input it goes into and its position there */
  input: string;
  position: number;
  /** categorical: the categories seen in training (others go to the "other" slot) */
  categories?: string[];
}

/** One line on how to feed a value of this kind. */
export function feedRule(kind: FeedKind): string {
  switch (kind) {
    case 'numeric':
      return 'float32 as is (no scaling: the graph standardizes); NaN when missing';
    case 'boolean':
      return 'float32 1 for true, 0 for false; NaN when missing';
    case 'datetime':
      return 'float32 milliseconds since 1970-01-01T00:00:00Z (UTC epoch ms, e.g. 2024-03-01 → 1709251200000); NaN when missing';
    case 'categorical':
      return 'the category as the string written in the data (case and spaces matter); "" when missing; unseen strings share the "other" slot';
    case 'embedding':
      return 'one float32 per dimension of the JSON array, in order; NaN when missing';
  }
}

/** Text of a stored value as the form shows it: ISO date for datetimes, true/false for booleans. */
export function feedText(kind: FeedKind, v: number | string | null): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (Number.isNaN(v)) return '';
  if (kind === 'datetime') return new Date(v).toISOString();
  if (kind === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/**
 * The value fed for a typed text, or an error naming the column. Empty text means missing.
 * Dates without a zone are read as UTC, as the parser stored them.
 */
export function parseFeed(column: string, kind: FeedKind, text: string): { value: number | string } | { error: string } {
  const t = text.trim();
  if (kind === 'categorical') return { value: text };
  if (t === '') return { value: NaN };
  if (kind === 'boolean') {
    const l = t.toLowerCase();
    if (['true', '1', 'yes'].includes(l)) return { value: 1 };
    if (['false', '0', 'no'].includes(l)) return { value: 0 };
    return { error: `${column}: "${text}" is not true/false` };
  }
  if (kind === 'datetime') {
    if (/^-?\d+(\.\d+)?$/.test(t)) return { value: Number(t) };
    const zoned = /([zZ]|[+-]\d\d:?\d\d)$/.test(t) || !/\d[T ]\d/.test(t) ? t : `${t}Z`;
    const ms = Date.parse(/^\d{4}-\d\d-\d\d$/.test(zoned) ? `${zoned}T00:00:00Z` : zoned);
    return Number.isNaN(ms) ? { error: `${column}: "${text}" is not a date (use 2024-03-01 or 2024-03-01T12:00:00Z, or epoch ms)` } : { value: ms };
  }
  const v = Number(t);
  return Number.isFinite(v) ? { value: v } : { error: `${column}: "${text}" is not a number` };
}

/**
 * A raw-columns graph's inputs in feed order: `numeric` (numeric, boolean and datetime columns, as
 * float32) then `categorical` (strings). `dtypeOf` gives each column's stored type (absent: the
 * dataset is gone, and a numeric step is then described as plain numeric).
 */
export function tabularInputFeeds(pre: FittedPreprocess, dtypeOf: (column: string) => DType | undefined): InputFeed[] {
  const { numeric, categorical } = rawInputs(pre);
  const numKind = (c: string): FeedKind => {
    const t = dtypeOf(c);
    return t === 'boolean' || t === 'datetime' ? t : 'numeric';
  };
  const cats = new Map(pre.steps.flatMap((s) => (s.kind === 'onehot' ? [[s.column, s.categories] as const] : [])));
  return [
    ...numeric.map((column, position) => ({ column, kind: numKind(column), input: 'numeric', position })),
    ...categorical.map((column, position) => ({ column, kind: 'categorical' as const, input: 'categorical', position, categories: cats.get(column) })),
  ];
}

/**
 * A tree ensemble graph's inputs: `input` (float) takes a feature per numeric column and one per dimension
 * of an embedding column; `categorical` (strings) takes the categorical columns, each in its
 * input's column order. `categories` gives a categorical column's training categories.
 */
export function gbdtInputFeeds(widths: { column: string; width: number; kind: string }[], dtypeOf: (column: string) => DType | undefined, categories?: (column: string) => string[] | undefined): InputFeed[] {
  const out: InputFeed[] = [];
  let numeric = 0;
  let categorical = 0;
  for (const w of widths) {
    if (w.kind === 'categorical') {
      out.push({ column: w.column, kind: 'categorical', input: 'categorical', position: categorical++, categories: categories?.(w.column) });
      continue;
    }
    const t = dtypeOf(w.column);
    const kind: FeedKind = w.kind === 'embedding' ? 'embedding' : t === 'boolean' || t === 'datetime' ? t : 'numeric';
    out.push({ column: w.column, kind, input: 'input', position: numeric });
    numeric += w.width;
  }
  return out;
}

/** The model card's "Inputs" table: every column, the tensor and position it goes to, and how to encode it. */
export function inputsTable(feeds: InputFeed[]): string[] {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| column | input[position] | type | how to feed it |',
    '| --- | --- | --- | --- |',
    ...feeds.map((f) => `| \`${esc(f.column)}\` | \`${f.input}\`[${f.position}] | ${f.kind} | ${esc(feedRule(f.kind))}${f.categories ? ` (${f.categories.length} known: ${f.categories.slice(0, 8).map((c) => `"${esc(c)}"`).join(', ')}${f.categories.length > 8 ? ', …' : ''})` : ''} |`),
  ];
}
