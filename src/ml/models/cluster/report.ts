import type { ClusterRecipe } from './defaults';
import { allAssignments, type ClusterModel, type PreparedCluster } from './model';
import type { Dense } from './kmeans';
import { miniBatchKmeans } from './minibatch';
import { project, type Projection } from './projection';
import { clusterSizes, kSweep, topTerms, type SweepPoint, type TopTerm } from './summary';

/** What a clustering run's report shows besides its metrics; plain arrays, stored with the run. */
export interface ClusterReport {
  /** the elbow and silhouette per k (empty when the recipe skips the sweep) */
  sweep: SweepPoint[];
  /** the fitted rows in 2-D, in the order of the model's rows */
  projection: Projection;
  /** hover text per fitted row */
  hover: string[];
  topTerms: TopTerm[][];
  sizes: number[];
  /** every dataset row's cluster (fitted rows: the fit's label; the others: the nearest centre) */
  assignments: Int32Array;
  heldOutRows: Int32Array;
}

export function clusterReport(m: ClusterModel, p: PreparedCluster, c: ClusterRecipe, onStage?: (stage: 'sweep' | 'projection') => void): ClusterReport {
  onStage?.('sweep');
  const o = { nInit: c.nInit, maxIter: c.maxIter, tol: c.tol, seed: c.seed };
  // each k is fitted as the run was: a mini-batch run's sweep is mini-batch too (a full Lloyd per k is what it avoided)
  const fit = m.algorithm === 'minibatch' ? (X: Dense, k: number) => miniBatchKmeans(X, { ...o, k, batchSize: c.batchSize }) : undefined;
  const sweep = c.sweep ? kSweep(p.X, c.sweep, o, fit) : [];
  onStage?.('projection');
  return {
    sweep,
    projection: project(p.X, c.projection, c.seed),
    hover: p.hover,
    topTerms: topTerms(m.space, m),
    sizes: clusterSizes(m.labels, m.k),
    assignments: allAssignments(m, p),
    heldOutRows: p.heldOutRows,
  };
}

/** The assignments as CSV: one line per dataset row, `row,cluster,held_out` (row 1-based as the table shows it). */
export function assignmentsCsv(r: Pick<ClusterReport, 'assignments' | 'heldOutRows'>, ids?: readonly (string | number | null)[]): string {
  const held = new Set(r.heldOutRows);
  const lines = [ids ? 'row,id,cluster,held_out' : 'row,cluster,held_out'];
  r.assignments.forEach((c, i) => {
    const id = ids ? `,${csvCell(String(ids[i] ?? ''))}` : '';
    lines.push(`${i + 1}${id},${c},${held.has(i) ? 1 : 0}`);
  });
  return lines.join('\n') + '\n';
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
