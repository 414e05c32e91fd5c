import { cellText, getColumn, isNumericColumn, type Frame } from '../../data/frame';
import type { NamedFrame, TableInput } from '../family';
import { buildItemPool, defaultPoolSpec, type ItemPoolSpec } from './items';
import { isPairValue, labelsToPairs, type PairLabel } from './labels';
import type { RankerInput } from './family';

/** What a ranker recipe carries besides its config: which columns of the items table make the pool. */
export interface RankerOptions {
  pool: ItemPoolSpec;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function rankerOptionsProblems(o: unknown): string[] {
  if (!isObject(o) || !isObject(o.pool)) return ['pool: the item pool spec ({idColumn, metricColumns, embedding, relevanceColumn, displayColumns, itemType})'];
  const p = o.pool;
  const errs: string[] = [];
  if (typeof p.idColumn !== 'string' || !p.idColumn) errs.push('pool.idColumn: the items table\'s id column');
  if (!strings(p.metricColumns)) errs.push('pool.metricColumns: an array of column names');
  if (!strings(p.displayColumns)) errs.push('pool.displayColumns: an array of column names');
  if (p.relevanceColumn !== null && typeof p.relevanceColumn !== 'string') errs.push('pool.relevanceColumn: a column name or null');
  if (p.embedding !== null && !(isObject(p.embedding) && (p.embedding.kind === 'json' || p.embedding.kind === 'columns'))) errs.push('pool.embedding: null, {kind:"json", column} or {kind:"columns", prefix, columns}');
  return errs;
}

/** A labels table's time column as epoch milliseconds (numbers as they are, text parsed as a date). */
function times(frame: Frame, name: string): (r: number) => number {
  if (!frame.columns.some((c) => c.name === name)) return () => 0;
  const col = getColumn(frame, name);
  if (isNumericColumn(col)) return (r) => col.values[r];
  return (r) => Date.parse(cellText(col, r) ?? '') || 0;
}

/**
 * Pairwise labels from a table with `item_a`, `item_b` and `label` (1: A better, 0: tie, −1: B
 * better), and optionally `id` and `labeled_at`, which fix the order training reads them in, as
 * the studio's labels do: the demo's pairwise_preferences table, or a ranker run's labels carried
 * in its recipe.
 */
export function labelsFromTable(t: NamedFrame, poolId: string): PairLabel[] {
  const need = ['item_a', 'item_b', 'label'];
  const missing = need.filter((n) => !t.frame.columns.some((c) => c.name === n));
  if (missing.length) throw new Error(`${t.name}: a labels table needs columns ${need.join(', ')}; missing ${missing.join(', ')}`);
  const a = getColumn(t.frame, 'item_a');
  const b = getColumn(t.frame, 'item_b');
  const y = getColumn(t.frame, 'label');
  const id = t.frame.columns.find((c) => c.name === 'id');
  const at = times(t.frame, 'labeled_at');
  const out: PairLabel[] = [];
  for (let r = 0; r < t.frame.rowCount; r++) {
    const label = Number(cellText(y, r));
    if (!isPairValue(label)) throw new Error(`${t.name}, row ${r + 1}, column "label": ${JSON.stringify(cellText(y, r))} is not 1, 0 or -1`);
    const ia = cellText(a, r);
    const ib = cellText(b, r);
    if (ia === null || ib === null) throw new Error(`${t.name}, row ${r + 1}: item_a and item_b must both name an item`);
    out.push({ id: id ? (cellText(id, r) ?? String(r)) : String(r).padStart(9, '0'), poolId, a: ia, b: ib, label, reasonTags: [], labeledAt: at(r), origin: 'import' });
  }
  return out;
}

export const rankerTables: TableInput<RankerInput> = {
  roles: [
    { name: 'items', detail: 'the item pool: an id column and numeric feature columns' },
    { name: 'labels', detail: 'pairwise labels: item_a, item_b, label (1, 0, -1)' },
  ],
  optionsProblems: rankerOptionsProblems,
  defaultOptions: (tables): RankerOptions => ({ pool: defaultPoolSpec(tables.items.frame) }),
  input(tables, _config, options) {
    const spec = (options as RankerOptions).pool;
    const pool = buildItemPool(tables.items.frame, spec, tables.items.name);
    const pairs = labelsToPairs(labelsFromTable(tables.labels, tables.items.name), pool.ids);
    if (pairs.y.length === 0) throw new Error(`${tables.labels.name}: none of its ${tables.labels.frame.rowCount} labels names two items of ${tables.items.name} (ids from column "${spec.idColumn}")`);
    return {
      pool: { size: pool.ids.length, dim: pool.dim, features: pool.features, featureNames: pool.featureNames, metricCount: pool.metricCount, relevance: pool.relevance },
      pairs: { a: pairs.a, b: pairs.b, y: pairs.y },
    };
  },
};
