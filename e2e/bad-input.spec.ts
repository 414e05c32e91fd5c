import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';

test('a malformed CSV gets an error naming file, line and column, and stored data stays intact', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.dropText('good.csv', 'x,y\n1,a\n2,b\n3,a\n');
  await studio.expectDataset('good.csv', 3);
  await studio.dropText('broken.csv', 'x,y,z\n1,2,3\n4,5\n');
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('broken.csv');
  await expect(banner).toContainText('line 3');
  await expect(banner).toContainText('column 3 ("z")');
  const names = await page.evaluate(() => window.__kilnTest!.datasets().map((d) => d.fileName));
  expect(names).toEqual(['good.csv']);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await expect(page.getByTestId('dataset-list')).toContainText('good.csv');
  await expect(page.getByTestId('dataset-list')).not.toContainText('broken.csv');
});

test('deleting a run asks first, and keeps it when the answer is no', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  await page.getByTestId('sample-diabetes.csv').click();
  await studio.expectDataset('diabetes.csv', 442);
  await expect(page.getByTestId('task-kind')).toHaveValue('regression');
  await studio.setModel({ architecture: 'linear', epochs: 3 });
  await studio.startTraining();
  await studio.waitForFinalMetrics();
  const runId = await page.evaluate(() => window.__kilnTest!.runs()[0].id);
  await page.locator(`li[data-run-id="${runId}"] button`).click();
  page.once('dialog', (d) => void d.dismiss());
  await page.getByTestId('delete-run').click();
  await expect(page.locator(`li[data-run-id="${runId}"]`)).toBeVisible();
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('delete-run').click();
  await expect(page.locator(`li[data-run-id="${runId}"]`)).toHaveCount(0);
});

test('a single-class target disables Train with the reason, and no run is started', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=cpu');
  const rows = Array.from({ length: 30 }, (_, i) => `${i},${(i * 7) % 5},yes`).join('\n');
  await studio.dropText('one-class.csv', `x,z,churned\n${rows}\n`);
  await studio.expectDataset('one-class.csv', 30);
  await studio.chooseTarget('churned');
  await expect(page.getByTestId('train-button')).toBeDisabled();
  await expect(page.getByLabel('Training')).toContainText('the target "churned" has a single class');
  await expect(page.getByLabel('Training')).toContainText('in 30 rows); classification needs at least 2 classes');
  expect(await page.evaluate(() => window.__kilnTest!.runs().length)).toBe(0);
  // a second class makes it trainable
  await studio.chooseTarget('z');
  await expect(page.getByTestId('train-button')).toBeEnabled();
});
