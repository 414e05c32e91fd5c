import { expect, test } from './fixtures/test';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { DEMO_COUNTS } from '../proxy/src/demo/generate';
import { StudioPage } from './fixtures/studio-page';

const GRADES = ['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A'];

test('imports essays through the proxy, runs 3-fold CV of the ordinal GBDT and shows per-fold QWK and the grade confusion matrix', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.importFromProxy(`http://127.0.0.1:${PROXY_PORT}`, PROXY_TOKEN, 'essays', DEMO_COUNTS.essays);

  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  // the grade column is found, its letter grades ordered lowest first, and the objective is ordinal
  await expect(setup.getByTestId('gbdt-target')).toHaveValue('grade');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('ordinal');
  await expect(setup.getByTestId('gbdt-labels')).toHaveValue(GRADES.join(', '));
  // the embedding column is offered as one (384 features), the ragged paragraph list is not
  const features = setup.getByTestId('gbdt-features');
  await expect(features.locator('.option-row[data-column="embedding"]')).toHaveAttribute('data-kind', 'embedding');
  await expect(features.locator('.option-row[data-column="paragraph_lengths"]')).toHaveCount(0);
  // and it is not dropped silently: the setup says why
  await expect(setup.getByTestId('gbdt-excluded').locator('li[data-column="paragraph_lengths"]')).toContainText('free text');
  await expect(features.locator('.option-row[data-column="word_count"] input')).toBeChecked();
  await expect(features.locator('.option-row[data-column="created_at"] input')).not.toBeChecked();
  // small trees: SwiftShader is not involved (trees run in JS), but CI machines are slow
  await setup.getByTestId('gbdt-rounds').fill('40');
  await setup.getByTestId('gbdt-depth').fill('3');
  await setup.getByTestId('gbdt-mode-cv').check();
  await setup.getByTestId('cv-folds').fill('3');
  await expect(setup.getByTestId('cv-strategy')).toHaveValue('stratified');
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('gbdt-train');
  // live: rounds of the first fold arrive while the run is going
  await page.waitForFunction(() => window.__kilnTest!.gbdt().epochs.length >= 2 && window.__kilnTest!.gbdt().phase === 'training', null, { timeout: 120_000 });
  await expect(train.getByTestId('round-chart')).toBeVisible();

  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  const report = train.getByTestId('gbdt-report');
  await expect(report).toHaveAttribute('data-mode', 'cv');
  const table = report.getByTestId('cv-table');
  await expect(table.getByTestId('cv-fold-row')).toHaveCount(3);
  const qwks = await table.locator('[data-testid="cv-fold-row"] td[data-metric="qwk"]').evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
  expect(qwks).toHaveLength(3);
  for (const q of qwks) expect(q).toBeGreaterThan(0.3);
  const mean = Number(await table.getByTestId('cv-mean-row').locator('td[data-metric="qwk"]').getAttribute('data-mean'));
  expect(mean).toBeCloseTo(qwks.reduce((a, b) => a + b, 0) / 3, 10);

  // the grade confusion matrix of the out-of-fold predictions, rows and columns named by grade
  const oof = report.getByTestId('cv-oof');
  const matrix = oof.getByTestId('confusion-matrix');
  await expect(matrix.locator('thead th')).toHaveText(['true \\ predicted', ...GRADES]);
  await expect(matrix.locator('tbody th')).toHaveText(GRADES);
  const cells = await matrix.locator('tbody td').evaluateAll((tds) => tds.map((td) => Number(td.textContent)));
  expect(cells.reduce((a, b) => a + b, 0)).toBe(DEMO_COUNTS.essays);
  await expect(oof.getByTestId('per-grade-table').locator('tbody tr')).toHaveCount(GRADES.length);

  // the stored run reopens after a reload with its fold table
  const runId = await page.evaluate(() => window.__kilnTest!.gbdt().runId);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('cv-fold-row')).toHaveCount(3);
  await expect(view.getByTestId('confusion-matrix')).toBeVisible();
});

test('trains an ordinal GBDT with a holdout split on the essays sample, exports model.onnx and onnxruntime-web in the page reproduces the grade distribution', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.dropFile(studio.sample('essays.csv'));
  await studio.expectDataset('essays.csv', 800);
  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('ordinal');
  await setup.getByTestId('gbdt-rounds').fill('60');
  await setup.getByTestId('gbdt-growth').selectOption('leafwise');
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('gbdt-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  const report = train.getByTestId('gbdt-report');
  await expect(report).toHaveAttribute('data-mode', 'holdout');
  const qwk = Number(await report.getByTestId('gbdt-validation').locator('tr[data-metric="qwk"]').getAttribute('data-value'));
  expect(qwk).toBeGreaterThan(0.4);
  await expect(report.getByTestId('gbdt-test').getByTestId('confusion-matrix')).toBeVisible();
  await expect(report.getByTestId('importance-by-column')).toContainText('embedding (384 dims)');

  const { rows, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(rows).toBe(160); // the validation split: 20% of 800
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(files).sort()).toEqual(['gbdt-model.json', 'metadata.json', 'model-card.md', 'model.onnx']);
  const meta = JSON.parse(new TextDecoder().decode(files['metadata.json']));
  expect(meta.labels).toEqual(GRADES);
  expect(meta.feature_names).toHaveLength(JSON.parse(new TextDecoder().decode(files['gbdt-model.json'])).featureNames.length);
  expect(meta.model_id).toMatch(/^gbdt_grader_v\d+\.\d+-ordinal$/);

  // why did this essay get its grade: exact TreeSHAP of the validation rows in the stored run's view
  const runId = await page.evaluate(() => window.__kilnTest!.gbdt().runId);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const explain = page.getByTestId('run-view').getByTestId('gbdt-explain');
  await explain.getByTestId('gbdt-explain-start').click();
  await expect(explain).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const waterfall = explain.getByTestId('shap-waterfall');
  await expect(waterfall).toHaveAttribute('data-steps', '11'); // the top 10 and "N other features"
  await expect(waterfall).toContainText('latent grade score');
  const first = await waterfall.getAttribute('data-margin');
  await explain.getByRole('button', { name: 'next row' }).click();
  await expect(waterfall).not.toHaveAttribute('data-margin', first!);
  await expect(explain.getByTestId('shap-summary')).toContainText('embedding');
  await expect(explain.getByTestId('shap-beeswarm')).toHaveAttribute('data-points', String(160 * 10));
  await expect(explain.getByTestId('shap-dependence')).toBeVisible();
});
