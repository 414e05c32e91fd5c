import { getColumn, isNumericColumn, type Frame } from '../../data/frame';

/**
 * Tree features from a frame: numeric, boolean and datetime columns as they are, embedding
 * columns (text cells holding JSON arrays of numbers) expanded to one feature per dimension,
 * named `column[i]`, and categorical columns as one feature each holding a category code (see
 * category-codes.ts; the trees split it by category sets, or by threshold with those off). Missing cells become NaN, which the trees route by their learned direction.
 */
export interface GbdtFeatureSpec {
  columns: string[];
}

export type TreeColumnKind = 'numeric' | 'embedding' | 'categorical';

/** A categorical feature before its codes are ordered: code k of every row means values[k]. */
export interface RawCategorical {
  /** the feature's index in `names` */
  feature: number;
  column: string;
  /** distinct values, sorted; the provisional codes index into this */
  values: string[];
}

export interface GbdtFeatures {
  x: Float32Array;
  rows: number;
  names: string[];
  /** per source column: how many features it became (1, or the embedding's dimension) */
  widths: { column: string; width: number; kind: TreeColumnKind }[];
  /** categorical features, coded by position in a sorted value list until orderCategories ranks them on training rows */
  categorical: RawCategorical[];
}

const looksLikeArray = (v: string | null) => v !== null && /^\s*\[/.test(v);

/** Cells that look like JSON arrays (the first 20 present ones): lists, never categories. */
function holdsArrays(values: (string | null)[]): boolean {
  let seen = 0;
  for (let r = 0; r < values.length && seen < 20; r++) {
    const v = values[r];
    if (v === null) continue;
    if (!looksLikeArray(v)) return false;
    seen++;
  }
  return seen > 0;
}

/**
 * An embedding column holds JSON arrays of numbers of one length. Ragged lists (paragraph lengths
 * per essay) are not embeddings: the first 20 values decide.
 */
function isEmbeddingColumn(values: (string | null)[]): boolean {
  let dim = -1;
  let seen = 0;
  for (let r = 0; r < values.length && seen < 20; r++) {
    const v = values[r];
    if (v === null) continue;
    if (!looksLikeArray(v)) return false;
    let a: unknown;
    try {
      a = JSON.parse(v);
    } catch {
      return false;
    }
    if (!Array.isArray(a) || a.length < 2 || !a.every((x) => typeof x === 'number' || x === null)) return false;
    if (dim !== -1 && a.length !== dim) return false;
    dim = a.length;
    seen++;
  }
  return seen > 0;
}

export interface TreeColumn {
  column: string;
  kind: TreeColumnKind;
  /** categorical: how many distinct values it holds */
  levels?: number;
}

/** Columns a tree model can take: numeric-like ones, embedding columns (fixed-length JSON number arrays) and categorical ones. */
export function treeUsableColumns(frame: Frame): TreeColumn[] {
  const out: TreeColumn[] = [];
  for (const c of frame.columns) {
    if (isNumericColumn(c)) out.push({ column: c.name, kind: 'numeric' });
    else if (isEmbeddingColumn(c.values)) out.push({ column: c.name, kind: 'embedding' });
    else if (c.dtype === 'categorical' && !holdsArrays(c.values)) out.push({ column: c.name, kind: 'categorical', levels: new Set(c.values.filter((v) => v !== null)).size });
  }
  return out;
}

/** Columns trees cannot take, each with the reason the setup shows beside it (nothing is left out silently). */
export function treeExcludedColumns(frame: Frame): { column: string; reason: string }[] {
  const usable = new Set(treeUsableColumns(frame).map((u) => u.column));
  return frame.columns
    .filter((c) => !usable.has(c.name))
    .map((c) => ({
      column: c.name,
      reason:
        c.dtype === 'id'
          ? 'an id (a different value on almost every row): a tree would memorise it, not learn from it'
          : !isNumericColumn(c) && holdsArrays(c.values)
            ? 'free text holding lists of different lengths: only fixed-length number arrays (embeddings) become features'
            : 'free text: embed it first (a column of JSON number arrays), or set its type to categorical if its values repeat',
    }));
}

function parseArray(text: string, where: () => string): number[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new Error(`${where()}: not a JSON array (${text.slice(0, 40)}${text.length > 40 ? '…' : ''})`);
  }
  if (!Array.isArray(v)) throw new Error(`${where()}: not a JSON array`);
  for (const x of v) if (typeof x !== 'number' && x !== null) throw new Error(`${where()}: the array holds ${JSON.stringify(x)}; only numbers (or null) are allowed`);
  return v as number[];
}

export function buildTreeFeatures(frame: Frame, spec: GbdtFeatureSpec, source = 'dataset'): GbdtFeatures {
  if (spec.columns.length === 0) throw new Error('choose at least one feature column');
  const n = frame.rowCount;
  const parts: { names: string[]; get: (row: number, out: Float32Array, at: number) => void }[] = [];
  const widths: GbdtFeatures['widths'] = [];
  const categorical: RawCategorical[] = [];
  let width = 0;
  for (const name of spec.columns) {
    const col = getColumn(frame, name);
    if (isNumericColumn(col)) {
      const v = col.values;
      parts.push({ names: [name], get: (r, out, at) => void (out[at] = v[r]) });
      widths.push({ column: name, width: 1, kind: 'numeric' });
      width += 1;
      continue;
    }
    const cells = col.values;
    if (col.dtype === 'categorical' && !isEmbeddingColumn(cells)) {
      const values = [...new Set(cells.filter((v): v is string => v !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const code = new Map(values.map((v, k) => [v, k] as const));
      parts.push({ names: [name], get: (r, out, at) => void (out[at] = cells[r] === null ? NaN : (code.get(cells[r] as string) as number)) });
      widths.push({ column: name, width: 1, kind: 'categorical' });
      categorical.push({ feature: width, column: name, values });
      width += 1;
      continue;
    }
    if (col.dtype === 'id') throw new Error(`${source}, column "${name}": an id column (a different value on almost every row) cannot be a tree feature`);
    let dim = -1;
    let firstRow = -1;
    const parsed: (number[] | null)[] = new Array(n);
    for (let r = 0; r < n; r++) {
      const t = cells[r];
      if (t === null || t.trim() === '') {
        parsed[r] = null;
        continue;
      }
      const where = () => `${source}, row ${r + 1}, column "${name}"`;
      if (!looksLikeArray(t)) throw new Error(`${where()}: "${t.slice(0, 30)}" is not a number array; trees take numeric, categorical and embedding columns (JSON arrays), not free text`);
      const a = parseArray(t, where);
      if (dim === -1) {
        dim = a.length;
        firstRow = r;
      } else if (a.length !== dim) throw new Error(`${where()}: the array has ${a.length} numbers, row ${firstRow + 1} has ${dim}`);
      parsed[r] = a;
    }
    if (dim <= 0) throw new Error(`${source}, column "${name}": no embedding values to use`);
    const d = dim;
    parts.push({
      names: Array.from({ length: d }, (_, i) => `${name}[${i}]`),
      get: (r, out, at) => {
        const a = parsed[r];
        for (let i = 0; i < d; i++) out[at + i] = a === null || a[i] === null ? NaN : a[i];
      },
    });
    widths.push({ column: name, width: d, kind: 'embedding' });
    width += d;
  }
  const names = parts.flatMap((p) => p.names);
  const cols = names.length;
  const x = new Float32Array(n * cols);
  for (let r = 0; r < n; r++) {
    let at = r * cols;
    for (const p of parts) {
      p.get(r, x, at);
      at += p.names.length;
    }
  }
  return { x, rows: n, names, widths, categorical };
}
