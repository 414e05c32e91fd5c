import { expect, test } from './fixtures/test';
import { SchemaPage } from './fixtures/schema-page';
import { StudioPage } from './fixtures/studio-page';
import { predictRaw, type GbdtModel } from '../src/ml/models/gbdt/model';
import { mulberry32 } from '../src/ml/data/rng';

const model0 = (files: Record<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files['gbdt-model.json'])) as GbdtModel;

test('essays: an ordinal GBDT with word_count constrained ↑ and prompt_id split by category sets trains, explains an essay, exports, and onnxruntime-web in the page reproduces it', async ({ page }) => {
  const studio = new StudioPage(page);
  const schema = new SchemaPage(page);
  await studio.open();
  await studio.dropFile(studio.sample('essays.csv'));
  await studio.expectDataset('essays.csv', 800);
  // prompt_id holds the numbers 1..6: it is a category, not a quantity
  await schema.setType('prompt_id', 'categorical');
  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('ordinal');
  const features = setup.getByTestId('gbdt-features');
  const promptRow = features.locator('.option-row[data-column="prompt_id"]');
  await expect(promptRow).toHaveAttribute('data-kind', 'categorical');
  // a handful of columns (no embedding), so the weak prompt effect gets its splits; *_id columns are offered, not picked: pick it
  await setup.getByTestId('gbdt-features-none').click();
  for (const c of ['word_count', 'spelling_errors', 'vocabulary_richness', 'avg_sentence_length', 'prompt_id']) await features.locator(`.option-row[data-column="${c}"] input[type="checkbox"]`).check();
  await setup.getByTestId('gbdt-rounds').fill('40');
  await setup.getByTestId('gbdt-growth').selectOption('leafwise');
  const constraints = setup.getByTestId('gbdt-constraints');
  await expect(constraints.getByTestId('gbdt-categorical-splits')).toBeChecked();
  await constraints.getByTestId('gbdt-monotone-word_count').selectOption('1');
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('gbdt-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 180_000 });
  const { rows, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(rows).toBe(160);
  expect(model0(files).categorical?.map((c) => c.feature)).toEqual(['prompt_id']);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  const model = model0(files);
  expect(model.config.monotone).toEqual({ word_count: 1 });
  const promptAt = model.featureNames.indexOf('prompt_id');
  expect(model.trees.some((t) => t.catLeft?.some((c, i) => c !== null && t.feature[i] === promptAt))).toBe(true);
  expect(new TextDecoder().decode(files['model-card.md'])).toContain('monotone ↑ word_count');

  // the trained model never lowers the latent grade as word_count grows, whatever the other features
  const F = model.featureNames.length;
  const wordAt = model.featureNames.indexOf('word_count');
  const rng = mulberry32(4);
  const grid = Array.from({ length: 31 }, (_, k) => k * 60);
  const x = new Float32Array(50 * grid.length * F);
  for (let r = 0; r < 50; r++) {
    const base = Float32Array.from({ length: F }, () => rng() * 4 - 2);
    base[promptAt] = Math.floor(rng() * 6);
    grid.forEach((w, j) => {
      x.set(base, (r * grid.length + j) * F);
      x[(r * grid.length + j) * F + wordAt] = w;
    });
  }
  const s = predictRaw(model, x, 50 * grid.length);
  for (let r = 0; r < 50; r++) for (let j = 1; j < grid.length; j++) expect(s[r * grid.length + j]).toBeGreaterThanOrEqual(s[r * grid.length + j - 1]);

  // the stored run: its facts name the constraint, and one essay's explanation opens
  const runId = await page.evaluate(() => window.__kilnTest!.gbdt().runId);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.locator('dl.facts')).toContainText('monotone ↑ word_count · categorical columns split by category sets');
  // the trees were grown on the GBDT thread pool (the studio is cross-origin isolated; every CI machine has 2 cores or more)
  await expect(view.locator('dl.facts')).toContainText(/Histograms\s*([2-9]|\d\d) threads/);
  const explain = view.getByTestId('gbdt-explain');
  await explain.getByTestId('gbdt-explain-start').click();
  await expect(explain).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(explain.getByTestId('shap-waterfall')).toContainText('latent grade score');
  await expect(explain.getByTestId('shap-summary')).toBeVisible();
});
