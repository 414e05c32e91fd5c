import { getColumn, isNumericColumn, type Frame } from '../../data/frame';

/**
 * Tree features from a frame: numeric, boolean and datetime columns as they are, and embedding
 * columns (text cells holding JSON arrays of numbers) expanded to one feature per dimension,
 * named `column[i]`. Missing cells become NaN, which the trees route by their learned direction.
 */
export interface GbdtFeatureSpec {
  columns: string[];
}

export interface GbdtFeatures {
  x: Float32Array;
  rows: number;
  names: string[];
  /** per source column: how many features it became (1, or the embedding's dimension) */
  widths: { column: string; width: number; kind: 'numeric' | 'embedding' }[];
}

const looksLikeArray = (v: string | null) => v !== null && /^\s*\[/.test(v);

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

/** Columns a tree model can take: numeric-like ones and embedding columns (fixed-length JSON number arrays). */
export function treeUsableColumns(frame: Frame): { column: string; kind: 'numeric' | 'embedding' }[] {
  const out: { column: string; kind: 'numeric' | 'embedding' }[] = [];
  for (const c of frame.columns) {
    if (isNumericColumn(c)) out.push({ column: c.name, kind: 'numeric' });
    else if (isEmbeddingColumn(c.values)) out.push({ column: c.name, kind: 'embedding' });
  }
  return out;
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
  for (const name of spec.columns) {
    const col = getColumn(frame, name);
    if (isNumericColumn(col)) {
      const v = col.values;
      parts.push({ names: [name], get: (r, out, at) => void (out[at] = v[r]) });
      widths.push({ column: name, width: 1, kind: 'numeric' });
      continue;
    }
    const cells = col.values;
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
      if (!looksLikeArray(t)) throw new Error(`${where()}: "${t.slice(0, 30)}" is not a number array; trees take numeric columns and embedding columns (JSON arrays)`);
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
  return { x, rows: n, names, widths };
}
