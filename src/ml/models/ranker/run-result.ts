import type { RankerReport } from './train-ranker';

/** What a finished ranker run keeps besides its weights: the report and the pool's scores (the ranked list). */
export interface RankerRunResult {
  report: RankerReport;
  /** pool item ids, in the order of `scores` */
  ids: string[];
  scores: Float32Array;
  relevance: Float64Array | null;
  /** labels the run used, and those whose items had left the pool */
  labels: { used: number; missing: number; ties: number };
}
