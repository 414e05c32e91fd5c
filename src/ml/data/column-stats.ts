import { isNumericColumn, type Column, type DType } from './frame';

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
    return {
      name: col.name,
      dtype: col.dtype,
      missing,
      missingFraction: n ? missing / n : 0,
      distinct: distinct.size,
      ...(present > 0 ? { min, max, mean: sum / present } : {}),
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
