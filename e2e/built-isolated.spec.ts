import { expect, test } from './fixtures/test';
import { HEADERLESS_PORT } from '../playwright.built.config';
import { StudioPage } from './fixtures/studio-page';
import { waitForOfflineCopy } from './fixtures/service-worker';

test('the built site is cross-origin isolated, trains wine on wasm to ≥ 0.90 and its ONNX export passes the onnxruntime-web check', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('isolation-status')).toHaveText('isolated');

  await page.getByTestId('sample-wine.csv').click();
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 60, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  await expect(page.getByTestId('run-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  // Kiln's engine started its GEMM helpers from the bundle (nested workers, kernels-shared.wasm): a
  // helper that failed to load would leave the run on one thread
  const threads = Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(page.getByTestId('run-engine')).toHaveAttribute('data-threads', String(threads));
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);

  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  const exported = await studio.exportBundle(page.getByTestId('evaluation-panel'));
  expect(exported.rows).toBe(run.splitSizes!.validation);
  expect(exported.maxAbsDiff).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(exported.files)).toContain('model.onnx');
});

test('on a host that sends no COOP/COEP, the service worker adds them: the second load is isolated', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${HEADERLESS_PORT}/`);
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(page.getByTestId('isolation-status')).toHaveText('not isolated: served without COOP/COEP');
  await waitForOfflineCopy(page);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('isolation-status')).toHaveText('isolated');
});
