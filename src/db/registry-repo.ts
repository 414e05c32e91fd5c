import { aliasAt, rollbackTarget } from '../ml/registry/aliases';
import { registrationProblem, type RegistrationFacts } from '../ml/registry/eligibility';
import { formatModelId, nextModelId } from '../ml/registry/model-id';
import { db, type KilnDB } from './db';
import type { ModelEventRecord, ModelVersionRecord, RunRecord } from './records';

export type NewVersion = Omit<ModelVersionRecord, 'id' | 'major' | 'minor' | 'registeredAt' | 'archived'>;

/** What the registration check reads of a stored run. */
export function registrationFacts(run: RunRecord, artifactKinds: readonly string[]): RegistrationFacts {
  return {
    family: run.family,
    status: run.status,
    epochsRun: run.epochsRun,
    // by the record's shape: a run that can cross-validate says so in `cv` or in its evaluation mode
    crossValidation: 'cv' in run && !!run.cv,
    evaluationMode: 'evaluation' in run ? run.evaluation.mode : undefined,
    finalMetrics: run.finalMetrics,
    artifacts: artifactKinds,
  };
}

/** Why the stored run `runId` cannot be registered (it is gone, unfinished, has no model…); null when it can. */
export async function runRegistrationProblem(runId: string, d: KilnDB = db): Promise<string | null> {
  const run = await d.runs.get(runId);
  if (!run) return `run ${runId} is not in this browser's storage`;
  const kinds = new Set<string>();
  await d.artifacts.where('runId').equals(runId).each((a) => void kinds.add(a.kind));
  return registrationProblem(registrationFacts(run, [...kinds]));
}

/**
 * Registers a run as the next version of its type (minor or major bump), in one transaction so two
 * tabs cannot take one id. Refused, with the reason, unless the run finished with a model to export.
 */
export async function registerVersion(v: NewVersion, bump: 'minor' | 'major', d: KilnDB = db): Promise<ModelVersionRecord> {
  return d.transaction('rw', [d.models, d.runs, d.artifacts], async () => {
    const problem = await runRegistrationProblem(v.runId, d);
    if (problem) throw new Error(problem);
    const existing = (await d.models.where('modelType').equals(v.modelType).toArray()).map((m) => m.id);
    const id = nextModelId(existing, v.modelType, bump, v.suffix);
    const rec: ModelVersionRecord = { ...v, id: formatModelId(id), major: id.major, minor: id.minor, suffix: id.suffix, registeredAt: Date.now(), archived: false };
    await d.models.add(rec);
    return rec;
  });
}

export async function listVersions(d: KilnDB = db): Promise<ModelVersionRecord[]> {
  return d.models.orderBy('registeredAt').toArray();
}

export async function listEvents(d: KilnDB = db): Promise<ModelEventRecord[]> {
  return d.modelEvents.orderBy('seq').toArray();
}

/** Archives or restores a version; a version whose run was deleted stays archived (nothing is left to export). */
export async function setArchived(id: string, archived: boolean, d: KilnDB = db): Promise<void> {
  await d.transaction('rw', d.models, d.runs, async () => {
    const v = await d.models.get(id);
    if (!v) throw new Error(`${id} is not a registered version`);
    if (!archived && !(await d.runs.get(v.runId))) throw new Error(`${id} cannot be restored: its run "${v.runName}" was deleted, so it has no model to serve`);
    await d.models.update(id, { archived });
  });
}

/**
 * Points `alias` of `modelType` at `to` (null removes it), appending the move. The previous
 * target is read inside the same transaction, so `from` is always the state the move replaced.
 */
export async function moveAlias(modelType: string, alias: string, to: string | null, note: string, kind: ModelEventRecord['kind'] = 'move', d: KilnDB = db): Promise<ModelEventRecord> {
  return d.transaction('rw', d.models, d.modelEvents, async () => {
    if (to !== null) {
      const v = await d.models.get(to);
      if (!v) throw new Error(`${to} is not a registered version`);
      if (v.modelType !== modelType) throw new Error(`${to} is a version of ${v.modelType}, not of ${modelType}`);
      if (v.archived) throw new Error(`${to} is archived; restore it before pointing ${alias} at it`);
    }
    const events = await d.modelEvents.where('modelType').equals(modelType).toArray();
    const from = aliasAt(events, modelType, alias, Number.POSITIVE_INFINITY);
    if (from === to) throw new Error(`${alias} already points to ${to ?? 'nothing'}`);
    // the clock can step back (NTP, another tab): keep the history in order anyway
    const last = events.reduce((m, e) => Math.max(m, e.at), 0);
    const ev: ModelEventRecord = { modelType, alias, from, to, at: Math.max(Date.now(), last), note, kind };
    ev.seq = await d.modelEvents.add(ev);
    return ev;
  });
}

/** Moves `alias` back to the version it held before its current one (one action; repeated, it walks further back). */
export async function rollbackAlias(modelType: string, alias: string, note: string, d: KilnDB = db): Promise<ModelEventRecord> {
  const events = await d.modelEvents.where('modelType').equals(modelType).toArray();
  const live = (await d.models.where('modelType').equals(modelType).toArray()).filter((v) => !v.archived).map((v) => v.id);
  const target = rollbackTarget(events, modelType, alias, live);
  if (!target) throw new Error(`${alias} of ${modelType} has no earlier version to roll back to`);
  return moveAlias(modelType, alias, target, note, 'rollback', d);
}
