import { expect, test } from './fixtures/test';
import { chromiumArgs } from '../playwright.config';
import { StudioPage } from './fixtures/studio-page';

// Without --enable-unsafe-webgpu, headless Chromium on Linux exposes navigator.gpu but no adapter:
// the studio must fall back on its own and say so.
test.use({
  launchOptions: { executablePath: process.env.KILN_CHROMIUM ?? '/usr/bin/chromium', args: chromiumArgs.filter((a) => a !== '--enable-unsafe-webgpu') },
});

test('with no WebGPU adapter, auto falls back to another backend and the UI says which and why', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  await studio.setModel({ architecture: 'linear', epochs: 3 });
  await studio.startTraining();
  const badge = page.getByTestId('run-backend');
  await expect(badge).toBeVisible({ timeout: 60_000 });
  expect(['webgl', 'wasm', 'cpu']).toContain(await badge.getAttribute('data-backend'));
  await expect(page.getByText(/fell back from webgpu \(WebGPU is not available/)).toBeVisible();
  await expect(page.getByTestId('active-backend')).not.toHaveAttribute('data-backend', 'webgpu');
  await studio.waitForFinalMetrics();
});
