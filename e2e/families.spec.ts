import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';

/**
 * The family switch lists every registered family; a family the dataset cannot feed is disabled
 * with the reason; and a studio feature a family does not offer is said in words in its
 * workspace, never silently left out.
 */
test('the family switch and each family workspace say which studio features the family lacks, and why', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-wine.csv').click();
  await studio.expectDataset('wine.csv', 178);

  for (const f of ['tabular', 'sequence', 'ranker', 'gbdt', 'matcher']) await expect(studio.familyOption(f)).toBeVisible();
  // wine has no work histories: the sequence model is listed, disabled, with the reason and what it would need
  await expect(studio.familyOption('sequence')).toBeDisabled();
  await expect(page.getByTestId('family-switch')).toContainText('no work histories found in this dataset');
  await expect(studio.familyOption('sequence').locator('..')).toHaveAttribute('title', /work-history column/);

  // the tabular family offers all of them: no note
  await expect(studio.familyOption('tabular')).toBeChecked();
  await expect(page.getByTestId('train-button')).toBeVisible();
  await expect(page.getByTestId('capability-notes')).toHaveCount(0);

  // trees cross-validate and search, but do not checkpoint
  await studio.familyOption('gbdt').check();
  await expect(page.getByTestId('gbdt-setup')).toBeVisible();
  await expect(studio.capabilityNote('checkpoints')).toContainText('Checkpoints and resume');
  await expect(studio.capabilityNote('crossValidation')).toHaveCount(0);
  await expect(studio.capabilityNote('search')).toHaveCount(0);

  // the matcher has no epochs: checkpoints do not apply, and the note says so
  await studio.familyOption('matcher').check();
  await expect(studio.capabilityNote('checkpoints')).toContainText('no epochs to checkpoint');
  await expect(studio.capabilityNote('crossValidation')).toContainText('Cross-validation');

  // the choice is per dataset and comes back after a reload
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await expect(studio.familyOption('matcher')).toBeChecked();
  await expect(studio.capabilityNote('checkpoints')).toContainText('no epochs to checkpoint');
});

test('a stopped run of a family without checkpoints says in its run view why it cannot be resumed', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  await page.getByTestId('sample-breast_cancer.csv').click();
  await studio.expectDataset('breast_cancer.csv', 569);
  await studio.familyOption('gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await setup.getByTestId('gbdt-target').selectOption('diagnosis');
  // long enough that the reload lands while it trains
  await setup.getByTestId('gbdt-rounds').fill('5000');
  await setup.getByTestId('gbdt-early').fill('0');
  await page.getByTestId('train-button').click();
  await page.waitForFunction(() => window.__kilnTest!.runs()[0]?.status === 'running');
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  const runId = await page.evaluate(() => window.__kilnTest!.runs()[0].id);
  expect(await page.evaluate(() => window.__kilnTest!.runs()[0].status)).toBe('interrupted');

  await new ExperimentsPage(page).openRun(runId);
  await expect(page.getByTestId('resume-unavailable')).toContainText('Resume: Not offered for gradient-boosted trees');
});
