import { expect, test } from './fixtures/test';
import { strFromU8 } from 'fflate';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { DEMO_COUNTS } from '../proxy/src/demo/generate';
import { StudioPage } from './fixtures/studio-page';

test('imports candidates through the proxy, trains a small career model on WebGPU with three live loss curves, reports career changers and exports the bundle', async ({ page }) => {
  const studio = new StudioPage(page);
  // forced: `auto` passes over this machine's software adapter (SwiftShader) for wasm
  await studio.importFromProxy(`http://127.0.0.1:${PROXY_PORT}`, PROXY_TOKEN, 'candidates', DEMO_COUNTS.candidates, '?backend=webgpu');

  // the studio finds the JSON work-history column and offers the sequence family
  await page.getByTestId('family-sequence').check();
  const setup = page.getByTestId('sequence-setup');
  await expect(setup.getByTestId('history-column')).toHaveValue('work_history');
  await expect(setup.getByTestId('history-id')).toHaveValue('id');
  await setup.getByTestId('seq-hidden').fill('8');
  await setup.getByTestId('seq-epochs').fill('3');
  await setup.getByTestId('seq-batch-size').fill('512');
  await setup.getByTestId('max-prefix').fill('4');
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('sequence-train');
  await expect(train.getByTestId('run-backend')).toHaveAttribute('data-backend', 'webgpu', { timeout: 60_000 });
  await expect(train.getByTestId('leakage-report')).toHaveAttribute('data-ordered', 'true');
  await expect(train.getByTestId('leakage-report')).toHaveAttribute('data-two-sides', '0');
  // live: each head's curve has points while the run is still training
  await page.waitForFunction(() => window.__kilnTest!.sequence().epochs.length >= 1 && window.__kilnTest!.sequence().phase === 'training', null, { timeout: 200_000 });
  for (const head of ['title', 'tenure', 'hire']) expect(Number(await train.getByTestId(`head-loss-${head}`).getAttribute('data-points'))).toBeGreaterThanOrEqual(1);

  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 200_000 });
  const s = await page.evaluate(() => window.__kilnTest!.sequence());
  expect(s.backend).toBe('webgpu');
  const epochs = s.epochs.length;
  for (const head of ['title', 'tenure', 'hire']) await expect(train.getByTestId(`head-loss-${head}`)).toHaveAttribute('data-points', String(epochs));
  // tensors stayed flat across epochs on the real WebGPU backend
  expect(new Set(s.epochs.map((e) => e.numTensors)).size).toBe(1);
  expect(s.epochs.every((e) => Number.isFinite(e.valMetrics.loss_title_train) && Number.isFinite(e.valMetrics.loss_hire_val))).toBe(true);

  const changers = train.getByTestId('changer-report');
  await expect(changers).toBeVisible();
  expect(Number(await changers.getAttribute('data-examples'))).toBeGreaterThan(0);
  const rate = Number(await changers.getAttribute('data-same-rate'));
  expect(rate).toBeGreaterThanOrEqual(0);
  expect(await changers.getAttribute('data-warning')).toBe(rate > 0.5 ? 'yes' : 'no');
  await expect(train.getByTestId('sequence-metrics').locator('tr[data-split="test"]')).toBeVisible();

  const { rows, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(rows).toBeGreaterThan(0);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-4);
  expect(Object.keys(files).sort()).toEqual(['calibrator.json', 'metadata.json', 'model-card.md', 'model.onnx', 'tfjs/model.json', 'tfjs/weights.bin', 'vocab.json']);
  const vocab = JSON.parse(strFromU8(files['vocab.json']));
  expect(vocab.tokens.slice(0, 2)).toEqual(['<pad>', '<unk>']);
  expect(vocab.normalization.abbreviations.sr).toBe('senior');
  expect(JSON.parse(strFromU8(files['calibrator.json']))).toMatchObject({ format: 'kiln.calibrator', method: 'isotonic' });
  expect(strFromU8(files['model-card.md'])).toContain('## Career changers');

  // the run survives a reload with its curves and report
  const runId = await page.evaluate(() => window.__kilnTest!.sequence().runId);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('head-loss-tenure')).toHaveAttribute('data-points', String(epochs));
  await expect(view.getByTestId('changer-report')).toBeVisible();
});
