import { familyById } from '../models/families';

/**
 * Which runs may become model versions. A version is what a service fetches by alias, so it must
 * be a model someone could ship: a run that finished (not interrupted, failed or stuck in NaN), trained
 * at least one epoch, kept its weights and has validation figures. The registry store and the UI both
 * ask here, so no path registers what the other would refuse.
 */

/** What the check needs to know of a run (structurally: Kiln's run records and their artifact kinds). */
export interface RegistrationFacts {
  family: string;
  status: string;
  /** epochs trained, for the families that train by epoch */
  epochsRun?: number;
  /** a k-fold run: folds were scored, no single model was kept */
  crossValidation: boolean;
  /** the run's evaluation mode, for a family that records one ('cv' keeps no model) */
  evaluationMode?: string;
  finalMetrics?: Record<string, number>;
  /** the kinds of the artifacts the run stored */
  artifacts: readonly string[];
}

/** The statuses of a run that ended with weights worth keeping (a Stop keeps the best epoch's). */
export const REGISTRABLE_STATUSES: ReadonlySet<string> = new Set(['completed', 'early-stopped', 'user-stopped']);


const STATUS_REASON: Record<string, string> = {
  running: 'it is still training; register it once it has finished',
  interrupted: 'it was interrupted (the tab closed or the worker stopped) before it finished, so it kept no model; resume it from a checkpoint or train it again',
  failed: 'it failed and kept no model',
  'non-finite-loss': 'its loss became NaN or infinite, so its weights are not usable',
};

/** Why `run` cannot be registered, in words a person can act on; null when it can. */
export function registrationProblem(run: RegistrationFacts): string | null {
  if (run.family === 'search') return 'a search is not a model; train its best trial as a run and register that run';
  if (!REGISTRABLE_STATUSES.has(run.status)) return `this run cannot be registered: ${STATUS_REASON[run.status] ?? `its status is "${run.status}"`}`;
  if (run.crossValidation || run.evaluationMode === 'cv') return 'this run cannot be registered: cross-validation scores folds and keeps no single model; train the same setup with a holdout split and register that run';
  const family = familyById(run.family);
  if (family?.unit === 'epoch' && !((run.epochsRun ?? 0) >= 1)) return 'this run cannot be registered: it trained 0 epochs, so it has no model';
  const needed = family?.modelArtifacts;
  if (!needed) return `this run cannot be registered: Kiln does not export "${run.family}" models`;
  const missing = needed.filter((k) => !run.artifacts.includes(k));
  if (missing.length > 0) return `this run cannot be registered: it has no stored model to export (missing ${missing.join(', ')})`;
  const finite = Object.values(run.finalMetrics ?? {}).some((v) => typeof v === 'number' && Number.isFinite(v));
  if (!finite) return 'this run cannot be registered: it has no validation metrics';
  return null;
}
