import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '../../db/db';
import type { DatasetRecord, GbdtRunRecord, RankerRunRecord, TabularRunRecord } from '../../db/records';
import { columnStats } from '../../ml/data/column-stats';
import { parseFile } from '../../ml/data/parse-file';
import { tabularFamily } from '../../ml/models/tabular/family';
import { sampleBytes } from '../../test-utils/fixtures';
import { main } from '../../cli/main';
import { cliCommand, recipeFileName, runRecipe } from './run-recipe';

/** A stored run's recipe (what "Download recipe" saves) is one `kiln train` runs, and the command the studio copies names its data. */

const wineDataset = async (): Promise<DatasetRecord> => {
  const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
  return { id: 'd-wine', name: 'wine.csv', fileName: 'wine.csv', source: 'file', origin: { kind: 'file', fileName: 'wine.csv' }, rowCount: frame.rowCount, columnCount: frame.columns.length, bytes: 10_000, stats: frame.columns.map(columnStats), createdAt: 1 };
};

describe('the recipe of a stored run', () => {
  it('a tabular run: its setup, its file with a fingerprint, its engine; kiln train reruns it from the downloaded file', async () => {
    const d = await wineDataset();
    await db.datasets.put(d);
    const setup = tabularFamily.defaults({ name: d.name, columns: d.stats });
    const run = { id: 'run-1', name: 'wine mlp', family: 'tabular', datasetId: d.id, datasetName: d.name, backendRequested: 'auto', status: 'completed', startedAt: 2, ...setup, model: { ...setup.model, epochs: 3 }, engine: { engine: 'kiln', runsOn: 'wasm-simd', threads: 1, why: '' } } as TabularRunRecord;
    await db.runs.put(run);
    const recipe = await runRecipe(run);
    expect(recipe).toMatchObject({ kind: 'kiln-recipe', family: 'tabular', engine: 'kiln', seed: setup.split.seed, data: { data: { kind: 'file', file: 'wine.csv', fingerprint: 'wine.csv|178x14|10000B' } }, from: { runId: 'run-1' } });
    expect(recipe.config).toEqual({ task: run.task, split: run.split, preprocess: run.preprocess, model: run.model });
    // and back: a run kiln train pushed shows in Compare with the record's fields
    const { familyOfRun } = await import('../families/registry');
    expect(familyOfRun(run)!.fromRecipe(recipe.config, recipe.options)).toEqual({ task: run.task, split: run.split, preprocess: run.preprocess, model: run.model });
    const file = recipeFileName(run);
    expect(file).toBe('wine-mlp.recipe.json');
    expect(cliCommand(recipe, file)).toBe('kiln train --recipe wine-mlp.recipe.json --data wine.csv --out kiln-run');
    expect(recipe.calibration).toBeUndefined();
    // a calibrator fitted in the run's calibration panel: the recipe names its method
    await db.artifacts.put({ id: 'run-1:calibrator', runId: 'run-1', kind: 'calibrator', data: { format: 'kiln.calibrator', version: 1, method: 'temperature', params: { temperature: 1.2, classes: 3 }, fitted_on: { rows: 36, split: 'validation', created_at: 'x' } }, createdAt: 3 });
    expect((await runRecipe(run)).calibration).toEqual({ method: 'temperature' });

    const dir = mkdtempSync(join(tmpdir(), 'kiln-recipe-'));
    writeFileSync(join(dir, file), JSON.stringify(recipe));
    let err = '';
    const code = await main(['train', '--recipe', join(dir, file), '--data', resolve(import.meta.dirname, '../../../public/samples/wine.csv'), '--out', join(dir, 'out')], () => {}, (s) => (err += s));
    expect(code, err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out/recipe.json'), 'utf8'))).toEqual(recipe);
  }, 60_000);

  it('a ranker run carries the labels made before it started; a server table is named with its request', async () => {
    await db.datasets.put({ ...(await wineDataset()), id: 'd-pool', fileName: 'pool', origin: { kind: 'proxy', url: 'http://x', request: { table: 'candidates', format: 'arrow', limit: 500 }, importedAt: 1 } });
    const label = (id: string, at: number) => ({ id, poolId: 'd-pool', a: 'a', b: 'b', label: 1 as const, reasonTags: [], labeledAt: at, origin: 'random' as const });
    await db.labels.bulkPut([label('l1', 5), label('l2', 6), label('l3', 99)]);
    const run = { id: 'run-r', name: 'r', family: 'ranker', datasetId: 'd-pool', datasetName: 'pool', status: 'completed', startedAt: 10, labelCount: 2, pool: { idColumn: 'id', displayColumns: [], metricColumns: ['x'], embedding: null, relevanceColumn: null, itemType: 'item' }, model: { epochs: 2 } } as unknown as RankerRunRecord;
    const parts = await (await import('../families/registry')).familyOfRun(run)!.recipe(run);
    expect(parts.data.items).toBe('d-pool');
    expect((await import('../families/registry')).familyOfRun(run)!.fromRecipe(parts.config, parts.options)).toEqual({ model: run.model, pool: run.pool });
    expect(parts.data.labels).toMatchObject({ kind: 'inline', columns: { id: ['l1', 'l2'], labeled_at: [5, 6] } });
    const { sourceOf } = await import('./run-recipe');
    expect(sourceOf((await db.datasets.get('d-pool'))!)).toEqual({ kind: 'server', table: 'candidates', request: { table: 'candidates', format: 'arrow', limit: 500 } });
    await db.labels.delete('l1');
    await expect((await import('../families/registry')).familyOfRun(run)!.recipe(run)).rejects.toThrow(/labels changed since this run \(it trained on 2 labeled pairs, 1 of them are left\)/);
  });

  it('a cross-validation run says why it has no recipe', async () => {
    const run = { id: 'run-cv', name: 'cv', family: 'gbdt', datasetId: 'd-wine', status: 'completed', startedAt: 1, task: { target: 'y', kind: 'binary', features: ['a'] }, evaluation: { mode: 'cv', cv: { folds: 5 } }, model: {} } as unknown as GbdtRunRecord;
    await expect(runRecipe(run)).rejects.toThrow(/cross-validation run keeps fold metrics/);
  });
});
