import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { KilnDB } from './db';
import { freshDatabases } from '../test-utils/test-db';
import type { ArtifactRecord, RunRecord } from './records';
import { listEvents, moveAlias, registerVersion, setArchived, type NewVersion } from './registry-repo';
import { deleteRun, restoreRun, runDeletionPlan } from './run-deletion';
import { appendMetrics, putRun, runSeries } from './runs-repo';

const fresh = freshDatabases('kiln-deletion');

const run = (id: string, over: Partial<RunRecord> = {}): RunRecord =>
  ({
    family: 'tabular',
    id,
    name: `run ${id}`,
    datasetId: 'ds',
    datasetName: 'ds.csv',
    task: { target: 'y', kind: 'binary', features: ['x'] },
    split: { strategy: 'random', seed: 1, validationFraction: 0.2, testFraction: 0 },
    preprocess: { standardize: true, maxCategories: 5, numericImpute: 'mean', missingIndicators: false },
    model: {},
    backendRequested: 'wasm',
    status: 'completed',
    epochsRun: 4,
    finalMetrics: { accuracy: 0.9 },
    startedAt: 1,
    ...over,
  }) as RunRecord;

const model = (runId: string): ArtifactRecord[] => (['tabular-model', 'preprocess', 'predictions'] as const).map((kind) => ({ id: `${runId}:${kind}`, runId, kind, data: {}, createdAt: 1 }) as unknown as ArtifactRecord);
const version = (runId: string): NewVersion => ({ modelType: 'churn_classifier', suffix: null, runId, runName: `run ${runId}`, family: 'tabular', note: '', config: {}, metrics: { accuracy: 0.9 }, calibration: null });

async function stored(d: KilnDB, id: string, over: Partial<RunRecord> = {}, artifacts = true) {
  await putRun(run(id, over), d);
  if (artifacts) await d.artifacts.bulkPut(model(id));
}

describe('the registry refuses junk', () => {
  it('an interrupted 0-epoch run without metrics cannot be registered through the repository', async () => {
    const d = fresh();
    await stored(d, 'i', { status: 'interrupted', epochsRun: undefined, finalMetrics: undefined }, false);
    await expect(registerVersion(version('i'), 'minor', d)).rejects.toThrow(/interrupted/);
    await stored(d, 'nomodel');
    await d.artifacts.where('runId').equals('nomodel').delete();
    await expect(registerVersion(version('nomodel'), 'minor', d)).rejects.toThrow(/no stored model/);
    await expect(registerVersion(version('ghost'), 'minor', d)).rejects.toThrow(/not in this browser's storage/);
    expect(await d.models.count()).toBe(0);
    await stored(d, 'ok');
    expect((await registerVersion(version('ok'), 'minor', d)).id).toBe('churn_classifier_v1.0');
  });
});

describe('deleting a registered run', () => {
  it('is refused while production or staging points at its version, naming them', async () => {
    const d = fresh();
    await stored(d, 'a');
    const v = await registerVersion(version('a'), 'minor', d);
    await moveAlias('churn_classifier', 'staging', v.id, '', 'move', d);
    await expect(deleteRun('a', d)).rejects.toThrow(/staging → churn_classifier_v1.0/);
    expect(await d.runs.get('a')).toBeDefined();
    expect((await d.models.get(v.id))?.archived).toBe(false);
  });

  it('archives its versions, removes other aliases, and an undo brings all of it back', async () => {
    const d = fresh();
    await stored(d, 'a');
    await stored(d, 'b');
    const va = await registerVersion(version('a'), 'minor', d);
    const vb = await registerVersion(version('b'), 'minor', d);
    await moveAlias('churn_classifier', 'dev', va.id, '', 'move', d);
    await moveAlias('churn_classifier', 'production', vb.id, '', 'move', d);
    await appendMetrics([{ runId: 'a', kind: 'epoch', seq: 1, trainLoss: 1, valLoss: 1, valMetrics: {}, numTensors: 1, elapsedMs: 1, samplesPerSec: 1 }], d);
    const plan = await runDeletionPlan('a', d);
    expect(plan.versions.map((v) => v.id)).toEqual([va.id]);
    expect(plan.aliases).toEqual([{ modelType: 'churn_classifier', alias: 'dev', version: va.id }]);
    expect(plan.blocking).toEqual([]);

    const tomb = await deleteRun('a', d);
    expect(await d.runs.get('a')).toBeUndefined();
    expect(await d.artifacts.where('runId').equals('a').count()).toBe(0);
    expect((await d.models.get(va.id))?.archived).toBe(true);
    const events = await listEvents(d);
    expect(events.at(-1)).toMatchObject({ alias: 'dev', from: va.id, to: null, note: 'run "run a" deleted' });
    // the version keeps its copy of config and metrics, but cannot be restored without its run
    await expect(setArchived(va.id, false, d)).rejects.toThrow(/its run "run a" was deleted/);
    await expect(moveAlias('churn_classifier', 'production', va.id, '', 'move', d)).rejects.toThrow(/archived/);

    await restoreRun(tomb, d);
    expect((await d.runs.get('a'))?.name).toBe('run a');
    expect((await runSeries('a', d)).epochs).toHaveLength(1);
    expect(await d.artifacts.where('runId').equals('a').count()).toBe(3);
    expect((await d.models.get(va.id))?.archived).toBe(false);
    expect((await listEvents(d)).at(-1)).toMatchObject({ alias: 'dev', from: null, to: va.id });
    await expect(restoreRun(tomb, d)).rejects.toThrow(/already here/);
  });

  it('an undo does not take back an alias that was pointed elsewhere since', async () => {
    const d = fresh();
    await stored(d, 'a');
    await stored(d, 'b');
    const va = await registerVersion(version('a'), 'minor', d);
    const vb = await registerVersion(version('b'), 'minor', d);
    await moveAlias('churn_classifier', 'dev', va.id, '', 'move', d);
    const tomb = await deleteRun('a', d);
    await moveAlias('churn_classifier', 'dev', vb.id, 'newer decision', 'move', d);
    await restoreRun(tomb, d);
    expect((await listEvents(d)).at(-1)).toMatchObject({ alias: 'dev', to: vb.id, note: 'newer decision' });
  });
});
