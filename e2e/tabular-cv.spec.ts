import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';

test('cross-validates the tabular MLP on wine.csv (3 stratified folds, wasm): live folds, per-fold accuracy with mean ± std, out-of-fold confusion matrix, reopened after reload', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 25, batchSize: 16, learningRate: 0.01 });
  const cv = page.getByTestId('tabular-cv');
  await cv.locator('summary').click();
  await cv.getByTestId('cv-folds').fill('3');
  await expect(cv.getByTestId('cv-strategy')).toHaveValue('stratified');
  await cv.getByTestId('cv-train-button').click();
  await expect(cv.getByTestId('cv-run-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  // the folds train where a single run of this setup would: Kiln's engine, the auto choice for wasm
  await expect(cv.getByTestId('cv-run-engine')).toHaveAttribute('data-engine', 'kiln');

  await expect(cv.getByTestId('cv-final')).toBeVisible({ timeout: 180_000 });
  const table = cv.getByTestId('cv-table');
  await expect(table.getByTestId('cv-fold-row')).toHaveCount(3);
  const acc = await table.locator('[data-testid="cv-fold-row"] td[data-metric="accuracy"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  for (const a of acc) expect(a).toBeGreaterThan(0.8);
  const mean = Number(await table.getByTestId('cv-mean-row').locator('td[data-metric="accuracy"]').getAttribute('data-mean'));
  expect(mean).toBeCloseTo(acc.reduce((x, y) => x + y, 0) / 3, 10);
  const matrix = cv.getByTestId('cv-oof').getByTestId('confusion-matrix');
  await expect(matrix.locator('tbody th')).toHaveText(['class_0', 'class_1', 'class_2']);
  const cells = await matrix.locator('tbody td').evaluateAll((tds) => tds.map((td) => Number(td.textContent)));
  expect(cells.reduce((a, b) => a + b, 0)).toBe(178);
  // each fold drew its own curve
  const s = await page.evaluate(() => window.__kilnTest!.tabularCv());
  expect(new Set(s.epochs.map((e) => e.valMetrics.fold))).toEqual(new Set([0, 1, 2]));

  const runId = s.runId;
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('cv-fold-row')).toHaveCount(3);
  await expect(view).toContainText('3-fold stratified cross-validation');
  await expect(view.getByTestId('run-engine')).toHaveAttribute('data-engine', 'kiln');
});
