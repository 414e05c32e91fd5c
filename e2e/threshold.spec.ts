import { expect, type Locator, type Page } from '@playwright/test';
import { test } from './fixtures/test';
import { strFromU8 } from 'fflate';
import { onnx } from '../src/ml/onnx/proto';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';

/** The precision and recall the threshold panel shows, with the threshold they are at. */
async function shown(panel: Locator): Promise<{ threshold: number; precision: number; recall: number }> {
  const value = async (k: string) => Number(await panel.getByTestId('threshold-metrics').locator(`tr[data-metric="${k}"]`).getAttribute('data-value'));
  return { threshold: Number(await panel.getAttribute('data-threshold')), precision: await value('precision'), recall: await value('recall') };
}

/** Moves the slider with the keyboard (the way it must stay usable without a mouse) and waits until the run has stored the value. */
async function moveSlider(panel: Locator, key: 'ArrowLeft' | 'ArrowRight', presses: number): Promise<number> {
  const slider = panel.getByTestId('threshold-slider');
  await slider.focus();
  for (let i = 0; i < presses; i++) await slider.press(key);
  const t = Number(await panel.getAttribute('data-threshold'));
  await expect(panel).toHaveAttribute('data-saved-threshold', String(t));
  return t;
}

function onnxMetadata(bytes: Uint8Array): Record<string, string> {
  const m = onnx.ModelProto.decode(bytes);
  return Object.fromEntries(m.metadataProps.map((p) => [p.key as string, p.value as string]));
}

async function openBreastCancer(page: Page): Promise<StudioPage> {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  return studio;
}

test('tabular binary: the threshold slider moves precision / recall, survives a reload, and the exported bundle carries it', async ({ page }) => {
  const studio = await openBreastCancer(page);
  await studio.setModel({ architecture: 'linear', epochs: 4, learningRate: 0.01 });
  await studio.startTraining();
  const finalMetrics = await studio.waitForFinalMetrics();
  // one validation log loss per run: the calibration table beside the curves now shows the kept weights' figures
  const live = page.getByTestId('calibration-live');
  await expect(live).toHaveAttribute('data-source', 'kept-weights');
  expect(Number(await live.locator('tr[data-metric="log_loss"]').getAttribute('data-value'))).toBe(finalMetrics.log_loss);
  const evaluation = page.getByTestId('evaluation-panel');
  const panel = evaluation.getByTestId('threshold-panel');
  await expect(panel).toHaveAttribute('data-threshold', '0.5');
  const before = await shown(panel);

  // 35 steps of 0.01 down: 0.15 calls more rows positive, so recall rises and precision falls or holds
  const t = await moveSlider(panel, 'ArrowLeft', 35);
  expect(t).toBeCloseTo(0.15, 6);
  const after = await shown(panel);
  expect(after.recall).toBeGreaterThan(before.recall);
  expect(after.precision).toBeLessThanOrEqual(before.precision);
  await expect(panel.getByTestId('threshold-pr-curve')).toHaveAttribute('data-x', String(after.recall));
  // the number input follows the slider, and typing moves the slider's metrics too
  await expect(panel.getByTestId('threshold-input')).toHaveValue(String(t));

  // baselines and intervals beside the metric tables (114 test rows: intervals shown)
  const testTable = evaluation.getByTestId('baseline-test');
  await expect(testTable.locator('tr[data-metric="roc_auc"]')).toHaveAttribute('data-baseline', '0.5');
  expect(Number(await testTable.locator('tr[data-metric="accuracy"]').getAttribute('data-ci-lo'))).toBeLessThanOrEqual(Number(await testTable.locator('tr[data-metric="accuracy"]').getAttribute('data-value')));

  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.threshold).toBeCloseTo(0.15, 6);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await new ExperimentsPage(page).openRun(run.id);
  const view = page.getByTestId('run-view');
  const reloaded = view.getByTestId('threshold-panel');
  await expect(reloaded).toHaveAttribute('data-threshold', String(t));
  expect((await shown(reloaded)).recall).toBe(after.recall);
  // the per-row predictions call the positive class at the chosen threshold, as the export does
  await expect(view.getByTestId('predictions-table')).toHaveAttribute('data-threshold', String(t));

  const { files } = await studio.exportBundle(view);
  expect(JSON.parse(strFromU8(files['metadata.json'])).decision_threshold).toBe(t);
  expect(onnxMetadata(files['model.onnx']).decision_threshold).toBe(String(t));
  expect(strFromU8(files['model-card.md'])).toContain(`≥ **${t}**`);
});

test('GBDT binary: the threshold slider changes precision / recall and the export applies the chosen threshold', async ({ page }) => {
  const studio = await openBreastCancer(page);
  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('binary');
  await setup.getByTestId('gbdt-rounds').fill('30');
  await page.getByTestId('train-button').click();
  const train = page.getByTestId('gbdt-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  await expect(train.getByTestId('gbdt-validation-baseline').locator('tr[data-metric="log_loss"]')).toHaveAttribute('data-beats', 'true');

  const panel = train.getByTestId('threshold-panel');
  const before = await shown(panel);
  const t = await moveSlider(panel, 'ArrowRight', 40);
  expect(t).toBeCloseTo(0.9, 6);
  const after = await shown(panel);
  expect(after.recall).toBeLessThan(before.recall);
  expect(after.precision).toBeGreaterThanOrEqual(before.precision);
  await expect(train.getByTestId('predictions-table')).toHaveAttribute('data-threshold', String(t));

  const { files, maxAbsDiff, checkText } = await studio.exportBundle(train);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  expect(onnxMetadata(files['model.onnx']).decision_threshold).toBe(String(t));
  const meta = JSON.parse(strFromU8(files['metadata.json']));
  expect(meta.decision_threshold).toBe(t);
});
