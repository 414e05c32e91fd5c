import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';

// This headless Chromium's only WebGPU adapter is SwiftShader (software): right for correctness,
// meaningless for speed. Kiln's WebGPU engine trains there only when asked to.

test("the webgpu backend chosen by name trains a tabular MLP on Kiln's WebGPU engine, which reaches TF.js's accuracy, exports with parity and is stored with the run", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=webgpu');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 60, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(engine).toHaveAttribute('data-runs-on', 'webgpu');
  await expect(engine).toContainText(/Kiln \(WebGPU, .*\(software\)\)/);
  await expect(engine).toContainText("the webgpu backend was chosen: Kiln's WebGPU engine");
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
  const run = (await page.evaluate(() => window.__kilnTest!.runs()[0]))!;
  expect(run.engine).toMatchObject({ engine: 'kiln', runsOn: 'webgpu', threads: 1 });
  expect(run.engine?.adapter).toMatch(/\(software\)$/);
  expect(run.memoryWarning).toBeUndefined();
  // the GPU's trained weights went back into the TF.js model: its ONNX export reproduces the studio's predictions
  const { maxAbsDiff, checkText } = await studio.exportBundle(page.getByTestId('evaluation-panel'));
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await new ExperimentsPage(page).openRun(run.id);
  const stored = page.getByTestId('run-view').getByTestId('run-engine');
  await expect(stored).toHaveAttribute('data-runs-on', 'webgpu');
  await expect(stored).toContainText(/\d[\d,]* samples\/s measured/);
});

test('asked to measure a software adapter too, auto times both engines on the run’s own model, trains on the faster and keeps the rates with the run', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?calibrate=software-gpu');
  await studio.dropFile(studio.sample('digits.csv'));
  await studio.expectDataset('digits.csv', 1797);
  await studio.chooseTarget('digit');
  await studio.setModel({ architecture: 'mlp', hidden: '64', epochs: 3, batchSize: 64, learningRate: 0.005 });
  await studio.startTraining();
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-calibrated', /^wasm-simd:\d+,webgpu:\d+$/, { timeout: 60_000 });
  await expect(engine).toContainText(/auto: the fastest here \(measured wasm-simd [\d,]+ samples\/s vs webgpu [\d,]+ samples\/s\)/);
  await studio.waitForFinalMetrics();
  const run = (await page.evaluate(() => window.__kilnTest!.runs()[0]))!;
  const cal = run.engine!.calibration!;
  console.info(`calibration in ${run.engine!.calibrationMs!.toFixed(0)} ms: ${cal.map((c) => `${c.runsOn} ${c.samplesPerSec?.toFixed(0)} samples/s`).join(', ')}`);
  expect(cal.map((c) => c.runsOn)).toEqual(['wasm-simd', 'webgpu']);
  expect(cal.every((c) => c.samplesPerSec! > 0)).toBe(true);
  expect(cal[1].adapter).toMatch(/\(software\)$/);
  // the run trains where the measurement was faster (on SwiftShader: the CPU engine, by far)
  const faster = cal[0].samplesPerSec! >= cal[1].samplesPerSec! ? 'wasm-simd' : 'webgpu';
  expect(run.engine!.runsOn).toBe(faster);
  await expect(engine).toHaveAttribute('data-runs-on', faster);
  expect(run.engine!.calibrationMs).toBeGreaterThan(0);
});
