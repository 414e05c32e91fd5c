import type { SearchRunRecord } from '../../db/records';
import { metricName } from '../../ml/metrics/metric-names';
import type { ClusterRecipe } from '../../ml/models/cluster/defaults';
import { splitClusterRows } from '../../ml/models/cluster/model';
import type { ParamSpec, SearchSpace } from '../../ml/tune/space';

export type ClusterSearchRun = Extract<SearchRunRecord, { trialFamily: 'cluster' }>;

/** There are no labels to score a clustering against: which way each internal index improves is what a reader needs beside its value. */
const SENSE: Readonly<Record<string, string>> = {
  silhouette: 'higher is better, 1 at most',
  calinski_harabasz: 'higher is better',
  davies_bouldin: 'lower is better, 0 at best',
};

export function clusterMetricSense(metric: string): string {
  return `${metricName(metric)} (${SENSE[metric] ?? 'as the search optimises it'})`;
}

function values(p: ParamSpec): number[] {
  if (p.kind === 'categorical') return (p.choices ?? []).filter((c): c is number => typeof c === 'number');
  return [p.low, p.high].filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** A setting as the search draws it: its range or choices, or the base's value when the space leaves it out. */
function searched(space: SearchSpace, name: 'k' | 'nInit', base: ClusterRecipe): string {
  const p = space.find((q) => q.name === name);
  if (!p) return `${base[name]} (the base's)`;
  if (p.kind === 'categorical') return `one of ${(p.choices ?? []).join(', ')}`;
  return `${p.low ?? '?'}…${p.high ?? '?'}${p.step && p.step !== 1 ? ` step ${p.step}` : ''}`;
}

/** What a clustering search tries and how it scores a trial, in one line. */
export function describeClusterSearch(space: SearchSpace, metric: string, base: ClusterRecipe): string {
  return `k ${searched(space, 'k', base)} · starts (n_init) ${searched(space, 'nInit', base)} · scored by ${clusterMetricSense(metric)}`;
}

/** The vectors every trial clusters. */
export function describeClusterFeatures(c: ClusterRecipe): string {
  const f = c.features;
  const parts = [f.text.length ? `TF-IDF of ${f.text.join(' + ')} (max ${c.tfidf.maxFeatures.toLocaleString('en-US')} terms)` : '', f.numeric.length ? `${f.numeric.join(', ')} (z-scores)` : '', f.embedding ? `the embedding ${f.embedding}` : ''];
  return parts.filter(Boolean).join(' · ') || 'no features chosen';
}

/** How many rows a fit with this recipe clusters (the held-out rows are assigned afterwards); null while the recipe cannot say. */
export function clusterFitRows(rowCount: number, c: Pick<ClusterRecipe, 'heldOutFraction' | 'seed' | 'subsample' | 'subsampleSeed'>): number | null {
  try {
    return splitClusterRows(rowCount, c).fit.length;
  } catch {
    return null;
  }
}

/**
 * What stops a search before its first trial: a k the fit cannot have (more clusters than fitted
 * rows) or one the indices cannot score (a single cluster has no between-cluster spread).
 */
export function clusterTuneProblems(space: SearchSpace, fitRows: number | null): string[] {
  const k = space.find((p) => p.name === 'k');
  if (!k) return [];
  const v = values(k);
  if (v.length === 0) return [];
  const problems: string[] = [];
  if (Math.round(Math.min(...v)) < 2) problems.push(`k: the internal indices need at least 2 clusters; start the range at 2`);
  if (fitRows !== null && Math.round(Math.max(...v)) > fitRows) problems.push(`k: the space reaches k = ${Math.round(Math.max(...v))} but the fit has ${fitRows.toLocaleString('en-US')} rows; lower its high end`);
  return problems;
}

/** The search run view's facts: the vectors clustered, and what was searched under which index. */
export function clusterSearchFacts(run: Pick<ClusterSearchRun, 'base' | 'study'>): [string, string][] {
  const c = run.base;
  return [
    ['Features', `${describeClusterFeatures(c)} · seed ${c.seed} · ${Math.round(c.heldOutFraction * 100)}% of rows held out`],
    ['Searched', describeClusterSearch(run.study.space, run.study.metric, c)],
  ];
}
