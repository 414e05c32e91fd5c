import { expect, test } from '@playwright/test';
import { StudioPage } from './fixtures/studio-page';

test('drop breast_cancer.csv, train an MLP on WebGPU, watch the curve grow, find the run after reload', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=webgpu');
  await studio.dropFile(studio.sample('breast_cancer.csv'));
  await studio.expectDataset('breast_cancer.csv', 569);
  await expect(page.getByTestId('dtype-diagnosis')).toHaveText('categorical');
  await studio.chooseTarget('diagnosis');
  await expect(page.getByTestId('task-kind')).toHaveValue('binary');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 25, batchSize: 32, learningRate: 0.01 });
  await studio.startTraining();

  await expect(page.getByTestId('run-backend')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  // the chart gains points while the run is still going: seen at two different counts before the end
  const seen = new Set<number>();
  await expect
    .poll(
      async () => {
        const running = (await page.evaluate(() => window.__kilnTest!.training().phase)) === 'training';
        const n = await studio.lossChartPoints();
        if (running && n > 0) seen.add(n);
        return seen.size;
      },
      { timeout: 180_000, intervals: [200] },
    )
    .toBeGreaterThanOrEqual(2);

  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.93);
  const steps = await page.getByTestId('step-chart').getAttribute('data-points');
  expect(Number(steps)).toBeGreaterThan(0);
  const run = (await page.evaluate(() => window.__kilnTest!.runs()[0]))!;
  expect(run.backend).toBe('webgpu');
  // GPU tensor memory stayed flat on the real WebGPU backend: the same count after every epoch
  const counts = await page.evaluate(() => window.__kilnTest!.training().epochs.map((e) => e.numTensors));
  expect(counts.length).toBe(run.epochsRun);
  expect(new Set(counts).size).toBe(1);
  expect(run.memoryWarning).toBeUndefined();

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  const item = page.locator(`[data-testid="runs-list"] li[data-run-id="${run.id}"]`);
  await expect(item).toBeVisible();
  await item.getByRole('button').click();
  const view = page.getByTestId('run-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('run-view-backend')).toContainText('webgpu');
  await expect(view.getByTestId('loss-chart')).toHaveAttribute('data-points', String(run.epochsRun));
  await expect(view.getByTestId('metrics-table').locator('tr[data-metric="accuracy"]')).toHaveAttribute('data-value', String(run.finalMetrics!.accuracy));
  // the dataset survived the reload too
  await expect(page.getByTestId('dataset-list')).toContainText('breast_cancer.csv');
});
