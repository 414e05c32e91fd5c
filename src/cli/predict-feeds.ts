import { Tensor } from 'onnxruntime-node';
import { isMissingCell, parseBoolean, parseDatetime, parseNumber, type RawCell } from '../ml/data/infer-types';
import type { GraphFeed } from './predict-model';
import { RowProblem, type Batch, type TableSource } from './predict-source';
import { CliError } from './errors';

/** How the studio stored a numeric-like column: a plain number, a boolean read as 0/1, or a datetime as epoch ms. */
type NumberKind = 'number' | 'boolean' | 'datetime';

/** A float32 input's piece: one column, or an embedding column spread over `width` features. */
interface Part {
  column: number;
  width: number;
  embedding: boolean;
}

type Resolved = { input: string; type: 'float32'; width: number; parts: Part[] } | { input: string; type: 'string'; columns: number[] };

export interface Feeder {
  /** header indices the graph reads (Parquet decodes only these) */
  columns: number[];
  feeds(batch: Batch): Record<string, Tensor>;
}

const EMBEDDING = /^(.*)\[(\d+)\]$/;

/**
 * Matches the graph's features to the header: a feature is a column of that name, or, for tree
 * models, `name[i]`, dimension i of an embedding column `name` holding JSON number arrays
 * (gbdt features.ts names them so).
 */
function resolve(feed: GraphFeed, src: TableSource): Resolved {
  const at = (name: string, what: string): number => {
    const c = src.header.indexOf(name);
    if (c < 0) throw new CliError(`${src.file}: missing column "${name}", which the model reads (${what}); columns: ${src.header.join(', ')}`);
    return c;
  };
  if (feed.type === 'string') return { input: feed.input, type: 'string', columns: feed.columns.map((n, j) => at(n, `graph input "${feed.input}"[${j}]`)) };
  const parts: Part[] = [];
  feed.features.forEach((f, j) => {
    const m = EMBEDDING.exec(f);
    if (src.header.includes(f) || !m) {
      parts.push({ column: at(f, `graph input "${feed.input}"[${j}]`), width: 1, embedding: false });
      return;
    }
    const prev = parts[parts.length - 1];
    const column = at(m[1], `graph input "${feed.input}"[${j}], dimension ${m[2]} of an embedding`);
    if (prev?.embedding && prev.column === column && Number(m[2]) === prev.width) prev.width++;
    else if (Number(m[2]) === 0) parts.push({ column, width: 1, embedding: true });
    else throw new CliError(`${src.file}: the model's feature "${f}" does not follow "${m[1]}[${Number(m[2]) - 1}]"`);
  });
  return { input: feed.input, type: 'float32', width: parts.reduce((s, p) => s + p.width, 0), parts };
}

function kindOf(v: RawCell): NumberKind | null {
  if (v instanceof Date) return 'datetime';
  if (typeof v === 'boolean') return 'boolean';
  if (Number.isFinite(parseNumber(v))) return 'number';
  if (!Number.isNaN(parseBoolean(v))) return 'boolean';
  if (!Number.isNaN(parseDatetime(v))) return 'datetime';
  return null;
}

const KIND_WORDS: Record<NumberKind, string> = {
  number: 'a number',
  boolean: 'true/false (or 1/0), as the column\'s earlier rows',
  datetime: 'an ISO date (2024-03-01 or 2024-03-01T12:00:00Z) or epoch ms, as the column\'s earlier rows',
};

/**
 * The float a cell becomes, read as the studio reads the column (infer-types.ts): missing words
 * ("", NA, null, ?, …) are NaN, which the graph imputes or routes. The first present cell fixes
 * whether the column holds numbers, booleans or dates; a later cell that does not read so is an error.
 */
interface NumberReader {
  read(v: RawCell): number | null;
  /** what the column holds, once a present cell has fixed it */
  kind(): NumberKind | null;
}

function numberReader(): NumberReader {
  let kind: NumberKind | null = null;
  const read = (v: RawCell): number | null => {
    if (isMissingCell(v)) return NaN;
    kind ??= kindOf(v);
    if (kind === null) return null;
    if (kind === 'number') {
      const n = parseNumber(v);
      return Number.isFinite(n) ? n : null;
    }
    if (kind === 'boolean') {
      const b = parseBoolean(v);
      return Number.isNaN(b) ? null : b;
    }
    const d = v instanceof Date ? v.getTime() : Number.isFinite(parseNumber(v)) ? parseNumber(v) : parseDatetime(v);
    return Number.isNaN(d) ? null : d;
  };
  return { read, kind: () => kind };
}

const categoryText = (v: RawCell): string => (isMissingCell(v) ? '' : v instanceof Date ? v.toISOString() : String(v).trim());

const shown = (v: RawCell) => (typeof v === 'string' ? (v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v));

function embeddingInto(b: Batch, r: number, p: Part, out: Float32Array, at: number): void {
  const v = b.cell(r, p.column);
  if (isMissingCell(v)) {
    out.fill(NaN, at, at + p.width);
    return;
  }
  let a: unknown;
  try {
    a = JSON.parse(String(v));
  } catch {
    a = null;
  }
  if (!Array.isArray(a) || a.length !== p.width || !a.every((x) => typeof x === 'number' || x === null))
    throw new RowProblem(b.firstRow + r, p.column, `"${shown(v)}" is not a JSON array of ${p.width} numbers (the model's embedding width)`);
  for (let i = 0; i < p.width; i++) out[at + i] = a[i] === null ? NaN : (a[i] as number);
}

/**
 * The graph's tensors for a batch, exactly as raw-feeds.ts / gbdtOnnxFeeds send them: float32
 * with NaN for missing, category strings with "" for missing.
 */
export function makeFeeder(feeds: GraphFeed[], src: TableSource): Feeder {
  const resolved = feeds.map((f) => resolve(f, src));
  const readers = new Map<number, NumberReader>();
  for (const f of resolved) if (f.type === 'float32') for (const p of f.parts) if (!p.embedding) readers.set(p.column, numberReader());
  const columns = [...new Set(resolved.flatMap((f) => (f.type === 'string' ? f.columns : f.parts.map((p) => p.column))))];
  return {
    columns,
    feeds(b) {
      const out: Record<string, Tensor> = {};
      for (const f of resolved) {
        if (f.type === 'string') {
          const m = f.columns.length;
          const data = new Array<string>(b.rows * m);
          for (let r = 0; r < b.rows; r++) for (let j = 0; j < m; j++) data[r * m + j] = categoryText(b.cell(r, f.columns[j]));
          out[f.input] = new Tensor('string', data, [b.rows, m]);
          continue;
        }
        const data = new Float32Array(b.rows * f.width);
        for (let r = 0; r < b.rows; r++) {
          let at = r * f.width;
          for (const p of f.parts) {
            if (p.embedding) embeddingInto(b, r, p, data, at);
            else {
              const v = b.cell(r, p.column);
              const reader = readers.get(p.column) as NumberReader;
              const n = reader.read(v);
              if (n === null) throw new RowProblem(b.firstRow + r, p.column, `"${shown(v)}" is not ${KIND_WORDS[reader.kind() ?? 'number']}`);
              data[at] = n;
            }
            at += p.width;
          }
        }
        out[f.input] = new Tensor('float32', data, [b.rows, f.width]);
      }
      return out;
    },
  };
}
