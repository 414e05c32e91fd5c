import { knownDirection } from '../metrics/direction';
import { diffRows } from '../registry/diff';

/**
 * The pure part of the studio's Compare view (src/features/compare), shared with `kiln compare`:
 * which setup rows differ, which metric rows are worth showing, which value wins a row, and how a
 * compared value is written. React-free so the CLI can run it under Node.
 */

/** A run as compared: wherever it came from (a `kiln train --out` folder, a pulled or pushed run). */
export interface ComparableRun {
  /** what the user named it by: a path or a server run id */
  ref: string;
  id: string;
  name: string;
  family: string;
  engine: string | null;
  datasetFingerprint: string | null;
  config: Record<string, unknown>;
  metrics: Record<string, unknown>;
}

export interface ConfigRow {
  path: string;
  values: unknown[];
}

export interface MetricRow {
  key: string;
  values: (number | null)[];
  /** the winning column, or null: direction unknown, fewer than two values, or a tie at the top */
  best: number | null;
}

export interface RunComparison {
  runs: { ref: string; id: string; name: string; family: string }[];
  config: ConfigRow[];
  metrics: MetricRow[];
}

/** Run-level fields that are part of the setup though they sit beside the recipe, not in it. */
const SETUP_FIELDS = ['family', 'engine', 'datasetFingerprint'] as const;

/** Metric rows that only carry a sentinel for every run (a holdout run's fold -1) say nothing. */
export function meaningfulRow(key: string, values: readonly unknown[]): boolean {
  if (!/(^|\.)fold$/.test(key)) return true;
  return values.some((v) => typeof v === 'number' && v >= 0);
}

/** A compared value as written in a table cell: whole numbers as they are, others to 4 significant digits, arrays and objects as JSON, absent as —. */
export function formatCompared(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : v.toPrecision(4);
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The winning column of a metric row; a row nobody wins alone (a tie, a lone value, an unknown direction) has none. */
export function bestColumn(key: string, values: readonly (number | null)[]): number | null {
  const direction = knownDirection(key);
  if (!direction) return null;
  const present = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  if (present.length < 2) return null;
  const top = direction === 'maximize' ? Math.max(...present.map((p) => p.v)) : Math.min(...present.map((p) => p.v));
  const winners = present.filter((p) => p.v === top);
  return winners.length === 1 ? winners[0].i : null;
}

/** Column heads: run names, with the id's tail where two runs share one (as the studio's runLabels), the id where a run has no name. */
export function columnLabels(runs: readonly { id: string; name: string }[]): string[] {
  const count = new Map<string, number>();
  for (const r of runs) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return runs.map((r) => (!r.name ? r.id : (count.get(r.name) ?? 0) > 1 ? `${r.name} #${r.id.slice(-4)}` : r.name));
}

/**
 * Runs side by side, as the Compare view with "only differences" on: the setup rows whose values
 * differ (family, engine and dataset first, then the recipe's dotted paths, sorted), and every
 * metric any run has (sorted, as the view lists them), a non-finite or missing figure as null.
 */
export function compareRuns(runs: readonly ComparableRun[]): RunComparison {
  const setup = runs.map((r) => ({ family: r.family, engine: r.engine ?? null, datasetFingerprint: r.datasetFingerprint ?? null }));
  const setupRows: ConfigRow[] = SETUP_FIELDS.map((f) => ({ path: f, values: setup.map((s) => s[f]) })).filter((r) => !r.values.every((v) => v === r.values[0]));
  // a recipe that repeats the run's family (some recipes do) would be a second "family" row: the run's own one is the truth
  const recipeRows = diffRows(runs.map((r) => r.config), true)
    .filter((row) => !setupRows.some((s) => s.path === row.key))
    .map((row) => ({ path: row.key, values: row.values.map((v) => v ?? null) }));
  const metrics = diffRows(runs.map((r) => r.metrics), false)
    .filter((row) => meaningfulRow(row.key, row.values))
    .map((row) => {
      const values = row.values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
      return { key: row.key, values, best: bestColumn(row.key, values) };
    });
  return { runs: runs.map((r) => ({ ref: r.ref, id: r.id, name: r.name, family: r.family })), config: [...setupRows, ...recipeRows], metrics };
}
