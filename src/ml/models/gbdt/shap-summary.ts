import type { Explanation } from './tree-shap';

/** A feature's or source column's weight in the explanations: mean |φ| over the rows, per output. */
export interface ShapImportance {
  name: string;
  /** per output (one for binary, regression and ordinal; one per class for multiclass) */
  meanAbs: number[];
}

/** The source column a tree feature came from: an embedding's `col[i]` is `col`, every other feature its column. */
export function sourceColumn(feature: string): string {
  const m = /^(.*)\[\d+\]$/.exec(feature);
  return m ? m[1] : feature;
}

/** φ of one row and output, as a view into the explanation. */
export function rowContributions(e: Explanation, row: number, output = 0): Float64Array {
  const at = (row * e.outputs + output) * e.features;
  return e.phi.subarray(at, at + e.features);
}

/**
 * Mean |φ| per feature and per source column, largest first (by the sum over outputs), summed a
 * batch at a time so a table of any length is summarised in constant memory. A column's value for a
 * row is the sum of its features' φ (an embedding's dimensions act together), so its mean |·| is
 * not the sum of its features' means.
 */
export class ShapSummary {
  private readonly columns: string[];
  private readonly colOf: number[];
  private perFeature: Float64Array | null = null;
  private perColumn: Float64Array | null = null;
  private rows = 0;
  private outputs = 1;

  constructor(private readonly featureNames: readonly string[]) {
    this.columns = [...new Set(featureNames.map(sourceColumn))];
    this.colOf = featureNames.map((f) => this.columns.indexOf(sourceColumn(f)));
  }

  add(e: Explanation): void {
    this.outputs = e.outputs;
    this.perFeature ??= new Float64Array(e.outputs * e.features);
    this.perColumn ??= new Float64Array(e.outputs * this.columns.length);
    const rowColumn = new Float64Array(this.columns.length);
    for (let r = 0; r < e.rows; r++) {
      for (let k = 0; k < e.outputs; k++) {
        const phi = rowContributions(e, r, k);
        rowColumn.fill(0);
        for (let f = 0; f < e.features; f++) {
          this.perFeature[k * e.features + f] += Math.abs(phi[f]);
          rowColumn[this.colOf[f]] += phi[f];
        }
        for (let c = 0; c < this.columns.length; c++) this.perColumn[k * this.columns.length + c] += Math.abs(rowColumn[c]);
      }
    }
    this.rows += e.rows;
  }

  result(): { rows: number; features: ShapImportance[]; columns: ShapImportance[] } {
    const rows = Math.max(this.rows, 1);
    const table = (names: readonly string[], sums: Float64Array | null): ShapImportance[] =>
      names
        .map((name, i) => ({ name, meanAbs: Array.from({ length: this.outputs }, (_, k) => (sums ? sums[k * names.length + i] / rows : 0)) }))
        .sort((a, b) => b.meanAbs.reduce((s, v) => s + v, 0) - a.meanAbs.reduce((s, v) => s + v, 0));
    return { rows: this.rows, features: table(this.featureNames, this.perFeature), columns: table(this.columns, this.perColumn) };
  }
}

export function shapSummary(e: Explanation, featureNames: readonly string[]): { rows: number; features: ShapImportance[]; columns: ShapImportance[] } {
  const s = new ShapSummary(featureNames);
  s.add(e);
  return s.result();
}

/** One row's waterfall: base, then the contributions by |φ| (the top ones, the rest summed), ending at the margin. */
export function waterfall(e: Explanation, featureNames: readonly string[], row: number, output = 0, top = 10): { base: number; steps: { name: string; phi: number }[]; margin: number } {
  const phi = rowContributions(e, row, output);
  const order = Array.from(phi.keys()).sort((a, b) => Math.abs(phi[b]) - Math.abs(phi[a]) || a - b);
  const steps = order.slice(0, top).map((f) => ({ name: featureNames[f], phi: phi[f] }));
  const rest = order.slice(top).reduce((s, f) => s + phi[f], 0);
  if (order.length > top) steps.push({ name: `${order.length - top} other features`, phi: rest });
  const base = e.base[output];
  return { base, steps, margin: steps.reduce((s, x) => s + x.phi, base) };
}
