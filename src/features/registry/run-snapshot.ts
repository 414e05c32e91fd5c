import type { RunRecord } from '../../db/records';
import { runArtifacts } from '../../db/runs-repo';
import type { NewVersion } from '../../db/registry-repo';
import { measureCalibration } from '../evaluate/CalibrationPanel';
import { familyOfRun } from '../families/registry';
import { snake, targetModelType } from './model-type';

/** Fields every run has that describe how it went, not how it was set up. */
const VOLATILE = new Set(['id', 'name', 'datasetId', 'backendRequested', 'backend', 'backendNote', 'status', 'message', 'splitSizes', 'featureNames', 'startedAt', 'finishedAt', 'durationMs', 'epochsRun', 'bestEpoch', 'finalMetrics', 'memoryWarning', 'tags', 'notes']);

/** A run's setup: what a version diff compares (family, dataset, task, split, model config…). */
export function runConfig(run: RunRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(run).filter(([k]) => !VOLATILE.has(k)));
}

/** What a data scientist would call the model (`{target}_{classifier|grader|regressor}`, …): its family's own name for it. */
export function defaultModelType(run: RunRecord): { modelType: string; suffix: string } {
  // a search is never offered (it is not a model; its best trial is trained as a run of its family), but is named like a model of its target
  if (run.family === 'search') return 'task' in run ? { modelType: targetModelType(run.task.target, run.task.kind), suffix: 'search' } : { modelType: `${run.trialFamily}_search`, suffix: 'search' };
  return familyOfRun(run)?.modelType(run) ?? { modelType: snake(run.name), suffix: '' };
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
