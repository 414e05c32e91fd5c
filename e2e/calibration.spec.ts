import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { StudioPage } from './fixtures/studio-page';

test('after training, isotonic calibration is fitted on validation rows, measured on test rows, and downloads as schema-valid JSON', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 15, learningRate: 0.01 });
  await studio.startTraining();
  // the reliability diagram is live while training runs
  await expect(page.getByTestId('reliability-live')).toBeVisible({ timeout: 120_000 });
  await studio.waitForFinalMetrics();

  const panel = page.getByTestId('evaluation-panel');
  await expect(panel).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId('roc-curve')).toBeVisible();
  await expect(panel.getByTestId('confusion-matrix')).toBeVisible();
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  const sizes = run.splitSizes!;

  const cal = panel.getByTestId('calibration-panel');
  await cal.getByTestId('calibration-method').selectOption('isotonic');
  await cal.getByTestId('calibration-fit').click();
  await expect(cal.getByTestId('calibration-summary')).toHaveText(`isotonic fitted on ${sizes.validation} validation rows; measured on ${sizes.test} test rows it never saw.`);
  await expect(cal.getByTestId('reliability-calibrated')).toBeVisible();
  const eceRow = cal.locator('tr[data-metric="ece"]');
  const before = Number(await eceRow.getAttribute('data-before'));
  const after = Number(await eceRow.getAttribute('data-after'));
  expect(before).toBeGreaterThanOrEqual(0);
  expect(after).toBeGreaterThanOrEqual(0);
  expect(Number.isFinite(before) && Number.isFinite(after)).toBe(true);

  const [download] = await Promise.all([page.waitForEvent('download'), cal.getByTestId('calibration-download').click()]);
  const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  const schema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../schemas/calibrator.schema.json'), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  expect(json).toMatchObject({ format: 'kiln.calibrator', version: 1, method: 'isotonic', fitted_on: { rows: sizes.validation, split: 'validation' } });

  // the calibrator is stored with the run: after a reload the run view shows it again
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`li[data-run-id="${run.id}"] button`).click();
  await expect(page.getByTestId('run-view').getByTestId('calibration-summary')).toBeVisible();
});
