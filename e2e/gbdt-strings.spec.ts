import { expect, test, type Page } from '@playwright/test';
import { StudioPage } from './fixtures/studio-page';

/**
 * A churn table as a data scientist gets it: an id, two string columns that decide most of the
 * churn (city, plan), numbers with a few gaps, and a yes/no target that Kiln infers as boolean.
 * Seeded, so the file is the same on every run.
 */
function churnCsv(rows: number): string {
  let s = 7;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const cities = ['Lyon', 'Paris', 'Nice', 'Lille', 'Brest', 'Metz'];
  const plans = ['basic', 'plus', 'pro'];
  const out = ['customer_id,city,plan,tenure_months,monthly_charges,churned'];
  for (let i = 0; i < rows; i++) {
    const c = Math.floor(rnd() * cities.length);
    const p = Math.floor(rnd() * plans.length);
    const tenure = Math.floor(rnd() * 60);
    const charges = (20 + rnd() * 80).toFixed(2);
    const logit = [1.6, -1.2, 0.8, -0.6, 2, -2][c] + [1.2, 0, -1.6][p] - tenure / 30 + (rnd() - 0.5) * 0.8;
    out.push(`C${10000 + i},${cities[c]},${plans[p]},${rnd() < 0.03 ? '' : tenure},${charges},${logit > 0 ? 'yes' : 'no'}`);
  }
  return out.join('\n');
}

async function openChurn(page: Page): Promise<StudioPage> {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await studio.dropText('churn.csv', churnCsv(600));
  await studio.expectDataset('churn.csv', 600);
  return studio;
}

test('GBDT trains on a yes/no target with string features; reports, confusion matrix and export say yes/no', async ({ page }) => {
  const studio = await openChurn(page);
  // the family choice is a named radio group: the words select, arrow keys move between options
  const families = page.getByRole('group', { name: 'Model family' });
  await families.getByText('Gradient-boosted trees', { exact: true }).click();
  await expect(page.getByTestId('family-gbdt')).toBeChecked();
  await page.getByTestId('family-gbdt').press('ArrowDown');
  await expect(page.getByTestId('family-matcher')).toBeChecked();
  await page.getByTestId('family-matcher').press('ArrowUp');
  await expect(page.getByTestId('family-gbdt')).toBeChecked();
  const setup = page.getByTestId('gbdt-setup');
  await setup.getByTestId('gbdt-target').selectOption('churned');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('binary');
  // two classes in the file's own words, negative first: not "has 0 classes", not false/true
  await expect(setup.getByTestId('gbdt-labels')).toHaveValue('no, yes');
  const features = setup.getByTestId('gbdt-features');
  await expect(features.locator('.option-row[data-column="city"]')).toHaveAttribute('data-kind', 'categorical');
  await expect(features.locator('.option-row[data-column="plan"]')).toHaveAttribute('data-kind', 'categorical');
  await expect(features.locator('.option-row[data-column="city"] input')).toBeChecked();
  // each checkbox is named by its own label, and clicking the name toggles it
  await features.getByText('tenure_months', { exact: true }).click();
  await expect(features.getByLabel('tenure_months')).not.toBeChecked();
  await features.getByText('tenure_months', { exact: true }).click();
  await expect(features.getByLabel('tenure_months')).toBeChecked();
  // the id column is not silently dropped: the setup says why it is not a feature
  await expect(setup.getByTestId('gbdt-excluded').locator('li[data-column="customer_id"]')).toContainText('an id');
  // typing the classes by hand (as the user did) keeps them usable
  await setup.getByTestId('gbdt-labels').fill('no, yes');
  await setup.getByTestId('gbdt-labels').blur();
  await setup.getByTestId('gbdt-rounds').fill('60');
  await expect(page.getByTestId('train-button')).toBeEnabled();
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('gbdt-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  const report = train.getByTestId('gbdt-report');
  const auc = Number(await report.getByTestId('gbdt-validation').locator('tr[data-metric="roc_auc"]').getAttribute('data-value'));
  expect(auc).toBeGreaterThan(0.8);
  const matrix = report.getByTestId('gbdt-test').getByTestId('confusion-matrix');
  await expect(matrix.locator('thead th')).toHaveText(['true \\ predicted', 'no', 'yes']);
  await expect(matrix.locator('tbody th')).toHaveText(['no', 'yes']);
  // the string columns carry weight in the model
  // train orange, validation blue: the same colours as the tabular loss chart (see the second test)
  await expect(report.getByTestId('round-chart').locator('path.recharts-line-curve')).toHaveCount(2);
  expect(await report.getByTestId('round-chart').locator('path.recharts-line-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')))).toEqual(['#f08a4b', '#5ab0f0']);
  const important = await report.getByTestId('importance-table').locator('tbody th').allTextContents();
  expect(important).toEqual(expect.arrayContaining(['city', 'plan']));

  const { maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  const meta = JSON.parse(new TextDecoder().decode(files['metadata.json']));
  expect(meta.labels).toEqual(['no', 'yes']);
  expect(meta.categorical.map((c: { feature: string }) => c.feature)).toEqual(['city', 'plan']);
  const card = new TextDecoder().decode(files['model-card.md']);
  expect(card).toContain('positive class "yes"');
  expect(card).toContain('`city` (6 values)');
});

test('the tabular family reports a yes/no target as yes/no', async ({ page }) => {
  const studio = await openChurn(page);
  await studio.chooseTarget('churned');
  await expect(page.getByTestId('task-kind')).toHaveValue('binary');
  await studio.setModel({ architecture: 'linear', epochs: 5, batchSize: 64, learningRate: 0.05 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  expect(await page.getByTestId('loss-chart').first().locator('path.recharts-line-curve').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')))).toEqual(['#f08a4b', '#5ab0f0']);
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.family === 'tabular' && run.task.labels).toEqual(['no', 'yes']);
  const panel = page.getByTestId('evaluation-panel');
  const matrix = panel.getByTestId('confusion-matrix').first();
  await expect(matrix.locator('thead th')).toHaveText(['true \\ predicted', 'no', 'yes'], { timeout: 60_000 });
  await expect(matrix.locator('tbody th')).toHaveText(['no', 'yes']);
});
