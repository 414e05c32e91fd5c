import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { StudioPage } from './fixtures/studio-page';

/** diabetes.csv's target per data row (1-based, header not counted), read from the file itself. */
function diabetesTargets(studio: StudioPage): number[] {
  const lines = readFileSync(studio.sample('diabetes.csv'), 'utf8').trim().split(/\r?\n/);
  const at = lines[0].split(',').indexOf('progression');
  return lines.slice(1).map((l) => Number(l.split(',')[at]));
}

async function figures(panel: Locator): Promise<Record<string, { model: number; baseline: number }>> {
  const rows = await panel.getByTestId('regression-baseline').locator('tr[data-metric]').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-metric')!, { model: Number(tr.getAttribute('data-model')), baseline: Number(tr.getAttribute('data-baseline')) }] as const));
  return Object.fromEntries(rows);
}

/** The diagnostics, the predictions table and its CSV, and "try a row" on the exported model, for a finished regression run shown in `scope`. */
async function checkHeldOutRows(page: Page, studio: StudioPage, scope: Locator): Promise<void> {
  const diag = scope.getByTestId('regression-diagnostics');
  await expect(diag).toBeVisible({ timeout: 30_000 });
  const n = Number(await diag.getAttribute('data-n'));
  expect(n).toBeGreaterThan(30);
  // 442 rows: every held-out row is drawn, in both scatter plots, with the y = x and baseline lines
  await expect(diag.getByTestId('predicted-vs-actual')).toHaveAttribute('data-points', String(n));
  await expect(diag.getByTestId('regression-sampling')).toContainText('Every row is plotted');
  await expect(diag.getByTestId('predicted-vs-actual').locator('.recharts-scatter-symbol')).toHaveCount(n);
  await expect(diag.getByTestId('predicted-vs-actual').locator('.recharts-reference-line')).toHaveCount(2);
  await expect(diag.getByTestId('predicted-vs-actual')).toContainText('mean baseline');
  await expect(diag.getByTestId('residuals-vs-predicted').locator('.recharts-scatter-symbol')).toHaveCount(n);
  await expect(diag.getByTestId('residual-histogram').locator('.recharts-bar-rectangle').first()).toBeVisible();
  const f = await figures(diag);
  // the model learned something; the mean of other rows scores R² near 0 on held-out rows (a wrong constant would be far below)
  expect(f.rmse.model).toBeLessThan(f.rmse.baseline);
  expect(f.mae.model).toBeLessThan(f.mae.baseline);
  expect(f.r2.model).toBeGreaterThan(0.2);
  expect(f.r2.baseline).toBeLessThan(0.01);
  expect(f.r2.baseline).toBeGreaterThan(-0.2);
  await expect(diag.getByTestId('regression-loses')).toHaveCount(0);

  // predictions: every validation and test row, labelled with the file's own target value
  const table = scope.getByTestId('predictions-table');
  const total = Number(await table.getAttribute('data-rows'));
  expect(total).toBeGreaterThanOrEqual(n);
  const targets = diabetesTargets(studio);
  const first = table.locator('tbody tr').first();
  const firstRow = Number(await first.getAttribute('data-row'));
  expect(Number(await first.getAttribute('data-actual'))).toBe(targets[firstRow - 1]);
  const [download] = await Promise.all([page.waitForEvent('download'), table.getByTestId('download-predictions').click()]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('split,row,progression,predicted_progression,residual');
  expect(csv).toHaveLength(total + 1);
  for (const line of csv.slice(1)) {
    const [split, row, actual, predicted, residual] = line.split(',');
    expect(['validation', 'test']).toContain(split);
    expect(Number(actual)).toBe(targets[Number(row) - 1]);
    expect(Number(residual)).toBeCloseTo(Number(actual) - Number(predicted), 2);
  }
  expect(csv.filter((l) => l.startsWith('test,')).length).toBe(n);

  // try a row: prefilled from the first held-out row; the exported ONNX and the studio agree, and on the stored prediction
  const tableValue = Number(await first.getAttribute('data-predicted'));
  await first.getByRole('button', { name: `Try row ${firstRow}` }).click();
  const form = scope.getByTestId('try-row-form');
  await expect(form).toBeVisible({ timeout: 60_000 });
  await expect(form.getByTestId('try-row-select')).toHaveValue(String(firstRow - 1));
  const bmi = form.getByTestId('try-field-bmi');
  await expect(bmi).not.toHaveValue('');
  await form.getByTestId('try-row-predict').click();
  const onnx = scope.getByTestId('try-onnx');
  const studioOut = scope.getByTestId('try-studio');
  await expect(onnx).toBeVisible({ timeout: 30_000 });
  const a = Number(await onnx.getAttribute('data-value'));
  const b = Number(await studioOut.getAttribute('data-value'));
  expect(Math.abs(a - b)).toBeLessThan(0.01);
  expect(Math.abs(b - tableValue)).toBeLessThan(0.01);
  // an edited value changes both, and they still agree
  await bmi.fill('45');
  await form.getByTestId('try-row-predict').click();
  await expect(onnx).not.toHaveAttribute('data-value', String(a));
  const a2 = Number(await onnx.getAttribute('data-value'));
  expect(Math.abs(a2 - Number(await studioOut.getAttribute('data-value')))).toBeLessThan(0.01);
  // a bad value is refused, naming the column
  await form.getByTestId('try-field-age').fill('sixty');
  await form.getByTestId('try-row-predict').click();
  await expect(scope.getByTestId('try-row-error')).toContainText('age: "sixty" is not a number');
}

test('a tabular regression run on diabetes.csv shows predicted-vs-actual, residual plots, the mean baseline, per-row predictions and a row run through the exported ONNX', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  await page.getByTestId('sample-diabetes.csv').click();
  // a loaded shared machine can take a while to parse even 442 rows
  await expect(page.getByTestId('dataset-preview')).toContainText('442 rows', { timeout: 120_000 });
  await expect(page.getByTestId('task-kind')).toHaveValue('regression');
  await studio.setModel({ architecture: 'linear', epochs: 40, learningRate: 0.05, earlyStopping: false });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const panel = page.getByTestId('evaluation-panel');
  await checkHeldOutRows(page, studio, panel);
  // the diagnostics' model figures are the evaluation table's
  const rmse = Number(await panel.getByTestId('evaluation-report').locator('tr[data-metric="rmse"]').getAttribute('data-value'));
  expect((await figures(panel)).rmse.model).toBeCloseTo(rmse, 10);

  // the card says how each input is fed
  const { files } = await studio.exportBundle(panel);
  const card = new TextDecoder().decode(files['model-card.md']);
  expect(card).toContain('### Inputs');
  expect(card).toContain('| `bmi` | `numeric`[2] | numeric | float32 as is');
});

test('a GBDT regression run on diabetes.csv shows the same diagnostics and tries a row through its exported ONNX', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await page.getByTestId('sample-diabetes.csv').click();
  // a loaded shared machine can take a while to parse even 442 rows
  await expect(page.getByTestId('dataset-preview')).toContainText('442 rows', { timeout: 120_000 });
  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await setup.getByTestId('gbdt-target').selectOption('progression');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('regression');
  await setup.getByTestId('gbdt-mode-holdout').check();
  await setup.getByTestId('gbdt-rounds').fill('60');
  await setup.getByTestId('gbdt-depth').fill('3');
  await page.getByTestId('train-button').click();
  const train = page.getByTestId('gbdt-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  await checkHeldOutRows(page, studio, train);
});

test('chart axes: the ROC y-axis label stays clear of its tick labels', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  await page.getByTestId('sample-breast_cancer.csv').click();
  await expect(page.getByTestId('dataset-preview')).toContainText('569 rows', { timeout: 120_000 });
  await studio.setModel({ architecture: 'linear', epochs: 3 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const roc = page.getByTestId('roc-curve');
  const tickTexts = roc.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(tickTexts.first()).toBeVisible({ timeout: 30_000 });
  const label = await roc.locator('.recharts-label', { hasText: 'true positive rate' }).boundingBox();
  const ticks = await tickTexts.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().left));
  expect(label).not.toBeNull();
  // the rotated label ends left of where the leftmost tick text begins
  expect(label!.x + label!.width).toBeLessThanOrEqual(Math.min(...ticks) + 0.5);
});
