/** Nested config or metrics as dotted keys (`model.hiddenUnits`, `split.seed`); arrays stay whole values. */
export function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out[prefix] = value;
  return out;
}

export interface DiffRow {
  key: string;
  values: unknown[];
  /** every value equal (by JSON) */
  same: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One row per key found in any of the objects; `onlyDifferent` keeps the rows whose values differ. */
export function diffRows(objects: readonly unknown[], onlyDifferent = false): DiffRow[] {
  const flat = objects.map((o) => flatten(o));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  const rows = keys.map((key) => {
    const values = flat.map((f) => f[key]);
    return { key, values, same: values.every((v) => same(v, values[0])) };
  });
  return onlyDifferent ? rows.filter((r) => !r.same) : rows;
}
