import type { RunRecord } from '../../db/records';
import { formatCompared } from '../../ml/compare/compare-runs';
import { formatDuration } from '../train/TrainControls';

const when = (t: number) => new Date(t).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A compared value as a person reads it: dates and durations formatted, sentinels (a holdout run's fold -1) as "—". */
export function showValue(key: string, v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'number') {
    if (/(^|\.)fold$/.test(key) && v < 0) return '—';
    if (/At$/.test(key) && v > 1e11) return when(v);
    if (/Ms$/.test(key)) return formatDuration(v);
  }
  return formatCompared(v);
}

/** Run names for column heads: two runs with one name get their start time and a short id. */
export function runLabels(runs: readonly RunRecord[]): string[] {
  const count = new Map<string, number>();
  for (const r of runs) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return runs.map((r) => ((count.get(r.name) ?? 0) > 1 ? `${r.name} · ${new Date(r.startedAt).toLocaleTimeString()} · #${r.id.slice(-4)}` : r.name));
}

/** A filter / sort key in words: `startedAt` → "started", `metric:roc_auc` → "roc_auc", `model.learningRate` → "model › learning rate". */
export function keyLabel(key: string): string {
  if (key === 'startedAt') return 'started';
  if (key.startsWith('metric:')) return key.slice(7);
  return key
    .split('.')
    .map((p) => p.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' › ');
}

/**
 * The setup keys worth filtering on: ones whose value differs between runs (a key equal everywhere
 * filters nothing), without the stored internals (feature lists, vocabularies: arrays of values).
 */
export function filterableParams(flat: readonly Record<string, unknown>[]): string[] {
  const keys = new Set(flat.flatMap((f) => Object.keys(f)));
  return [...keys]
    .filter((k) => {
      const vs = flat.map((f) => f[k]);
      if (vs.some((v) => Array.isArray(v) || (v !== null && typeof v === 'object'))) return false;
      return new Set(vs.map((v) => JSON.stringify(v))).size > 1;
    })
    .sort();
}
