import { float32Decimal } from '../../data/float32-decimal';
import type { ItemPool } from './items';
import { isPairValue, type PairLabel, type PairValue } from './labels';

/** An item as the JSONL format carries it. */
export interface JsonlItem {
  id: string;
  item_type?: string;
  embedding?: number[];
  metrics?: Record<string, number>;
}

/** One line of the labels format our users already keep. */
export interface JsonlLabel {
  item_a: JsonlItem;
  item_b: JsonlItem;
  label: PairValue;
  reason_tags: string[];
  similarity?: number;
  labeled_at: string;
  labeler?: string;
  note?: string;
}

export interface LineError {
  /** 1-based, as an editor shows it */
  line: number;
  message: string;
}

export interface ParsedJsonl {
  labels: { line: number; value: JsonlLabel }[];
  errors: LineError[];
  /** non-blank lines read */
  lines: number;
}

function item(v: unknown, field: string): JsonlItem | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return `"${field}" must be an object with an "id"`;
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return `"${field}.id" must be a string or a number`;
  if (o.id === '') return `"${field}.id" is empty`;
  if (o.item_type !== undefined && typeof o.item_type !== 'string') return `"${field}.item_type" must be a string`;
  if (o.embedding !== undefined && (!Array.isArray(o.embedding) || !o.embedding.every((x) => typeof x === 'number' && Number.isFinite(x)))) return `"${field}.embedding" must be an array of finite numbers`;
  if (o.metrics !== undefined && (typeof o.metrics !== 'object' || o.metrics === null || Array.isArray(o.metrics) || !Object.values(o.metrics).every((x) => typeof x === 'number' || x === null))) return `"${field}.metrics" must be an object of numbers`;
  return { id: String(o.id), item_type: o.item_type as string | undefined, embedding: o.embedding as number[] | undefined, metrics: o.metrics as Record<string, number> | undefined };
}

/** Why a parsed line is not a label, or null when it is one. */
function validate(v: unknown): JsonlLabel | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'expected a JSON object';
  const o = v as Record<string, unknown>;
  const a = item(o.item_a, 'item_a');
  if (typeof a === 'string') return a;
  const b = item(o.item_b, 'item_b');
  if (typeof b === 'string') return b;
  if (a.id === b.id) return `"item_a" and "item_b" are the same item ("${a.id}")`;
  if (!isPairValue(o.label)) return `"label" must be 1 (A better), 0 (tie) or -1 (B better), found ${JSON.stringify(o.label)}`;
  const tags = o.reason_tags ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) return '"reason_tags" must be an array of strings';
  if (o.similarity !== undefined && o.similarity !== null && (typeof o.similarity !== 'number' || !Number.isFinite(o.similarity))) return '"similarity" must be a number';
  if (typeof o.labeled_at !== 'string' || Number.isNaN(Date.parse(o.labeled_at))) return '"labeled_at" must be an ISO date-time string';
  if (o.labeler !== undefined && o.labeler !== null && typeof o.labeler !== 'string') return '"labeler" must be a string';
  if (o.note !== undefined && o.note !== null && typeof o.note !== 'string') return '"note" must be a string';
  return {
    item_a: a,
    item_b: b,
    label: o.label,
    reason_tags: tags as string[],
    ...(typeof o.similarity === 'number' ? { similarity: o.similarity } : {}),
    labeled_at: o.labeled_at,
    ...(typeof o.labeler === 'string' ? { labeler: o.labeler } : {}),
    ...(typeof o.note === 'string' ? { note: o.note } : {}),
  };
}

/** Reads every line; a bad line is reported by number and the good ones are kept. Blank lines are skipped. */
export function parseLabelsJsonl(text: string): ParsedJsonl {
  const out: ParsedJsonl = { labels: [], errors: [], lines: 0 };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    out.lines++;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      out.errors.push({ line: i + 1, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` });
      continue;
    }
    const r = validate(v);
    if (typeof r === 'string') out.errors.push({ line: i + 1, message: r });
    else out.labels.push({ line: i + 1, value: r });
  }
  return out;
}

/** What the labeler needs of the pool to write items as the format has them. */
export interface ItemLookup {
  itemType: string;
  embedding?: (id: string) => number[] | undefined;
  metrics?: (id: string) => Record<string, number> | undefined;
}

/**
 * The lookup for a pool's items: metrics (first `metricCount` features, missing ones left out)
 * and the embedding (the rest). The pool holds float32s; each is written as the shortest decimal
 * of that float32 (-1.846, not its float64 widening -1.8459999561309814), which is what the
 * source file said, to float32 precision.
 */
export function poolItemLookup(pool: Pick<ItemPool, 'ids' | 'dim' | 'features' | 'metricCount'>, itemType: string, metricColumns: readonly string[]): ItemLookup {
  const index = new Map(pool.ids.map((id, i) => [id, i]));
  const at = pool.metricCount;
  return {
    itemType,
    embedding:
      pool.dim > at
        ? (id) => {
            const i = index.get(id);
            return i === undefined ? undefined : Array.from(pool.features.subarray(i * pool.dim + at, (i + 1) * pool.dim), float32Decimal);
          }
        : undefined,
    metrics: at
      ? (id) => {
          const i = index.get(id);
          if (i === undefined) return undefined;
          const out: Record<string, number> = {};
          metricColumns.slice(0, at).forEach((m, j) => {
            const v = pool.features[i * pool.dim + j];
            if (Number.isFinite(v)) out[m] = float32Decimal(v);
          });
          return out;
        }
      : undefined,
  };
}

function itemJson(id: string, items: ItemLookup): JsonlItem {
  const embedding = items.embedding?.(id);
  const metrics = items.metrics?.(id);
  return { id, item_type: items.itemType, ...(embedding ? { embedding } : {}), ...(metrics ? { metrics } : {}) };
}

export function labelToJsonl(l: PairLabel, items: ItemLookup): JsonlLabel {
  return {
    item_a: itemJson(l.a, items),
    item_b: itemJson(l.b, items),
    label: l.label,
    reason_tags: l.reasonTags,
    ...(l.similarity !== undefined ? { similarity: l.similarity } : {}),
    labeled_at: new Date(l.labeledAt).toISOString(),
    ...(l.labeler ? { labeler: l.labeler } : {}),
    ...(l.note ? { note: l.note } : {}),
  };
}

/** Labels in time order, one JSON object per line, newline-terminated. */
export function labelsToJsonl(labels: readonly PairLabel[], items: ItemLookup): string {
  return [...labels]
    .sort((x, y) => x.labeledAt - y.labeledAt)
    .map((l) => JSON.stringify(labelToJsonl(l, items)) + '\n')
    .join('');
}

export interface PoolImport {
  labels: Omit<PairLabel, 'id'>[];
  /** lines whose items are not in the pool */
  unknownItems: LineError[];
  /** lines equal to a label the pool already has (same pair, value and time) */
  duplicates: number;
}

/** Parsed lines as labels of one pool; lines naming unknown items are reported, exact repeats skipped. */
export function labelsForPool(parsed: ParsedJsonl['labels'], poolId: string, poolIds: ReadonlySet<string>, existing: readonly PairLabel[]): PoolImport {
  const key = (a: string, b: string, label: number, at: number) => `${a}\u0000${b}\u0000${label}\u0000${at}`;
  const have = new Set(existing.map((l) => key(l.a, l.b, l.label, l.labeledAt)));
  const out: PoolImport = { labels: [], unknownItems: [], duplicates: 0 };
  for (const { line, value: v } of parsed) {
    const missing = [v.item_a.id, v.item_b.id].filter((id) => !poolIds.has(id));
    if (missing.length) {
      out.unknownItems.push({ line, message: `item${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(' and ')} not in this pool` });
      continue;
    }
    const labeledAt = Date.parse(v.labeled_at);
    const k = key(v.item_a.id, v.item_b.id, v.label, labeledAt);
    if (have.has(k)) {
      out.duplicates++;
      continue;
    }
    have.add(k);
    out.labels.push({
      poolId,
      a: v.item_a.id,
      b: v.item_b.id,
      label: v.label,
      reasonTags: v.reason_tags,
      ...(v.note ? { note: v.note } : {}),
      ...(v.similarity !== undefined ? { similarity: v.similarity } : {}),
      labeledAt,
      ...(v.labeler ? { labeler: v.labeler } : {}),
      origin: 'import',
    });
  }
  return out;
}
