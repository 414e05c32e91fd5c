import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';
import { waitForOfflineCopy } from './fixtures/service-worker';

test('after one online visit the built studio reloads, loads a sample, trains and exports with the network off, and keeps the earlier run', async ({ page, context }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  // precached: shell, workers, both wasm runtimes, samples (the service worker activates only after all of them)
  expect(await waitForOfflineCopy(page)).toBeGreaterThanOrEqual(20);

  // an online run, to find again offline
  await page.getByTestId('sample-wine.csv').click();
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '8', epochs: 5 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const online = await page.evaluate(() => window.__kilnTest!.runs().map((r) => r.id));
  expect(online).toHaveLength(1);

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  // the cached pages keep their isolation headers
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('runs-list').locator(`li[data-run-id="${online[0]}"]`)).toBeVisible();

  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 8, learningRate: 0.01 });
  await studio.startTraining();
  await expect(page.getByTestId('run-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThan(0.85);
  const runs = await page.evaluate(() => window.__kilnTest!.runs().map((r) => r.id));
  expect(runs).toHaveLength(2);
  expect(runs).toContain(online[0]);
  await expect(page.getByTestId('runs-list').locator('li')).toHaveCount(2);

  const exported = await studio.exportBundle(page.getByTestId('evaluation-panel'));
  expect(exported.maxAbsDiff).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(exported.files)).toContain('model.onnx');
});
