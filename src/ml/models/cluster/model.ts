import { cellText, getColumn, type Frame } from '../../data/frame';
import { mulberry32, permutation } from '../../data/rng';
import { calinskiHarabaszScore, daviesBouldinScore } from '../../metrics/internal-indices';
import type { MetricMap } from '../../metrics/evaluate';
import { KMEANS_MODEL_ID, KMEANS_VERSION, type ClusterRecipe } from './defaults';
import { fitSpace, pickRaw, readRaw, transform, type FeatureSpace, type RawRows } from './features';
import { kmeans, squaredDistance, type Dense } from './kmeans';
import { MINIBATCH_ABOVE, miniBatchKmeans } from './minibatch';
import { sampledSilhouette } from './summary';
import { subsampleRows } from './stability';

/** Dense feature values (rows × features) a run may hold: 60 million float64 = 480 MB. */
export const MAX_DENSE_VALUES = 60_000_000;

export interface ClusterInput {
  frame: Frame;
  source: string;
}

export interface PreparedCluster {
  source: string;
  rowCount: number;
  /** dataset rows (0-based) the fit clusters, ascending */
  fitRows: Int32Array;
  /** dataset rows kept out and assigned afterwards, ascending */
  heldOutRows: Int32Array;
  space: FeatureSpace;
  X: Dense;
  heldOutX: Dense;
  /** the held-out rows as read (what the ONNX graph is fed) */
  heldOutRaw: RawRows;
  /** every dataset row as read, for assigning the rows outside the fit */
  allRaw: RawRows;
  /** a short text per fitted row for the projection's hover */
  hover: string[];
}

/** A fitted clustering: the feature transform, the centres, and the fitted rows' labels. */
export interface ClusterModel {
  /** `kmeans_v{major}.{minor}` */
  modelId: string;
  version: string;
  algorithm: 'lloyd' | 'minibatch';
  k: number;
  d: number;
  /** k × d, row-major */
  centers: Float64Array;
  space: FeatureSpace;
  inertia: number;
  nIter: number;
  converged: boolean;
  seed: number;
  rows: Int32Array;
  labels: Int32Array;
}

/** Held-out rows first (a seeded share), then the subsample of the rest: a subsample rerun keeps the same held-out rows. */
export function splitClusterRows(n: number, c: Pick<ClusterRecipe, 'heldOutFraction' | 'seed' | 'subsample' | 'subsampleSeed'>): { fit: Int32Array; heldOut: Int32Array } {
  // the held-out draw depends on the row count only (not the k-means seed), so two runs on one dataset share their held-out rows
  const order = permutation(n, mulberry32(0x5eed ^ n));
  const h = c.heldOutFraction > 0 ? Math.max(1, Math.round(n * c.heldOutFraction)) : 0;
  const heldOut = Int32Array.from(order.subarray(0, Math.min(h, n - 1))).sort();
  const rest = Int32Array.from(order.subarray(heldOut.length)).sort();
  return { fit: c.subsample < 1 ? subsampleRows(rest, c.subsample, c.subsampleSeed) : rest, heldOut };
}

function hoverTexts(frame: Frame, source: string, c: ClusterRecipe, rows: Int32Array, raw: RawRows): string[] {
  if (c.labelColumn && !frame.columns.some((x) => x.name === c.labelColumn)) throw new Error(`${source}: no column "${c.labelColumn}" (the recipe's labelColumn)`);
  const label = c.labelColumn ? getColumn(frame, c.labelColumn) : null;
  return Array.from(rows, (r, i) => {
    const head = label ? (cellText(label, r) ?? '') : '';
    const body = raw.text ? raw.text[i].replace(/\s+/g, ' ').slice(0, 160) : '';
    return [head, body].filter(Boolean).join(' — ') || `row ${r + 1}`;
  });
}

export function prepareCluster(input: ClusterInput, c: ClusterRecipe): PreparedCluster {
  const n = input.frame.rowCount;
  if (n < 2) throw new Error(`${input.source}: ${n} rows; clustering needs at least 2`);
  const { fit, heldOut } = splitClusterRows(n, c);
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const allRaw = readRaw(input.frame, c.features, all, input.source);
  const fitRaw = pickRaw(allRaw, fit);
  const heldOutRaw = pickRaw(allRaw, heldOut);
  const space = fitSpace(fitRaw, c.features, c.tfidf);
  // the vectors are dense float64: past this the tab (or the CLI) runs out of memory before k-means starts
  const values = n * space.names.length;
  if (values > MAX_DENSE_VALUES) {
    throw new Error(`${input.source}: ${n.toLocaleString('en-US')} rows × ${space.names.length.toLocaleString('en-US')} features is ${(values / 1e6).toFixed(0)} million values (${((values * 8) / 2 ** 30).toFixed(1)} GiB dense); lower tfidf.maxFeatures or cluster fewer rows (at most ${MAX_DENSE_VALUES / 1e6} million values)`);
  }
  return {
    source: input.source,
    rowCount: n,
    fitRows: fit,
    heldOutRows: heldOut,
    space,
    X: transform(space, fitRaw),
    heldOutX: transform(space, heldOutRaw),
    heldOutRaw,
    allRaw,
    hover: hoverTexts(input.frame, input.source, c, fit, fitRaw),
  };
}

export function fitCluster(p: PreparedCluster, c: ClusterRecipe): ClusterModel {
  if (c.k > p.X.n) throw new Error(`k: ${c.k} clusters need at least ${c.k} fitted rows (${p.source} gives ${p.X.n})`);
  const mini = c.algorithm === 'minibatch' || (c.algorithm === 'auto' && p.X.n > MINIBATCH_ABOVE);
  const o = { k: c.k, maxIter: c.maxIter, tol: c.tol, nInit: c.nInit, seed: c.seed };
  const r = mini ? miniBatchKmeans(p.X, { ...o, batchSize: c.batchSize }) : kmeans(p.X, o);
  return {
    modelId: KMEANS_MODEL_ID,
    version: `${KMEANS_VERSION.major}.${KMEANS_VERSION.minor}.0`,
    algorithm: mini ? 'minibatch' : 'lloyd',
    k: r.k,
    d: r.d,
    centers: r.centers,
    space: p.space,
    inertia: r.inertia,
    nIter: r.nIter,
    converged: r.converged,
    seed: c.seed,
    rows: p.fitRows,
    labels: r.labels,
  };
}

/** Squared distances to every centre (n × k) and the nearest (ties to the lowest index), as the ONNX graph computes them. */
export function assignRows(m: Pick<ClusterModel, 'k' | 'd' | 'centers'>, X: Dense): { labels: Int32Array; distances: Float64Array } {
  const labels = new Int32Array(X.n);
  const distances = new Float64Array(X.n * m.k);
  for (let i = 0; i < X.n; i++) {
    let best = 0;
    for (let c = 0; c < m.k; c++) {
      const v = (distances[i * m.k + c] = squaredDistance(X.data, i, m.centers, c, m.d));
      if (v < distances[i * m.k + best]) best = c;
    }
    labels[i] = best;
  }
  return { labels, distances };
}

/** Every dataset row's cluster: the fit's label for fitted rows, the nearest centre for the others. */
export function allAssignments(m: ClusterModel, p: PreparedCluster): Int32Array {
  const out = assignRows(m, transform(m.space, p.allRaw)).labels;
  m.rows.forEach((r, i) => (out[r] = m.labels[i]));
  return out;
}

export function clusterMetrics(m: ClusterModel, p: PreparedCluster): MetricMap {
  const distinct = new Set(m.labels).size;
  const ok = distinct >= 2 && distinct < p.X.n;
  const held = p.heldOutX.n ? assignRows(m, p.heldOutX) : null;
  let heldInertia = 0;
  if (held) held.labels.forEach((l, i) => (heldInertia += held.distances[i * m.k + l]));
  return {
    inertia: m.inertia,
    silhouette: sampledSilhouette(p.X, m.labels, m.seed),
    davies_bouldin: ok ? daviesBouldinScore(p.X, m.labels) : NaN,
    calinski_harabasz: ok ? calinskiHarabaszScore(p.X, m.labels) : NaN,
    held_out_inertia_per_row: held ? heldInertia / p.heldOutX.n : NaN,
    n_iter: m.nIter,
    k: m.k,
  };
}
