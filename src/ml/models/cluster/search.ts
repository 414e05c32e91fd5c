import { unknownSettings, type SearchFamily, type SearchMetric } from '../../tune/family';
import type { ParamValue, Params, SearchSpace } from '../../tune/space';
import { clusterRecipeProblems, type ClusterRecipe } from './defaults';
import { clusterMetrics, fitCluster, prepareCluster, type ClusterInput } from './model';

/**
 * What a clustering search may set: k and the number of k-means++ starts. The features (and so
 * the TF-IDF vocabulary) are the base's, prepared once, so every trial clusters the same vectors
 * and the internal indices compare like with like.
 */
export const TUNABLE_CLUSTER = ['k', 'nInit'] as const;
type Tunable = (typeof TUNABLE_CLUSTER)[number];

const RANGES = {
  k: { kind: 'int', low: 2, high: 16 },
  nInit: { kind: 'int', low: 1, high: 8 },
} as const;

/** Internal indices only: there are no labels to score a clustering against. */
const METRICS: SearchMetric[] = [
  { key: 'silhouette', direction: 'maximize' },
  { key: 'calinski_harabasz', direction: 'maximize' },
  { key: 'davies_bouldin', direction: 'minimize' },
];

function int(name: string, v: ParamValue): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return Math.round(v);
}

export function applyClusterParams(base: ClusterRecipe, params: Params): ClusterRecipe {
  const c: ClusterRecipe = structuredClone(base);
  for (const [name, v] of Object.entries(params)) {
    if (!(TUNABLE_CLUSTER as readonly string[]).includes(name)) throw new Error(`${name}: not a tunable clustering setting`);
    c[name as Tunable] = int(name, v);
  }
  const errs = clusterRecipeProblems(c);
  if (errs.length) throw new Error(errs.join('; '));
  return c;
}

export interface ClusterSearchInput {
  input: ClusterInput;
  config: ClusterRecipe;
}

export const clusterSearch: SearchFamily<ClusterSearchInput, ClusterRecipe> = {
  id: 'cluster',
  label: 'clustering',
  resource: null,
  firstRung: 1,
  params: RANGES,
  spaceErrors: (space) => unknownSettings(space, TUNABLE_CLUSTER, 'clustering setting'),
  defaultSpace: (): SearchSpace => [{ name: 'k', ...RANGES.k }],
  metrics: () => METRICS.map((m) => ({ ...m })),
  applyParams: applyClusterParams,
  maxSteps: () => 1,
  engine: null,
  describeInput: (i) => `${i.input.frame.rowCount.toLocaleString('en-US')} rows of ${i.input.source}`,
  prepare: ({ input, metric }) => {
    if (!METRICS.some((m) => m.key === metric)) throw new Error(`no clustering metric "${metric}" (use ${METRICS.map((x) => x.key).join(', ')})`);
    const prepared = prepareCluster(input.input, input.config);
    return {
      splitSizes: { train: prepared.fitRows.length, validation: prepared.heldOutRows.length, test: 0 },
      featureNames: prepared.space.names,
      droppedRows: 0,
      runTrial: async (config) => {
        const value = clusterMetrics(fitCluster(prepared, config), prepared)[metric];
        return { value, steps: 1 };
      },
    };
  },
};
