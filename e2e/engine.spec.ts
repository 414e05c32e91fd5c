import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';
import { trainRankerOnProjects } from './fixtures/ranker-labels';

test("by default a tabular MLP trains on Kiln's engine (WebAssembly SIMD), reaches the accuracy TF.js reaches, exports, and the run says which engine trained it", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 60, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(engine).toHaveAttribute('data-runs-on', 'wasm-simd');
  await expect(engine).toContainText('Kiln (WebAssembly SIMD, 1 thread)');
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.engine?.engine).toBe('kiln');
  expect(run.memoryWarning).toBeUndefined();
  // the trained weights went back into the TF.js model: its export reproduces the studio's predictions
  const { maxAbsDiff, checkText } = await studio.exportBundle(page.getByTestId('evaluation-panel'));
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await new ExperimentsPage(page).openRun(run.id);
  await expect(page.getByTestId('run-view').getByTestId('run-engine')).toHaveAttribute('data-engine', 'kiln');
});

test('?engine=tfjs trains the same model on TF.js, and says so', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?engine=tfjs&backend=wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 20, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  await expect(page.getByTestId('run-engine')).toHaveAttribute('data-engine', 'tfjs', { timeout: 60_000 });
  await expect(page.getByTestId('run-engine')).toContainText('TF.js (wasm) · chosen in settings');
  await studio.waitForFinalMetrics();
});

test("the pairwise ranker trains on Kiln's engine by default, ranks the pool and its ONNX export reproduces the studio's scores", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  const train = await trainRankerOnProjects(page, studio);
  await expect(train.getByTestId('run-engine')).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 200_000 });
  await expect(train.getByTestId('ranked-list')).toHaveAttribute('data-items', '40');
  const acc = Number(await train.getByTestId('metrics-table').locator('tr[data-metric="pairwise_accuracy"]').getAttribute('data-value'));
  expect(acc).toBeGreaterThan(0.5);
  const { rows, maxAbsDiff, checkText } = await studio.exportBundle(train);
  expect(rows).toBe(40);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
});
