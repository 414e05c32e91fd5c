/**
 * Frame: Kiln's column store. Numeric-like columns are Float64Array (NaN = missing) so they
 * move between threads as transferables and feed tensors without boxing; string-like columns
 * keep `null` for missing.
 */
export type DType = 'numeric' | 'boolean' | 'datetime' | 'categorical' | 'text' | 'id';

export const NUMERIC_DTYPES: readonly DType[] = ['numeric', 'boolean', 'datetime'];

export interface NumericColumn {
  name: string;
  /** numeric as is, boolean as 0/1, datetime as epoch milliseconds (UTC) */
  dtype: 'numeric' | 'boolean' | 'datetime';
  values: Float64Array;
  /**
   * boolean only: how the file spelled 0 and 1 (["no", "yes"], ["N", "Y"], ["0", "1"]), so class
   * names in reports and exports are the user's own words; absent on frames stored before it existed
   */
  levels?: [string, string];
}

export interface StringColumn {
  name: string;
  dtype: 'categorical' | 'text' | 'id';
  values: (string | null)[];
}

export type Column = NumericColumn | StringColumn;

export interface Frame {
  columns: Column[];
  rowCount: number;
}

export function isNumericColumn(c: Column): c is NumericColumn {
  return c.dtype === 'numeric' || c.dtype === 'boolean' || c.dtype === 'datetime';
}

export function getColumn(frame: Frame, name: string): Column {
  const col = frame.columns.find((c) => c.name === name);
  if (!col) throw new Error(`Column "${name}" is not in this dataset (columns: ${frame.columns.map((c) => c.name).join(', ')})`);
  return col;
}

export function isMissing(col: Column, row: number): boolean {
  return isNumericColumn(col) ? Number.isNaN(col.values[row]) : col.values[row] === null;
}

/** How a boolean column names 0 and 1: as the file spelled them, else false/true. */
export function booleanLevels(col: NumericColumn): [string, string] {
  return col.levels ?? ['false', 'true'];
}

/** A value as text, for labels and display: booleans as the file spelled them, datetimes as ISO. */
export function cellText(col: Column, row: number): string | null {
  if (isNumericColumn(col)) {
    const v = col.values[row];
    if (Number.isNaN(v)) return null;
    if (col.dtype === 'boolean') return booleanLevels(col)[v ? 1 : 0];
    if (col.dtype === 'datetime') return new Date(v).toISOString();
    return String(v);
  }
  return col.values[row];
}

/** Transferable buffers of a frame, for postMessage(msg, transfer). */
export function frameTransferables(frame: Frame): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  for (const c of frame.columns) if (isNumericColumn(c)) out.push(c.values.buffer as ArrayBuffer);
  return out;
}
