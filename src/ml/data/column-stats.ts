import { booleanLevels, isNumericColumn, type Column, type DType } from './frame';

export interface ColumnStats {
  name: string;
  dtype: DType;
  missing: number;
  missingFraction: number;
  distinct: number;
  min?: number;
  max?: number;
  mean?: number;
  /** most frequent values (up to 50), for categoricals and class labels: an ordinal order is edited from these */
  top?: { value: string; count: number }[];
  /** boolean columns: their names for 0 and 1 as the file spelled them (the class order: negative, positive) */
  levels?: [string, string];
}

export function columnStats(col: Column): ColumnStats {
  const n = col.values.length;
  if (isNumericColumn(col)) {
    let missing = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    const distinct = new Set<number>();
    for (const v of col.values) {
      if (Number.isNaN(v)) {
        missing++;
        continue;
      }
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      distinct.add(v);
    }
    const present = n - missing;
    const flags = col.dtype === 'boolean' ? booleanStats(col.values, booleanLevels(col), present) : {};
    return {
      name: col.name,
      dtype: col.dtype,
      missing,
      missingFraction: n ? missing / n : 0,
      distinct: distinct.size,
      ...(present > 0 ? { min, max, mean: sum / present } : {}),
      ...flags,
    };
  }
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of col.values) {
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 50)
    .map(([value, count]) => ({ value, count }));
  return { name: col.name, dtype: col.dtype, missing, missingFraction: n ? missing / n : 0, distinct: counts.size, top };
}

/** A boolean column's two values as class labels: counts under the user's spellings, most frequent first. */
function booleanStats(values: Float64Array, levels: [string, string], present: number): Pick<ColumnStats, 'top' | 'levels'> {
  let ones = 0;
  for (const v of values) if (v === 1) ones++;
  const top = [
    { value: levels[0], count: present - ones },
    { value: levels[1], count: ones },
  ]
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count);
  return { top, levels };
}
