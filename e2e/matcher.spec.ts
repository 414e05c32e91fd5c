import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures/test';
import * as ort from 'onnxruntime-node';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { DEMO_COUNTS } from '../proxy/src/demo/generate';
import { StudioPage } from './fixtures/studio-page';

const num = (s: string | null) => Number(s);

test('imports candidates, jobs and scores from the proxy, fits the matcher (learned beats fixed), explains a pair, exports a bundle a service can run', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.importTablesFromProxy(`http://127.0.0.1:${PROXY_PORT}`, PROXY_TOKEN, [
    { table: 'candidates', rows: DEMO_COUNTS.candidates },
    { table: 'jobs', rows: DEMO_COUNTS.jobs },
    { table: 'candidate_job_scores', rows: DEMO_COUNTS.candidate_job_scores },
  ]);

  await page.getByTestId('family-matcher').check();
  const setup = page.getByTestId('matcher-setup');
  // the join is guessed from names: the other two tables, their ids, label and score, three sections
  await expect(setup.getByTestId('matcher-candidates-table').locator('option:checked')).toContainText('candidates');
  await expect(setup.getByTestId('matcher-jobs-table').locator('option:checked')).toContainText('jobs');
  await expect(setup.getByTestId('matcher-pair-candidate')).toHaveValue('candidate_id');
  await expect(setup.getByTestId('matcher-label')).toHaveValue('label');
  await expect(setup.getByTestId('matcher-score')).toHaveValue('score');
  await expect(setup.getByTestId('matcher-sections').locator('tbody tr')).toHaveCount(3);
  await expect(setup.getByLabel('section experience candidate column')).toHaveValue('work_history');
  await expect(setup.getByLabel('section education fixed weight')).toHaveValue('0.2');
  await page.getByTestId('train-button').click();

  const train = page.getByTestId('matcher-train');
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 120_000 });
  await expect(train.getByTestId('matcher-joined')).toContainText(`Joined ${DEMO_COUNTS.candidate_job_scores.toLocaleString('en-US')} pairs`);
  const metric = (key: string) => train.getByTestId('matcher-comparison').locator(`tr[data-metric="${key}"]`);
  for (const key of ['spearman', 'f1']) {
    const fixed = num(await metric(key).getAttribute('data-fixed'));
    const learned = num(await metric(key).getAttribute('data-learned'));
    expect(learned, `${key}: learned ${learned} vs fixed ${fixed}`).toBeGreaterThan(fixed);
  }
  await expect(metric('ndcg_at_5')).toBeVisible();

  // one pair's explanation: per section the cosine and the shared terms that carry it
  const firstRow = train.getByTestId('matcher-pair-row').first();
  // the candidate's name and the job's title beside their ids
  await expect(firstRow.locator('.item-title')).toHaveCount(2);
  const cosSkills = num(await firstRow.locator('td').nth(2).textContent());
  await firstRow.getByTestId('explain-pair').click();
  const explanation = train.getByTestId('pair-explanation');
  await expect(explanation.getByTestId('explanation-section')).toHaveCount(3);
  const skills = explanation.locator('[data-section="skills"]');
  expect(num(await skills.getAttribute('data-cosine'))).toBeCloseTo(cosSkills, 3);
  expect(await skills.getByTestId('explanation-term').count()).toBeGreaterThan(0);

  // the bundle: one graph from token ids, its vocabulary and tokenizers, the calibrator; parity checked in the page
  const { rows, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(rows).toBe(500);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(files).sort()).toEqual(['calibrator.json', 'matcher-tokenizer.mjs', 'matcher_tokenizer.py', 'metadata.json', 'model-card.md', 'model.onnx', 'vocab.json', 'work-history.mjs', 'work_history.py']);
  const meta = JSON.parse(new TextDecoder().decode(files['metadata.json']));
  expect(meta.model_id).toMatch(/^job_matcher_v\d+\.\d+-logistic$/);
  const card = new TextDecoder().decode(files['model-card.md']);
  // scikit-learn reads max_df 1 as one document; the share is 1.0
  expect(card).toContain('max_df 1.0 (share of documents)');
  expect(card).toContain('`work_history.py`');

  // the service side, outside the browser: the shipped tokenizer + onnxruntime-node score the first held-out pair as the studio did
  const dir = mkdtempSync(join(tmpdir(), 'kiln-matcher-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  const pair = await page.evaluate(async () => {
    const t = window.__kilnTest!;
    const id = t.matcher().runId as string;
    return t.matcherHeldOutPair(id, 0);
  });
  const { MatcherTokenizer } = await import(pathToFileURL(join(dir, 'matcher-tokenizer.mjs')).href);
  const tokenizer = new MatcherTokenizer(JSON.parse(new TextDecoder().decode(files['vocab.json'])));
  const feeds = tokenizer.batch([{ candidate: pair.candidateTexts, job: pair.jobTexts }]);
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'));
  const out = await session.run(Object.fromEntries(Object.entries(feeds as Record<string, { data: BigInt64Array; dims: number[] }>).map(([k, v]) => [k, new ort.Tensor('int64', v.data, v.dims)])));
  expect(Math.abs((out.probability.data as Float32Array)[0] - pair.probability)).toBeLessThanOrEqual(1e-5);

  // after a reload the stored run reopens with its comparison and explanations
  const runId = await page.evaluate(() => window.__kilnTest!.matcher().runId);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('matcher-comparison')).toBeVisible();
  await view.getByTestId('explain-pair').first().click();
  await expect(view.getByTestId('explanation-section')).toHaveCount(3);
});
