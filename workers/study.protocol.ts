import type { NamedFrame } from '../src/ml/models/family';
import type { Recipe } from '../src/ml/recipe/recipe';
import type { WorkerEvent, WorkerSummary } from '../src/team/study-worker';

/**
 * A studio tab joining a study on the Kiln server as one more worker: the recipe's tables (read
 * in the page: a stored dataset with the recipe's fingerprint, a server table, rows in the recipe)
 * come with the request; the worker claims trials until none is left or it is stopped.
 */
export interface StudyJoin {
  type: 'join';
  id: string;
  server: string;
  token: string;
  study: string;
  worker: string;
  recipe: Recipe;
  tables: Record<string, NamedFrame>;
  leaseSeconds: number;
  metric: string;
  direction: 'maximize' | 'minimize';
}

export type StudyRequest = StudyJoin | { type: 'stop'; id: string };

export type StudyWorkerEventMsg =
  | { status: 'stage'; id: string; detail: string }
  | { status: 'event'; id: string; event: WorkerEvent }
  | { status: 'done'; id: string; summary: WorkerSummary }
  | { status: 'error'; id: string; message: string };
