import type { Params } from '../ml/tune/space';
import type { StudySpec } from '../ml/tune/study';

/** The Kiln server's study API (proxy/src/routes/study-routes.ts): the shapes on the wire, shared by the server, the CLI and the studio. */

export type RemoteTrialState = 'waiting' | 'running' | 'complete' | 'pruned' | 'failed';

export interface CreateStudy {
  name: string;
  /** a Kiln recipe (src/ml/recipe/recipe.ts): the family, its base config and where its data is */
  recipe: Record<string, unknown>;
  spec: StudySpec;
  /** how long a claim holds a trial without a report or heartbeat (default 60) */
  leaseSeconds?: number;
  /** claims a trial may have before a lost lease marks it failed (default 3) */
  maxAttempts?: number;
}

export interface RemoteTrial {
  number: number;
  state: RemoteTrialState;
  params: Params | null;
  value: number | null;
  steps: number;
  prunedAt: number | null;
  error: string | null;
  attempt: number;
  worker: string | null;
  leaseUntil: number | null;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
  /** the current attempt's reported values */
  intermediate: { step: number; value: number | null }[];
}

export interface StudySummary {
  name: string;
  family: string;
  author: string;
  createdAt: number;
  trials: number;
  counts: Record<RemoteTrialState, number>;
  metric: string;
  direction: 'maximize' | 'minimize';
  best: { number: number; value: number } | null;
  done: boolean;
}

export interface StudyDetail extends StudySummary {
  recipe: Record<string, unknown>;
  spec: StudySpec;
  leaseSeconds: number;
  maxAttempts: number;
  trialList: RemoteTrial[];
  claims: { number: number; attempt: number; worker: string; tookOver: boolean; at: number }[];
}

export interface ClaimRequest {
  worker: string;
}

/** A claimed trial, or none: `done` when every trial has ended, else the others are running (ask again later). */
export type ClaimResult = { trial: { number: number; attempt: number; params: Params; leaseUntil: number; tookOver: boolean } } | { trial: null; done: boolean };

export interface TrialReport {
  attempt: number;
  step: number;
  value: number | null;
}

export interface TrialFinish {
  attempt: number;
  state: 'complete' | 'pruned' | 'failed';
  value: number | null;
  steps: number;
  durationMs: number;
  error?: string;
  prunedAt?: number;
}
