import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';

// TF.js on its webgpu backend, chosen by name (engine=tfjs): Kiln's own WebGPU engine is engine-webgpu.spec.ts
test('drop breast_cancer.csv, train an MLP with TF.js on WebGPU, watch the curve grow, find the run after reload', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=webgpu&engine=tfjs');
  await studio.dropFile(studio.sample('breast_cancer.csv'));
  await studio.expectDataset('breast_cancer.csv', 569);
  await expect(page.getByTestId('dtype-diagnosis')).toHaveText('categorical');
  await studio.chooseTarget('diagnosis');
  await expect(page.getByTestId('task-kind')).toHaveValue('binary');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 25, batchSize: 32, learningRate: 0.01 });
  // the chart gains points while the run is still going: every point count the page shows while
  // the phase is 'training' is recorded in the page itself (a round-trip poll can miss a fast run)
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __kilnSeenPoints: number[] }).__kilnSeenPoints = seen;
    new MutationObserver(() => {
      const n = Number(document.querySelector('[data-testid="loss-chart"]')?.getAttribute('data-points') ?? 0);
      if (n > 0 && window.__kilnTest!.training().phase === 'training' && !seen.includes(n)) seen.push(n);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-points'] });
  });
  await studio.startTraining();
  await expect(page.getByTestId('run-backend')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  await expect(page.getByTestId('run-engine')).toHaveAttribute('data-engine', 'tfjs');
  await expect(page.getByTestId('run-engine')).toHaveAttribute('data-runs-on', 'webgpu');

  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.93);
  const live = await page.evaluate(() => (window as unknown as { __kilnSeenPoints: number[] }).__kilnSeenPoints);
  expect(live.length, `point counts seen while training: ${live.join(', ')}`).toBeGreaterThanOrEqual(2);
  const steps = await page.getByTestId('step-chart').getAttribute('data-points');
  expect(Number(steps)).toBeGreaterThan(0);
  const run = (await page.evaluate(() => window.__kilnTest!.runs()[0]))!;
  expect(run.backend).toBe('webgpu');
  // asked for by name, the software adapter (SwiftShader here) is used and nothing was passed over
  expect(run.backendNote).toBeUndefined();
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
