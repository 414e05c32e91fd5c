import { getColumn, type Frame } from '../data/frame';
import type { NamedFrame, TableInput } from '../models/family';

/** The one-table families' input: the frame and its name (tabular, trees, careers). */
export function oneTable<Input>(make: (t: NamedFrame) => Input, detail: string): TableInput<Input> {
  return {
    roles: [{ name: 'data', detail }],
    optionsProblems: (o) => (o === undefined || o === null ? [] : ['this family takes no options']),
    input: (tables) => make(tables.data),
  };
}

/** The column names a config reads, checked against a table before any work starts: the error names the table and the missing column. */
export function requireColumns(t: NamedFrame, names: readonly (string | null | undefined)[], field: string): void {
  const have = new Set(t.frame.columns.map((c) => c.name));
  for (const n of names) {
    if (n && !have.has(n)) throw new Error(`${t.name}: no column "${n}" (the recipe's ${field}; columns: ${t.frame.columns.map((c) => c.name).join(', ')})`);
  }
}

export function columnOf(frame: Frame, name: string) {
  return getColumn(frame, name);
}
