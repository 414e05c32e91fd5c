import { readFileSync } from 'node:fs';
import { DataError } from '../ml/data/data-error';
import { parseDelimited, type RawTable } from '../ml/data/parse-delimited';
import { CliError } from './errors';

/** A CSV read for the CLI: header names, and cells addressed by (row, column) with errors naming both. */
export class InputTable {
  private readonly index: Map<string, number>;
  constructor(
    readonly file: string,
    private readonly raw: RawTable,
  ) {
    this.index = new Map(raw.header.map((h, i) => [h, i]));
  }

  get rows(): number {
    return this.raw.rowCount;
  }

  get header(): string[] {
    return this.raw.header;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  private col(name: string): number {
    const c = this.index.get(name);
    if (c === undefined) throw new CliError(`${this.file}: missing column "${name}" (columns: ${this.raw.header.join(', ')})`);
    return c;
  }

  /** Where a cell is, as a person finds it: file, line (header = line 1), column number and name. */
  where(row: number, name: string): string {
    return `${this.file}, row ${row + 1} (line ${row + 2}), column ${this.col(name) + 1} ("${name}")`;
  }

  strings(name: string): string[] {
    const c = this.col(name);
    return this.raw.columns[c].map((v) => String(v ?? '').trim());
  }

  numbers(name: string, check?: (v: number) => string | null): Float64Array {
    const cells = this.strings(name);
    const out = new Float64Array(cells.length);
    cells.forEach((s, r) => {
      const v = s === '' ? NaN : Number(s);
      if (!Number.isFinite(v)) throw new CliError(`${this.where(r, name)}: "${s}" is not a finite number`);
      const problem = check?.(v);
      if (problem) throw new CliError(`${this.where(r, name)}: ${problem} (got ${s})`);
      out[r] = v;
    });
    return out;
  }

  /** Integer labels in [0, k): k given, or the largest label + 1. */
  labels(name: string, k?: number): { values: Float64Array; k: number } {
    const values = this.numbers(name, (v) => (Number.isInteger(v) && v >= 0 ? null : 'labels must be integers 0..K-1'));
    const kk = k ?? values.reduce((m, v) => Math.max(m, v), 0) + 1;
    values.forEach((v, r) => {
      if (v >= kk) throw new CliError(`${this.where(r, name)}: label ${v} is outside 0..${kk - 1}`);
    });
    return { values, k: kk };
  }

  /** Columns named prefix0, prefix1, … in order, e.g. p_0..p_{K-1}. */
  numbered(prefix: string): string[] {
    const names: string[] = [];
    for (let i = 0; this.has(`${prefix}${i}`); i++) names.push(`${prefix}${i}`);
    if (names.length === 0) throw new CliError(`${this.file}: no ${prefix}0, ${prefix}1, … columns (columns: ${this.raw.header.join(', ')})`);
    return names;
  }

  /** Row-major matrix of the given numeric columns. */
  matrix(names: string[], check?: (v: number) => string | null): Float64Array {
    const cols = names.map((n) => this.numbers(n, check));
    const out = new Float64Array(this.rows * names.length);
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < names.length; c++) out[r * names.length + c] = cols[c][r];
    return out;
  }
}

/** A file's text, or the exit-2 error that names it. */
export function readText(file: string, what = ''): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${what}${file}: ${(e as Error).message}`);
  }
}

export function readInput(file: string): InputTable {
  const text = readText(file);
  try {
    return new InputTable(file, parseDelimited(file, text, file.toLowerCase().endsWith('.tsv') ? '\t' : ','));
  } catch (e) {
    if (e instanceof DataError) throw new CliError(e.message);
    throw e;
  }
}

export const probability = (v: number) => (v >= 0 && v <= 1 ? null : 'probabilities must lie in [0, 1]');
export const binaryLabel = (v: number) => (v === 0 || v === 1 ? null : 'binary labels must be 0 or 1');
