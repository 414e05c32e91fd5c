import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/test';
import { strFromU8, unzipSync } from 'fflate';
import { StudioPage } from './fixtures/studio-page';

test('export a trained, calibrated model: the bundle holds every file and its model.onnx reproduces the validation predictions in onnxruntime-web', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 8, learningRate: 0.01 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const panel = page.getByTestId('evaluation-panel');
  await panel.getByTestId('calibration-method').selectOption('isotonic');
  await panel.getByTestId('calibration-fit').click();
  await expect(panel.getByTestId('calibration-summary')).toBeVisible();

  await panel.getByTestId('export-onnx').click();
  const check = panel.getByTestId('onnx-check');
  await expect(check).toBeVisible({ timeout: 60_000 });
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(Number(await check.getAttribute('data-rows'))).toBe(run.splitSizes!.validation);
  expect(Number(await check.getAttribute('data-max-abs-diff'))).toBeLessThanOrEqual(1e-5);

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('download-bundle').click()]);
  const files = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  expect(Object.keys(files).sort()).toEqual(['calibrator.json', 'metadata.json', 'model-card.md', 'model.onnx', 'tfjs/model.json', 'tfjs/preprocess.json', 'tfjs/weights.bin']);
  // TF.js's own layers-model format (tfjs-layers-export.test.ts loads it with tf.loadLayersModel)
  const tfjsModel = JSON.parse(strFromU8(files['tfjs/model.json'])) as { format: string; weightsManifest: { paths: string[]; weights: { shape: number[] }[] }[] };
  expect(tfjsModel.format).toBe('layers-model');
  expect(tfjsModel.weightsManifest[0].paths).toEqual(['weights.bin']);
  const floats = tfjsModel.weightsManifest[0].weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
  expect(files['tfjs/weights.bin'].byteLength).toBe(floats * 4);
  expect(files['model.onnx'].byteLength).toBeGreaterThan(1000);
  expect(JSON.parse(strFromU8(files['calibrator.json']))).toMatchObject({ format: 'kiln.calibrator', method: 'isotonic' });
  expect(strFromU8(files['model-card.md'])).toContain('## Intended use and limitations');
  expect(JSON.parse(strFromU8(files['metadata.json'])).run.id).toBe(run.id);
});
