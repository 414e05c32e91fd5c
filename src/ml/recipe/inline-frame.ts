import type { Column, Frame } from '../data/frame';

/** Rows carried in a recipe as a frame: all-number columns are numeric, the rest text ids. */
export function inlineFrame(columns: Record<string, (string | number | null)[]>): Frame {
  const names = Object.keys(columns);
  const rowCount = names.length ? columns[names[0]].length : 0;
  return {
    rowCount,
    columns: names.map((name): Column => {
      const v = columns[name];
      if (v.every((x) => typeof x === 'number' || x === null)) return { name, dtype: 'numeric', values: Float64Array.from(v, (x) => (x === null ? NaN : (x as number))) };
      return { name, dtype: 'id', values: v.map((x) => (x === null ? null : String(x))) };
    }),
  };
}
