import { expect, test } from './fixtures/test';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { essays } from '../proxy/src/demo/generate';
import { StudioPage } from './fixtures/studio-page';

test('connects to the export proxy, imports essays with a filter, and keeps the dataset with its source', async ({ page }) => {
  const expected = essays().filter((r) => r[3] === 'A' || r[3] === 'B').length;
  const studio = new StudioPage(page);
  const proxyUrl = `http://127.0.0.1:${PROXY_PORT}`;
  // the link the launcher prints: URL and token in the fragment, read once and saved
  await studio.open(`#proxy=${encodeURIComponent(proxyUrl)}&token=${PROXY_TOKEN}`);
  expect(new URL(page.url()).hash).toBe('');
  const panel = page.getByTestId('connect-panel');
  await expect(panel.getByTestId('proxy-url')).toHaveValue(proxyUrl);
  await panel.getByTestId('proxy-connect').click();
  await expect(panel.getByTestId('proxy-status')).toContainText('embedded demo database');
  await panel.getByTestId('proxy-table').selectOption('essays');
  await panel.getByTestId('proxy-add-filter').click();
  const filter = panel.getByTestId('proxy-filters');
  await filter.getByLabel('Filter column').selectOption('grade');
  await filter.getByLabel('Filter operator').selectOption('in');
  await filter.getByLabel('Filter value').fill('A, B');
  await panel.getByTestId('proxy-preview').click();
  const preview = panel.getByTestId('proxy-preview-table');
  await expect(preview.locator('tbody tr')).toHaveCount(20);
  await expect(preview.locator('tbody')).not.toContainText(/\b(C|D|E|F)\b.*\d{4}-/);
  await panel.getByTestId('proxy-import').click();

  await expect(page.getByTestId('dataset-preview')).toContainText(`${expected.toLocaleString('en-US')} rows`, { timeout: 60_000 });
  const ds = await page.evaluate(() => window.__kilnTest!.datasets()[0]);
  expect(ds.rowCount).toBe(expected);
  expect(ds.origin.kind).toBe('proxy');
  expect(ds.origin.kind === 'proxy' && ds.origin.request).toMatchObject({ table: 'essays', filters: [{ column: 'grade', op: 'in', value: ['A', 'B'] }] });
  await expect(page.getByTestId('dtype-created_at')).toHaveText('datetime');
  await expect(page.getByTestId('dtype-word_count')).toHaveText('numeric');

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.getByTestId('dataset-list').getByRole('button', { name: /^essays \(filtered\)/ }).click();
  await expect(page.getByTestId('dataset-origin')).toContainText('table essays');
  await expect(page.getByTestId('dataset-preview')).toContainText(`${expected.toLocaleString('en-US')} rows`);
});

test('a wrong proxy token is reported, and nothing is imported', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open(`#proxy=${encodeURIComponent(`http://127.0.0.1:${PROXY_PORT}`)}&token=wrong`);
  await page.getByTestId('proxy-connect').click();
  await expect(page.getByTestId('proxy-error')).toContainText('unauthorized');
  expect(await page.evaluate(() => window.__kilnTest!.datasets().length)).toBe(0);
});
