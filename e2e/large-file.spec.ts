import { expect, test } from '@playwright/test';
import { ISSUE_19_FILE, writeLargeCsv } from './fixtures/large-csv';
import { StudioPage } from './fixtures/studio-page';

/**
 * Issue 19, blocker 1: a 400,000 × 20 file failed at once with "Maximum call stack size
 * exceeded" under the default stratified split, and a random split showed "step 0 · 0 samples/s"
 * for minutes. Here it trains one epoch on wasm, and the progress row moves within 5 s of Train.
 */
test('a generated 400,000 × 20 CSV with a 23% positive class trains one epoch with the default split on wasm; progress moves within 5 s of Train', async ({ page }, info) => {
  test.setTimeout(1_200_000);
  const path = info.outputPath('churn-400k.csv');
  const { positives } = writeLargeCsv(path, ISSUE_19_FILE);
  expect(positives / ISSUE_19_FILE.rows).toBeCloseTo(0.23, 2);

  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await studio.dropLargeFile(path);
  await expect(page.getByTestId('dataset-preview')).toContainText('churn-400k.csv', { timeout: 600_000 });
  await expect(page.getByTestId('dataset-preview')).toContainText('400,000 rows', { timeout: 600_000 });
  await studio.chooseTarget('churned');
  await expect(page.getByTestId('task-kind')).toHaveValue('binary');
  // the default split, the one that overflowed the stack
  await expect(page.getByTestId('split-strategy')).toHaveValue('stratified');
  await studio.setModel({ epochs: 1 });
  await expect(page.getByTestId('train-button')).toBeEnabled();

  expect(await studio.trainingSignature()).toBe('-|0|0');
  await studio.startTraining();
  // the click leaves the run "starting the worker" with no step: progress must move on from there within 5 s
  await studio.waitForProgressChange('worker|0|0', 5_000);

  // every stage is shown before the first step, then steps; never an error
  await expect(page.getByTestId('train-progress')).toHaveAttribute('data-done', 'completed', { timeout: 1_100_000 });
  const t = await page.evaluate(() => window.__kilnTest!.training());
  expect(t.error).toBeNull();
  expect(t.progress?.done).toEqual({ reason: 'completed', epochsRun: 1 });
  expect(t.progress!.samplesPerSec).toBeGreaterThan(0);
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.status).toBe('completed');
  expect(run.backend).toBe('wasm');
  expect(run.family === 'tabular' && run.split.strategy).toBe('stratified');
  // 70 / 20 / 10 of each class (the split is stratified): the sizes follow from the class counts
  const perClass = (f: number) => Math.round((ISSUE_19_FILE.rows - positives) * f) + Math.round(positives * f);
  const validation = perClass(0.2);
  const heldOut = perClass(0.1);
  expect(run.family === 'tabular' && run.splitSizes).toEqual({ train: ISSUE_19_FILE.rows - validation - heldOut, validation, test: heldOut });
  await expect(page.getByTestId('train-progress')).toContainText('Finished 1 of 1 epochs');
  await expect(page.getByTestId('run-backend')).toHaveText('trained on wasm');
  const metrics = await studio.waitForFinalMetrics();
  // the features carry a signal of the class: one epoch learns it
  expect(metrics.roc_auc).toBeGreaterThan(0.7);
});
