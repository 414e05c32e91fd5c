import type { RunRecord } from '../../db/records';
import { runArtifacts } from '../../db/runs-repo';
import type { NewVersion } from '../../db/registry-repo';
import { measureCalibration } from '../evaluate/CalibrationPanel';

/** Fields every run has that describe how it went, not how it was set up. */
const VOLATILE = new Set(['id', 'name', 'datasetId', 'backendRequested', 'backend', 'backendNote', 'status', 'message', 'splitSizes', 'featureNames', 'startedAt', 'finishedAt', 'durationMs', 'epochsRun', 'bestEpoch', 'finalMetrics', 'memoryWarning', 'tags', 'notes']);

/** A run's setup: what a version diff compares (family, dataset, task, split, model config…). */
export function runConfig(run: RunRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(run).filter(([k]) => !VOLATILE.has(k)));
}

const snake = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^(\d)/, 'm_$1') || 'model';

/** What a data scientist would call the model: `{target}_{classifier|grader|regressor}`, `job_matcher`, … */
export function defaultModelType(run: RunRecord): { modelType: string; suffix: string } {
  switch (run.family) {
    case 'tabular':
    case 'gbdt': {
      const k = run.task.kind;
      const role = k === 'ordinal' ? 'grader' : k === 'regression' ? 'regressor' : 'classifier';
      return { modelType: `${snake(run.task.target)}_${role}`.replace(/_v\d+$/, ''), suffix: run.family === 'gbdt' ? `gbdt${k === 'ordinal' ? '-ordinal' : ''}` : k === 'ordinal' ? 'ordinal' : '' };
    }
    case 'sequence':
      return { modelType: 'career_trajectory', suffix: 'bilstm' };
    case 'ranker':
      return { modelType: 'pairwise_ranker', suffix: '' };
    case 'matcher':
      return { modelType: 'job_matcher', suffix: run.config.learnedMode === 'logistic' ? 'logistic' : 'lsq' };
    case 'search':
      // never offered (a search is not a model; its best trial is trained as a tabular run), but named like that run would be
      if (!('task' in run)) return { modelType: `${run.trialFamily}_search`, suffix: 'search' };
      return { modelType: `${snake(run.task.target)}_${run.task.kind === 'regression' ? 'regressor' : run.task.kind === 'ordinal' ? 'grader' : 'classifier'}`, suffix: 'search' };
  }
}

/** The version record for a run: its setup and final metrics copied, and its calibration (ECE / Brier before and after) when it has one. */
export async function versionOf(run: RunRecord, modelType: string, suffix: string, note: string): Promise<NewVersion> {
  let calibration: NewVersion['calibration'] = null;
  const items = await runArtifacts(run.id);
  const p = items.find((a) => a.kind === 'predictions');
  const c = items.find((a) => a.kind === 'calibrator');
  if (p?.kind === 'predictions' && c?.kind === 'calibrator' && p.data.test.y.length > 0) {
    const m = measureCalibration(p.data, c.data);
    const pick = (x: typeof m.before) => Object.fromEntries(Object.entries(x).filter((e): e is [string, number] => typeof e[1] === 'number'));
    calibration = { method: c.data.method, before: pick(m.before), after: pick(m.after) };
  }
  return { modelType, suffix: suffix.trim() || null, runId: run.id, runName: run.name, family: run.family, note, config: runConfig(run), metrics: run.finalMetrics ?? {}, calibration };
}
