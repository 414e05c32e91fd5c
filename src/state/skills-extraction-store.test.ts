import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/db';
import { saveDataset } from '../db/datasets-repo';
import { listSkillRuns } from '../db/skill-runs-repo';
import { STRATEGIES } from '../ml/skills/extract';
import { useSkillsExtraction } from './skills-extraction-store';

// the real Dexie module on fake-indexeddb: a finished run must be in IndexedDB, and read back as it was shown
const texts = ['We use sklearn and SQL; Kubrenetes is a plus.', 'Machine-learning on kube.', 'Friendly team.'];
const gold = ['["scikit-learn", "SQL", "Kubernetes"]', '["machine learning", "Kubernetes"]', '[]'];
const frame = { rowCount: 3, columns: [{ name: 'posting', dtype: 'text' as const, values: texts }, { name: 'gold', dtype: 'text' as const, values: gold }] };
const dictionary = { name: 'ml', skills: [{ name: 'scikit-learn', aliases: ['sklearn'] }, { name: 'Kubernetes', aliases: ['k8s'] }, { name: 'SQL', aliases: [] }, { name: 'machine learning', aliases: ['ML'] }] };

describe('the extraction store', () => {
  beforeEach(async () => {
    await Promise.all([db.skillRuns.clear(), db.datasets.clear(), db.datasetColumns.clear()]);
    useSkillsExtraction.setState({ phase: 'idle', request: null, texts: [], hits: [], report: null, textsNote: null, error: null, runs: [], runsLoaded: false, deleted: null });
  });

  it('stores a finished run, and a reload reopens it with the same hits, report and texts; a delete can be undone', async () => {
    await saveDataset({ id: 'ds', name: 'postings.csv', fileName: 'postings.csv', source: 'file', origin: { kind: 'file', fileName: 'postings.csv' }, rowCount: 3, columnCount: 2, bytes: 1, stats: [], createdAt: 1 }, frame);
    const x = useSkillsExtraction.getState();
    await x.run({ frame, datasetId: 'ds', datasetName: 'postings.csv', column: 'posting', goldColumn: 'gold', dictionaryId: 'sd-1', dictionary, version: 'sd1-00000000000001', strategies: [...STRATEGIES] });
    const shown = useSkillsExtraction.getState();
    expect(shown.phase).toBe('done');
    expect(shown.report?.recall_micro).toBeCloseTo(0.8, 12);
    const id = shown.request?.runId as string;
    expect((await listSkillRuns()).map((r) => [r.id, r.dictionaryName, r.dictionaryVersion, r.goldColumn])).toEqual([[id, 'ml', 'sd1-00000000000001', 'gold']]);

    // a reload: nothing in memory
    useSkillsExtraction.setState({ phase: 'idle', request: null, texts: [], hits: [], report: null, runs: [], runsLoaded: false });
    await x.loadRuns();
    expect(useSkillsExtraction.getState().runs.map((r) => r.id)).toEqual([id]);
    await x.reopen(id);
    const back = useSkillsExtraction.getState();
    expect(back.phase).toBe('done');
    expect(back.hits).toStrictEqual(shown.hits);
    expect(back.report).toStrictEqual(shown.report);
    expect(back.texts).toEqual(texts);
    expect(back.request).toEqual(shown.request);

    await x.deleteRun(id);
    expect(await listSkillRuns()).toEqual([]);
    expect(useSkillsExtraction.getState()).toMatchObject({ phase: 'idle', runs: [] });
    await x.undoDelete();
    expect((await listSkillRuns()).map((r) => r.id)).toEqual([id]);
  });
});
