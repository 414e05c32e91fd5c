import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-node';
import { expect, test } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';
import { TunePage } from './fixtures/tune-page';
import { generateSectionExamples, sectionExamplesJsonl } from '../src/ml/models/sections/generate-postings';

const num = (s: string | null) => Number(s);

/**
 * Acceptance 3 in the studio: labeled sections as an annotation tool exports them (JSONL), the
 * section classifier trained in the worker, held-out accuracy ≥ 0.85, the confidence floor in the
 * try box, and the export checked in onnxruntime-web in this Chromium from raw text, then by a
 * service (the shipped tokenizer + onnxruntime-node) outside the browser.
 */
test('trains the section classifier on JSONL sections, reports it, falls back under the floor, exports a graph equal to the studio from raw text', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  const examples = generateSectionExamples(300, 3);
  await studio.dropText('posting-sections.jsonl', sectionExamplesJsonl(examples));
  await studio.expectDataset('posting-sections.jsonl', examples.length);

  await page.getByTestId('family-sections').check();
  const setup = page.getByTestId('sections-setup');
  await expect(setup.getByTestId('sections-text-column')).toHaveValue('text');
  await expect(setup.getByTestId('sections-label-column')).toHaveValue('label');
  await setup.getByTestId('sections-model-kind').selectOption('mlp');
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('sections-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 120_000 });
  const accuracy = num(await train.getByTestId('sections-accuracy').textContent());
  console.log(`sections e2e: held-out accuracy ${accuracy} (MLP, ${examples.length} sections)`);
  expect(accuracy).toBeGreaterThanOrEqual(0.85);
  await expect(train.getByTestId('sections-class-report').locator('tbody tr')).toHaveCount(6);
  await expect(train.getByTestId('sections-confusion')).toBeVisible();
  await expect(train.getByTestId('sections-floor')).toContainText('get a trusted label');
  await expect(train.getByTestId('run-engine')).toBeVisible();

  // the try box: the example posting plus a section of sentences every kind uses; each row is whole-text exactly when under the floor
  const tryBox = train.getByTestId('sections-try');
  const rows = tryBox.getByTestId('sections-try-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(2)).toHaveAttribute('data-label', 'requirements');
  const text = tryBox.getByTestId('sections-try-text');
  await text.fill(`${await text.inputValue()}\n\nWe care about the people on our team. Experience matters, but so does curiosity.`);
  await expect(rows).toHaveCount(6);
  const floorHolds = async (floor: number) => {
    for (const row of await rows.all()) {
      const confidence = num(await row.locator('td').nth(2).textContent());
      await expect(row).toHaveAttribute('data-whole', confidence < floor ? 'yes' : 'no');
    }
  };
  await floorHolds(0.5);
  await tryBox.getByTestId('sections-try-floor').fill('0.99');
  await expect(tryBox.locator('tr[data-whole="yes"]').first()).toBeVisible();
  await floorHolds(0.99);

  // the bundle, checked in onnxruntime-web in this browser on the test sections' raw texts
  const { rows: checked, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  console.log(`sections e2e: onnxruntime-web (Chromium) largest |onnx − studio| over ${checked} test sections: ${maxAbsDiff}`);
  expect(checked).toBeGreaterThan(100);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(files).sort()).toEqual(['metadata.json', 'model-card.md', 'model.onnx', 'sections-tokenizer.mjs', 'sections_tokenizer.py', 'vocab.json']);
  const meta = JSON.parse(new TextDecoder().decode(files['metadata.json']));
  expect(meta.model_id).toBe('section_classifier_v1.0-mlp');

  // a service outside the browser: the shipped tokenizer + onnxruntime-node give the studio's probabilities
  const dir = mkdtempSync(join(tmpdir(), 'kiln-sections-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  const stored = await page.evaluate(async () => {
    const t = window.__kilnTest!;
    const id = t.sections().runId as string;
    const a = await t.sectionsArtifacts(id);
    return { texts: a.result!.test.texts.slice(0, 50), probabilities: Array.from(a.result!.test.probabilities.slice(0, 50 * a.result!.labels.length)) };
  });
  const { SectionsTokenizer } = await import(pathToFileURL(join(dir, 'sections-tokenizer.mjs')).href);
  const tok = new SectionsTokenizer(JSON.parse(new TextDecoder().decode(files['vocab.json'])));
  const t = tok.batch(stored.texts);
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'));
  const out = await session.run({ [tok.input]: new ort.Tensor('int64', t.data, t.dims) });
  const got = out.probabilities.data as Float32Array;
  const gap = stored.probabilities.reduce((d, v, i) => Math.max(d, Math.abs(v - got[i])), 0);
  console.log(`sections e2e: onnxruntime-node + shipped tokenizer largest gap over 50 test sections: ${gap}`);
  expect(gap).toBeLessThanOrEqual(1e-5);

  // after a reload the stored run reopens with its report, the try box and the export
  const runId = await page.evaluate(() => window.__kilnTest!.sections().runId);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('sections-accuracy')).toHaveText(String(accuracy.toFixed(3)));
  await expect(view.getByTestId('sections-confusion')).toBeVisible();
  await expect(view.getByTestId('sections-try-row')).toHaveCount(5);
  await expect(view.getByTestId('sections-export')).toBeVisible();
});

test('searches section-classifier settings (3 random trials, one-shot fits) and trains the best as a run', async ({ page }) => {
  const studio = new StudioPage(page);
  const tune = new TunePage(page);
  await studio.open();
  const examples = generateSectionExamples(150, 5);
  await studio.dropText('few-sections.jsonl', sectionExamplesJsonl(examples));
  await studio.expectDataset('few-sections.jsonl', examples.length);
  await page.getByTestId('family-sections').check();
  await page.getByTestId('sections-setup').getByTestId('sections-epochs').fill('15');

  await tune.open();
  await expect(tune.panel).toHaveAttribute('data-family', 'sections');
  await tune.setSpace([{ name: 'learningRate', kind: 'log-uniform', low: 0.005, high: 0.05 }]);
  // a one-shot fit has no pruning to set
  await expect(tune.panel.getByTestId('tune-pruning')).toHaveCount(0);
  await tune.panel.getByTestId('tune-trials').fill('3');
  await tune.panel.getByTestId('tune-sampler').selectOption('random');
  await tune.panel.getByTestId('tune-seed').fill('2');
  await tune.startButton().click();
  await tune.waitForDone(180_000);
  const trials = await tune.trials();
  expect(trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete']);
  for (const t of trials) expect(t.value).toBeGreaterThan(0.7);

  await page.getByTestId('train-best').click();
  const train = page.getByTestId('sections-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 120_000 });
  // the same config on the same split; trials fit on the JavaScript kernels, the run on the WASM ones, so float rounding may move a section or two
  const best = Math.max(...trials.map((t) => t.value ?? 0));
  expect(Math.abs(num(await train.getByTestId('sections-accuracy').textContent()) - best)).toBeLessThan(0.03);
});

test('a stopped section-classifier run resumes from its checkpoint and finishes with the curve going on from there', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  const examples = generateSectionExamples(400, 6);
  await studio.dropText('resume-sections.jsonl', sectionExamplesJsonl(examples));
  await studio.expectDataset('resume-sections.jsonl', examples.length);
  await page.getByTestId('family-sections').check();
  const setup = page.getByTestId('sections-setup');
  await setup.getByTestId('sections-model-kind').selectOption('mlp');
  await setup.getByTestId('sections-epochs').fill('150');
  await setup.getByTestId('sections-patience').fill('0');
  await page.getByTestId('train-button').click();

  await page.waitForFunction(() => {
    const s = window.__kilnTest!.sections();
    return s.phase === 'training' && s.checkpoint !== null && s.checkpoint.epoch >= 3;
  }, null, { timeout: 120_000 });
  await page.getByTestId('stop-button').click();
  const runId = (await page.evaluate(() => window.__kilnTest!.sections().runId))!;
  await page.waitForFunction((id) => window.__kilnTest!.runs().find((r) => r.id === id)?.status === 'user-stopped', runId, { timeout: 60_000 });
  const stoppedAt = await page.evaluate((id) => window.__kilnTest!.checkpointEpoch(id), runId);
  expect(stoppedAt).toBeGreaterThanOrEqual(3);
  expect(stoppedAt).toBeLessThan(150);

  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).first().click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('user-stopped');
  const resume = view.getByTestId('resume-run');
  await expect(resume).toHaveText(`Resume from epoch ${stoppedAt}`);
  await resume.click();
  await page.waitForFunction((id) => window.__kilnTest!.runs().find((r) => r.id === id)?.status === 'completed', runId, { timeout: 180_000 });
  const s = await page.evaluate((id) => window.__kilnTest!.runSeries(id), runId);
  expect(s.epochs.map((e) => e.seq)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
  await expect(view.getByTestId('sections-accuracy')).toBeVisible({ timeout: 30_000 });
  expect(num(await view.getByTestId('sections-accuracy').textContent())).toBeGreaterThanOrEqual(0.85);
});
