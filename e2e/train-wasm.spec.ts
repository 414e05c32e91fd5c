import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';

test('forced wasm backend trains wine.csv (3 classes) to ≥ 0.90 validation accuracy', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await expect(page.getByTestId('backend-select')).toHaveValue('wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await expect(page.getByTestId('task-kind')).toHaveValue('multiclass');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 60, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  await expect(page.getByTestId('run-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
  expect(metrics.f1_macro).toBeGreaterThan(0.85);
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.backend).toBe('wasm');
  expect(run.family).toBe('tabular');
  expect(run.family === 'tabular' && run.task.labels).toEqual(['class_0', 'class_1', 'class_2']);
  // tensor memory stayed flat across the whole run (the worker warns otherwise)
  expect(run.memoryWarning).toBeUndefined();
});
