import { expect, test } from './fixtures/test';
import { strFromU8 } from 'fflate';
import { StudioPage } from './fixtures/studio-page';
import { trainRankerOnProjects } from './fixtures/ranker-labels';

test('trains the pairwise ranker on Kiln’s WebGPU engine from imported labels with live loss and pairwise accuracy, ranks the pool, samples actively with it and exports both ONNX graphs', async ({ page }) => {
  const studio = new StudioPage(page);
  // forced: `auto` passes over this machine's software adapter (SwiftShader) for wasm
  await studio.open('?backend=webgpu');
  const train = await trainRankerOnProjects(page, studio);
  await expect(train.getByTestId('run-backend')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  // the webgpu backend chosen by name: the scorer trains on Kiln's WebGPU engine, TF.js (webgpu) scores and saves it
  await expect(train.getByTestId('run-engine')).toHaveAttribute('data-runs-on', 'webgpu');
  await expect(train.getByTestId('run-engine')).toContainText(/Kiln \(WebGPU, .*\(software\)\)/);
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 200_000 });
  const r = await page.evaluate(() => window.__kilnTest!.ranker());
  expect(r.backend).toBe('webgpu');
  expect(r.epochs.length).toBeGreaterThanOrEqual(1);
  await expect(train.getByTestId('pair-accuracy-chart')).toHaveAttribute('data-points', String(r.epochs.length));
  expect(r.epochs.every((e) => e.valMetrics.pairwise_accuracy >= 0 && e.valMetrics.pairwise_accuracy <= 1)).toBe(true);
  expect(new Set(r.epochs.map((e) => e.numTensors)).size).toBe(1);
  await expect(train.getByTestId('ranked-list')).toHaveAttribute('data-items', '40');
  // items named by the pool's title column beside their ids
  await expect(train.getByTestId('ranked-list').getByTestId('item-title').first()).toHaveText(/\w{3}/);
  const acc = Number(await train.getByTestId('metrics-table').locator('tr[data-metric="pairwise_accuracy"]').getAttribute('data-value'));
  expect(acc).toBeGreaterThanOrEqual(0);

  // the trained ranker now drives active sampling: the pair on screen comes with its score gap
  await page.getByTestId('pool-setup').locator('summary').click();
  await page.getByTestId('sampler').selectOption('active');
  await expect(page.getByTestId('labeling-view')).toContainText('score gap');

  const { rows, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(rows).toBe(40);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(files).sort()).toEqual(['labels.jsonl', 'metadata.json', 'model-card.md', 'model.onnx', 'pairwise.onnx', 'tfjs/model.json', 'tfjs/weights.bin']);
  expect(strFromU8(files['labels.jsonl']).trim().split('\n')).toHaveLength(120);
  expect(strFromU8(files['model-card.md'])).toContain('margin ranking');
});
