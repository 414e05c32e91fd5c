import { expect, test, type Page } from '@playwright/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';

/** The registry store's register action, reached as any code in the page could (the core must refuse what the UI refuses). */
type RegisterFromPage = (v: object, bump: 'minor' | 'major') => Promise<unknown>;

async function newestRun(page: Page): Promise<{ id: string; status: string }> {
  return page.evaluate(() => {
    const r = window.__kilnTest!.runs()[0];
    return { id: r.id, status: r.status };
  });
}

test('switching dataset clears the train panel; a reload restores dataset, family and header; a registered run under production is not deleted', async ({ page }) => {
  const studio = new StudioPage(page);
  const exp = new ExperimentsPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-wine.csv').click();
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'linear', epochs: 3 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  await expect(page.getByTestId('split-sizes')).toBeVisible();
  await expect(page.getByTestId('confusion-matrix').first()).toBeVisible();

  // another dataset: nothing of the wine run (split, metrics, curves, confusion matrix) in its train panel
  await page.getByTestId('sample-diabetes.csv').click();
  await studio.expectDataset('diabetes.csv', 442);
  await expect(page.getByTestId('split-sizes')).toHaveCount(0);
  await expect(page.getByTestId('final-metrics')).toHaveCount(0);
  await expect(page.getByTestId('loss-chart')).toHaveCount(0);
  await expect(page.getByTestId('confusion-matrix')).toHaveCount(0);
  await expect(page.getByTestId('evaluation-panel')).toHaveCount(0);
  await expect(page.getByTestId('train-button')).toBeEnabled();
  // back on wine, its run shows again
  await page.getByTestId('dataset-list').getByRole('button', { name: /^wine\.csv/ }).click();
  await studio.expectDataset('wine.csv', 178);
  await expect(page.getByTestId('final-metrics')).toBeVisible();

  // the dataset, its family and the header's backend come back after a reload
  await page.getByTestId('family-gbdt').check();
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await studio.expectDataset('wine.csv', 178);
  await expect(page.getByTestId('family-gbdt')).toBeChecked();
  await expect(page.getByTestId('active-backend')).toHaveText('last run: wasm');

  // registered and in production: the deletion is refused, naming the alias
  const run = await newestRun(page);
  await exp.openRun(run.id);
  const v = await exp.registerOpenRun('wine_classifier', 'first');
  await exp.registry('wine_classifier');
  await exp.pointAlias('production', v, 'ship');
  await expect(exp.aliasBadge(v, 'production')).toBeVisible();
  // "which version was production at…" asks about now by default, not about when the page was opened
  await expect(page.getByTestId('alias-at-answer')).toHaveText(v);
  await page.getByTestId('nav-studio').click();
  await exp.openRun(run.id);
  await expect(page.getByTestId('delete-run')).toHaveAttribute('data-versions', v);
  await page.getByTestId('delete-run').click();
  await expect(page.getByTestId('runs-error')).toContainText(`production → ${v}`);
  await expect(page.locator(`[data-testid="runs-list"] li[data-run-id="${run.id}"]`)).toHaveCount(1);
});

test('an interrupted run with 0 epochs cannot be registered: the button says why, and the registry refuses it from code too', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-diabetes.csv').click();
  await studio.expectDataset('diabetes.csv', 442);
  // long enough that the reload lands while it trains
  await studio.setModel({ architecture: 'linear', epochs: 5000, batchSize: 8 });
  await studio.startTraining();
  await page.waitForFunction(() => window.__kilnTest!.runs()[0]?.status === 'running');
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  const run = await newestRun(page);
  expect(run.status).toBe('interrupted');

  await new ExperimentsPage(page).openRun(run.id);
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('register-refused')).toContainText('interrupted');
  await expect(view.getByTestId('register-open')).toBeDisabled();

  const out = await page.evaluate(async (runId) => {
    const reg = window.__kilnTest!.registry() as unknown as { register: RegisterFromPage };
    const made = await reg.register({ modelType: 'diabetes_regressor', suffix: null, runId, runName: 'x', family: 'tabular', note: '', config: {}, metrics: {}, calibration: null }, 'minor');
    const after = window.__kilnTest!.registry() as unknown as { error: string | null; versions: unknown[] };
    return { made, error: after.error, versions: after.versions.length };
  }, run.id);
  expect(out.made).toBeNull();
  expect(out.error).toMatch(/cannot be registered: it was interrupted/);
  expect(out.versions).toBe(0);
});
