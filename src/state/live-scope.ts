import type { RunRecord } from '../db/records';
import { IDLE_RUN, type LiveRunState } from './live-run';
import { useRuns } from './runs-store';

const BUSY: ReadonlySet<LiveRunState['phase']> = new Set(['starting', 'training', 'stopping', 'saving']);

/** How much of a family store's live run the panel of one dataset may show. */
export interface LiveScope {
  /** the live run, when it was trained on this dataset (or is too new to be listed yet) */
  runId: string | null;
  /** the store's phase; 'idle' when its run belongs to another dataset and has ended */
  phase: LiveRunState['phase'];
  /** the live run when it belongs to another dataset, still busy or not */
  elsewhere: RunRecord | null;
}

/**
 * Each family store holds one live run, whatever dataset is selected. A panel shows that run's
 * split, curves, metrics and reports only on the dataset it trained on; on any other dataset it
 * shows nothing of it, except, while it still trains, that it does (its Stop stays reachable).
 */
export function liveScope(runId: string | null, phase: LiveRunState['phase'], datasetId: string, runs: readonly RunRecord[]): LiveScope {
  const run = runId === null ? undefined : runs.find((r) => r.id === runId);
  // a run not listed yet was started a moment ago from this very panel
  if (!run || run.datasetId === datasetId) return { runId, phase, elsewhere: null };
  return { runId: null, phase: BUSY.has(phase) ? phase : 'idle', elsewhere: run };
}

export function useLiveScope(runId: string | null, phase: LiveRunState['phase'], datasetId: string): LiveScope {
  const run = useRuns((s) => (runId === null ? undefined : s.runs.find((r) => r.id === runId)));
  return liveScope(runId, phase, datasetId, run ? [run] : []);
}

/** A store's state as the panel may show it: on another dataset, its actions and phase without any of its run's figures (`cleared` resets the store's own extra fields). */
export function scopedLive<S extends LiveRunState>(s: S, scope: LiveScope, cleared: Partial<S> = {}): S {
  if (!scope.elsewhere) return s;
  return { ...s, ...IDLE_RUN, phase: scope.phase, artifactsSaved: s.artifactsSaved, ...cleared };
}
