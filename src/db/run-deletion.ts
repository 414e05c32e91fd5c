import { aliasAt, aliasesOnVersions, type AliasOnVersion } from '../ml/registry/aliases';
import { db, type KilnDB } from './db';
import type { ArtifactRecord, CheckpointRecord, ModelEventRecord, ModelVersionRecord, RunMetricRecord, RunRecord } from './records';

/** What deleting a run touches in the registry: the versions registered from it and the aliases on them. */
export interface RunDeletionPlan {
  versions: ModelVersionRecord[];
  aliases: AliasOnVersion[];
  /** production / staging aliases on its versions: the deletion is refused until they move */
  blocking: AliasOnVersion[];
}

/** Everything a deletion removed, kept by the caller so it can be undone. */
export interface DeletedRun {
  run: RunRecord;
  metrics: RunMetricRecord[];
  artifacts: ArtifactRecord[];
  checkpoints: CheckpointRecord[];
  /** versions this deletion archived (ones archived before are left as they were by an undo) */
  archived: string[];
  /** aliases this deletion removed from the run's versions */
  removedAliases: AliasOnVersion[];
}

export async function runDeletionPlan(runId: string, d: KilnDB = db): Promise<RunDeletionPlan> {
  const versions = await d.models.where('runId').equals(runId).toArray();
  if (versions.length === 0) return { versions, aliases: [], blocking: [] };
  const events = await d.modelEvents.where('modelType').anyOf([...new Set(versions.map((v) => v.modelType))]).toArray();
  const { all, blocking } = aliasesOnVersions(events, versions);
  return { versions, aliases: all, blocking };
}

const names = (as: AliasOnVersion[]) => as.map((a) => `${a.alias} → ${a.version}`).join(', ');

/** Appends an alias move the same way moveAlias does (in order even when the clock stepped back). */
async function appendMove(d: KilnDB, modelType: string, alias: string, to: string | null, note: string): Promise<void> {
  const events = await d.modelEvents.where('modelType').equals(modelType).toArray();
  const from = aliasAt(events, modelType, alias, Number.POSITIVE_INFINITY);
  if (from === to) return;
  const last = events.reduce((m, e) => Math.max(m, e.at), 0);
  const ev: ModelEventRecord = { modelType, alias, from, to, at: Math.max(Date.now(), last), note, kind: 'move' };
  await d.modelEvents.add(ev);
}

/**
 * Deletes a run and everything that hangs off it in one transaction. A registered run is deleted
 * too, but never from under a service: while production or staging points at one of its versions
 * the deletion is refused, naming them. Otherwise its versions are archived (their copied config and
 * metrics stay in the registry's history) and other aliases on them (dev, custom) are removed with a
 * note. Returns what was removed, for an undo.
 */
export async function deleteRun(id: string, d: KilnDB = db): Promise<DeletedRun> {
  return d.transaction('rw', [d.runs, d.runMetrics, d.artifacts, d.models, d.modelEvents, d.checkpoints], async () => {
    const run = await d.runs.get(id);
    if (!run) throw new Error(`run ${id} is not in this browser's storage`);
    const plan = await runDeletionPlan(id, d);
    if (plan.blocking.length > 0) {
      throw new Error(`run "${run.name}" cannot be deleted while ${names(plan.blocking)} points at its version${plan.blocking.length > 1 ? 's' : ''}: services fetch that alias. Point it at another version (or roll it back) in the registry first.`);
    }
    for (const a of plan.aliases) await appendMove(d, a.modelType, a.alias, null, `run "${run.name}" deleted`);
    const archived = plan.versions.filter((v) => !v.archived).map((v) => v.id);
    for (const v of archived) await d.models.update(v, { archived: true });
    const tomb: DeletedRun = {
      run,
      metrics: await d.runMetrics.where('runId').equals(id).toArray(),
      artifacts: await d.artifacts.where('runId').equals(id).toArray(),
      checkpoints: await d.checkpoints.where('runId').equals(id).toArray(),
      archived,
      removedAliases: plan.aliases,
    };
    await d.runMetrics.where('runId').equals(id).delete();
    await d.artifacts.where('runId').equals(id).delete();
    await d.checkpoints.where('runId').equals(id).delete();
    await d.runs.delete(id);
    return tomb;
  });
}

/**
 * Undoes a deletion: the run, its curves, artifacts and checkpoint come back, the versions it
 * archived are restored, and each alias it removed points back at its version unless that alias has
 * been pointed somewhere since (a newer decision is not overwritten).
 */
export async function restoreRun(t: DeletedRun, d: KilnDB = db): Promise<void> {
  await d.transaction('rw', [d.runs, d.runMetrics, d.artifacts, d.models, d.modelEvents, d.checkpoints], async () => {
    if (await d.runs.get(t.run.id)) throw new Error(`run "${t.run.name}" is already here`);
    await d.runs.put(t.run);
    await d.runMetrics.bulkPut(t.metrics);
    await d.artifacts.bulkPut(t.artifacts);
    await d.checkpoints.bulkPut(t.checkpoints);
    for (const id of t.archived) if (await d.models.get(id)) await d.models.update(id, { archived: false });
    for (const a of t.removedAliases) {
      const events = await d.modelEvents.where('modelType').equals(a.modelType).toArray();
      if (aliasAt(events, a.modelType, a.alias, Number.POSITIVE_INFINITY) === null) await appendMove(d, a.modelType, a.alias, a.version, `undo: run "${t.run.name}" restored`);
    }
  });
}
