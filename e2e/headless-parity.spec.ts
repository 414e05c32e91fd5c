import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';
import { GbdtPage } from './fixtures/gbdt-page';
import { trainRankerOnProjects } from './fixtures/ranker-labels';
import { downloadRecipe, expectSameMetrics, predictGap, runGraph, trainHeadless } from './fixtures/headless';
import { parseFile } from '../src/ml/data/parse-file';
import { buildItemPool, type ItemPoolSpec } from '../src/ml/models/ranker/items';

/**
 * Acceptance 1 of "Headless Kiln": a recipe downloaded from a studio run (CPU engine) and rerun by
 * `kiln train` in Node gives the same validation metrics (≤ 1e-6) and an ONNX model whose outputs
 * equal the studio's export (≤ 1e-5), for the tabular MLP (wine), the GBDT (essays sample) and
 * the ranker (projects, labels made in the studio and carried in the recipe).
 */

test.describe.configure({ timeout: 300_000 });

test('tabular MLP on wine: the studio run and kiln train on its recipe agree', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 25, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.engine?.engine).toBe('kiln');
  const { files } = await studio.exportBundle(page.getByTestId('evaluation-panel'));

  const { dir, file, recipe } = await downloadRecipe(page, run.id);
  expect(recipe).toMatchObject({ kind: 'kiln-recipe', family: 'tabular', engine: 'kiln', data: { data: { kind: 'file', file: 'wine.csv' } } });
  const headless = trainHeadless(file, dir, [studio.sample('wine.csv')]);
  expectSameMetrics(run.finalMetrics!, headless, ['accuracy', 'f1_macro', 'log_loss']);

  expect(predictGap(dir, files['model.onnx'], studio.sample('wine.csv'))).toBeLessThanOrEqual(1e-5);
});

test('GBDT on the essays sample: the studio run and kiln train on its recipe agree', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await page.getByTestId('sample-essays.csv').click();
  const gbdt = new GbdtPage(page);
  await gbdt.choose();
  await gbdt.setModel({ rounds: 40, depth: 3 });
  const runId = await gbdt.start();
  await gbdt.waitForStatus(runId, 'completed');
  const run = await gbdt.stored(runId);
  const { files } = await studio.exportBundle(gbdt.train);

  const { dir, file, recipe } = await downloadRecipe(page, runId);
  expect(recipe).toMatchObject({ family: 'gbdt', data: { data: { kind: 'file', file: 'essays.csv' } } });
  const headless = trainHeadless(file, dir, [studio.sample('essays.csv')]);
  expectSameMetrics(run.finalMetrics!, headless, ['accuracy', 'qwk', 'mae', 'log_loss']);

  expect(predictGap(dir, files['model.onnx'], studio.sample('essays.csv'))).toBeLessThanOrEqual(1e-5);
});

test('the ranker on projects: the labels travel in the recipe, and kiln train agrees with the studio', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?engine=kiln');
  const train = await trainRankerOnProjects(page, studio);
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  const run = await page.evaluate(() => window.__kilnTest!.runs().find((r) => r.family === 'ranker')!);
  expect(run.status).toBe('completed');
  const { files } = await studio.exportBundle(train);

  const { dir, file, recipe } = await downloadRecipe(page, run.id);
  expect(recipe).toMatchObject({ family: 'ranker', data: { items: { kind: 'file', file: 'projects.csv' }, labels: { kind: 'inline' } } });
  expect((recipe.data as { labels: { columns: { id: string[] } } }).labels.columns.id).toHaveLength(120);
  const headless = trainHeadless(file, dir, [`items=${studio.sample('projects.csv')}`]);
  expectSameMetrics(run.finalMetrics!, headless, ['pairwise_accuracy', 'kendall_tau']);

  // the scorer graph on every item of the pool, from the same raw features both sides read
  const frame = await parseFile('projects.csv', new Uint8Array(readFileSync(studio.sample('projects.csv'))).buffer);
  const pool = buildItemPool(frame, (recipe.options as { pool: ItemPoolSpec }).pool, 'projects.csv');
  const dims: [number, number] = [pool.ids.length, pool.dim];
  const a = await runGraph(files['model.onnx'], pool.features, dims);
  const b = await runGraph(new Uint8Array(readFileSync(join(dir, 'out/model.onnx'))), pool.features, dims);
  let gap = 0;
  for (let i = 0; i < a.length; i++) gap = Math.max(gap, Math.abs(a[i] - b[i]));
  expect(gap).toBeLessThanOrEqual(1e-5);
});
