import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';

// This headless Chromium's only WebGPU adapter (--enable-unsafe-webgpu) and its WebGL renderer are
// SwiftShader, software that trains far slower than WebAssembly: `auto` must pass both over, land
// on wasm and say why. Forcing ?backend=webgpu still trains on SwiftShader: train-webgpu.spec.ts.
test('auto passes over the SwiftShader adapter, trains on wasm and shows why in the train panel, the header and the stored run', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  // no URL parameter and a fresh profile: the setting is auto
  await expect(page.getByTestId('backend-select')).toHaveValue('auto');
  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  await studio.setModel({ architecture: 'linear', epochs: 3 });
  await studio.startTraining();

  await expect(page.getByTestId('run-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  const note = page.getByTestId('backend-note');
  await expect(note).toContainText('webgpu (WebGPU adapter is a software fallback (SwiftShader): slower than WebAssembly here)');
  await expect(note).toContainText('webgl (WebGL renderer is software (SwiftShader)');
  await expect(page.getByTestId('active-backend')).toHaveAttribute('data-backend', 'wasm');
  // Kiln's engine passes the software adapter over too: it trains on the CPU and says why
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-runs-on', 'wasm-simd');
  await expect(engine).toContainText("auto: Kiln's engine on the CPU; WebGPU passed over: WebGPU adapter is a software fallback (SwiftShader): slower than WebAssembly here");
  await expect(engine).not.toHaveAttribute('data-calibrated', /.+/);
  await expect(page.getByTestId('active-backend')).toHaveAttribute('title', /software fallback \(SwiftShader\)/);
  await studio.waitForFinalMetrics();

  const run = (await page.evaluate(() => window.__kilnTest!.runs()[0]))!;
  expect(run.backend).toBe('wasm');
  expect(run.backendNote).toMatch(/WebGPU adapter is a software fallback \(SwiftShader\)/);
  expect(run.engine).toMatchObject({ engine: 'kiln', runsOn: 'wasm-simd' });
  expect(run.engine?.why).toMatch(/WebGPU passed over/);

  // stored: after a reload the run view and the header still say it
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await expect(page.getByTestId('active-backend')).toHaveText('last run: wasm');
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${run.id}"]`).getByRole('button').click();
  await expect(page.getByTestId('run-view').getByTestId('run-view-backend')).toContainText('wasm (fell back from webgpu (WebGPU adapter is a software fallback (SwiftShader)');
});
