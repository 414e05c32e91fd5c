import * as ort from 'onnxruntime-node';
import { expect, test } from './fixtures/test';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { DEMO_COUNTS, jobs } from '../proxy/src/demo/generate';
import { StudioPage } from './fixtures/studio-page';
import { encodeTokenIds, tokenIdIndex } from '../src/ml/text/token-ids';

const num = (s: string | null) => Number(s);

/** The cluster registration's test hooks (src/features/cluster/register.tsx), typed here rather than in the shared kiln-window.d.ts. */
interface ClusterHooks {
  cluster: () => { phase: string; runId: string | null; error: string | null };
  clusterHeldOut: (runId: string) => Promise<{ rows: number[]; clusters: number[]; texts: string[] | null }>;
}

/** The demo jobs' columns as the proxy serves them (proxy/src/demo/schema.ts), for the service-side check outside the browser. */
const JOB_COLUMNS = ['id', 'title', 'company', 'required_skills', 'description', 'salary_min', 'salary_max', 'remote', 'posted_on', 'required_skills_text', 'experience_text', 'education_requirement'];

test('clusters the demo jobs twice (ARI between seeds), shows the projection and top terms, reruns on a 90% subsample (per-cluster Jaccard), exports an ONNX model that assigns held-out rows as the studio did', async ({ page }) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  await studio.importFromProxy(`http://127.0.0.1:${PROXY_PORT}`, PROXY_TOKEN, 'jobs', DEMO_COUNTS.jobs);
  await page.getByTestId('family-cluster').check();
  const setup = page.getByTestId('cluster-setup');
  await expect(setup.getByTestId('cluster-text-description')).toBeChecked();
  await setup.getByTestId('cluster-k').fill('8');
  await setup.getByTestId('cluster-seed').fill('1');
  const train = page.getByTestId('cluster-train');

  const cluster = async (previous: string | null) => {
    await train.getByTestId('train-button').click();
    const done = train.getByTestId('final-metrics');
    await expect(done).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
    if (previous) await expect(done).not.toHaveAttribute('data-run-id', previous);
    return (await done.getAttribute('data-run-id')) as string;
  };
  const first = await cluster(null);
  await setup.getByTestId('cluster-seed').fill('2');
  const second = await cluster(first);

  // the report: elbow and silhouette over the k range, the projection coloured by cluster, 8 rows of top terms
  await expect(train.getByTestId('cluster-sweep')).toHaveAttribute('data-points', '11');
  const projection = train.getByTestId('cluster-projection');
  const fitted = Math.round(DEMO_COUNTS.jobs * 0.9);
  await expect(projection).toHaveAttribute('data-points', String(fitted));
  await expect(projection.locator('.recharts-scatter')).toHaveCount(8);
  // the last symbol drawn lies above every other, so nothing intercepts the pointer
  await projection.locator('.recharts-scatter-symbol').last().hover();
  await expect(page.getByTestId('cluster-hover')).toContainText('row ');
  const terms = train.getByTestId('cluster-top-terms');
  await expect(terms.locator('tbody tr')).toHaveCount(8);
  expect((await terms.locator('tbody tr td').nth(2).textContent())?.length).toBeGreaterThan(3);

  // the ARI between the two seeds, on all their fitted rows
  const stability = train.getByTestId('cluster-stability');
  await expect(stability).toHaveAttribute('data-other', first);
  const ari = num(await stability.getAttribute('data-ari'));
  expect(ari).toBeGreaterThan(0);
  expect(ari).toBeLessThanOrEqual(1);
  await expect(stability).toHaveAttribute('data-shared', String(fitted));

  // a rerun on 90% of the second run's rows: per-cluster Jaccard with a fate per cluster
  await train.getByTestId('cluster-rerun-subsample').click();
  const done = train.getByTestId('final-metrics');
  await expect(done).not.toHaveAttribute('data-run-id', second, { timeout: 120_000 });
  await expect(done).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  const sub = train.getByTestId('cluster-stability');
  await expect(sub).toHaveAttribute('data-other', second);
  await expect(sub).toHaveAttribute('data-shared', String(Math.round(fitted * 0.9)));
  const matches = sub.getByTestId('cluster-matching').locator('tbody tr');
  await expect(matches).toHaveCount(8);
  for (let i = 0; i < 8; i++) {
    const row = matches.nth(i);
    const jaccard = num(await row.getAttribute('data-jaccard'));
    expect(jaccard).toBeGreaterThan(0);
    expect(jaccard).toBeLessThanOrEqual(1);
    expect(['stayed', 'split', 'merged', 'dissolved']).toContain(await row.getAttribute('data-fate'));
  }

  // export: the page checks model.onnx in onnxruntime-web on the held-out rows (cluster mismatches count into the gap)
  const { rows, maxAbsDiff, checkText, files } = await studio.exportBundle(train);
  expect(rows).toBe(DEMO_COUNTS.jobs - fitted);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
  expect(Object.keys(files).sort()).toEqual(['assignments.csv', 'metadata.json', 'model-card.md', 'model.onnx', 'vocab.json']);
  const meta = JSON.parse(new TextDecoder().decode(files['metadata.json']));
  expect(meta.run.model_id).toMatch(/^kmeans_v\d+\.\d+$/);
  const csv = new TextDecoder().decode(files['assignments.csv']).trim().split('\n');
  expect(csv).toHaveLength(DEMO_COUNTS.jobs + 1);

  // and outside the browser: the demo rows as the proxy serves them, tokenized from vocab.json, through onnxruntime-node
  const held = await page.evaluate(() => {
    const t = window.__kilnTest as unknown as ClusterHooks;
    return t.clusterHeldOut(t.cluster().runId as string);
  });
  const vocab = JSON.parse(new TextDecoder().decode(files['vocab.json']));
  const index = tokenIdIndex(vocab.tokens);
  const table = jobs();
  const textCols: string[] = meta.run.config.features.text;
  // the proxy serves the rows in its own order: the held-out rows' texts (as the studio read them) are found among the demo's own
  const demoTexts = new Set(table.map((row) => textCols.map((c) => String(row[JOB_COLUMNS.indexOf(c)] ?? '')).join(vocab.column_separator)));
  const texts = held.texts!;
  expect(texts).toHaveLength(held.rows.length);
  for (const t of texts) expect(demoTexts.has(t)).toBe(true);
  const ids = texts.map((t) => encodeTokenIds(t, { lowercase: vocab.tokenizer.lowercase, stopWords: vocab.tokenizer.stop_words ? 'english' : null }, index));
  const len = Math.max(1, ...ids.map((r) => r.length));
  const data = new BigInt64Array(ids.length * len);
  ids.forEach((r, i) => r.forEach((t, j) => (data[i * len + j] = BigInt(t))));
  const session = await ort.InferenceSession.create(files['model.onnx']);
  const out = await session.run({ text_ids: new ort.Tensor('int64', data, [ids.length, len]) });
  expect(Array.from(out.cluster.data as BigInt64Array, Number)).toEqual(held.clusters);

  // after a reload the stored run reopens with its report and its stability against the run it reran
  const subId = await done.getAttribute('data-run-id');
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${subId}"] button`).click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('cluster-projection')).toHaveAttribute('data-points', String(Math.round(fitted * 0.9)));
  await expect(view.getByTestId('cluster-top-terms').locator('tbody tr')).toHaveCount(8);
  await expect(view.getByTestId('cluster-stability')).toHaveAttribute('data-other', second);
});
