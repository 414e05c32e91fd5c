import type { Worker } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';
import { trainRankerOnProjects } from './fixtures/ranker-labels';

test("by default a tabular MLP trains on Kiln's engine (WebAssembly SIMD), reaches the accuracy TF.js reaches, exports, and the run says which engine trained it", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 60, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(engine).toHaveAttribute('data-runs-on', 'wasm-simd');
  // the dev server is cross-origin isolated: every core up to 4 (threadPlan)
  const threads = Math.min(4, await page.evaluate(() => navigator.hardwareConcurrency));
  await expect(engine).toContainText(`Kiln (WebAssembly SIMD, ${threads} thread${threads === 1 ? '' : 's'})`);
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  expect(run.engine?.engine).toBe('kiln');
  expect(run.memoryWarning).toBeUndefined();
  // the trained weights went back into the TF.js model: its export reproduces the studio's predictions
  const { maxAbsDiff, checkText } = await studio.exportBundle(page.getByTestId('evaluation-panel'));
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await new ExperimentsPage(page).openRun(run.id);
  const stored = page.getByTestId('run-view').getByTestId('run-engine');
  await expect(stored).toHaveAttribute('data-engine', 'kiln');
  // the reopened run says how fast it trained: the median of its stored epochs' rates
  await expect(stored).toContainText(/\d[\d,]* samples\/s measured \(median of \d+ epochs\)/);
  expect(Number(await stored.getAttribute('data-rate'))).toBeGreaterThan(0);
});

test("cross-origin isolated, Kiln's engine splits a wide MLP's GEMMs across helper workers, trains it as well, and the run says how many threads", async ({ page }) => {
  // the GEMM helpers are nested workers of the training worker; Playwright sees both as the page's workers
  const helpers: Worker[] = [];
  const trainers: Worker[] = [];
  page.on('worker', (w) => {
    if (w.url().includes('helper.worker')) helpers.push(w);
    if (w.url().includes('train.worker')) trainers.push(w);
  });
  const studio = new StudioPage(page);
  await studio.open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  // a one-core machine runs the same test on its own path: one thread, and the run says why
  const threads = cores < 2 ? 1 : Math.min(4, cores);
  await studio.dropFile(studio.sample('digits.csv'));
  await studio.expectDataset('digits.csv', 1797);
  await studio.chooseTarget('digit');
  // 256-wide layers at batch 256: Z = X·W is 256×256×64 and 256×256×256, well above the split threshold
  await studio.setModel({ architecture: 'mlp', hidden: '256,256', epochs: 150, batchSize: 256, learningRate: 0.005, dropout: 0, earlyStopping: false });
  await studio.startTraining();
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(engine).toHaveAttribute('data-threads', String(threads));
  await expect(engine).toContainText(`Kiln (WebAssembly SIMD, ${threads} thread${threads === 1 ? '' : 's'})`);
  await expect(engine).toContainText(threads === 1 ? `one thread: the browser reports ${cores} core` : `${threads} threads: cross-origin isolated, ${cores} cores`);
  expect(helpers).toHaveLength(threads - 1);
  expect(trainers).toHaveLength(1);
  if (threads > 1) {
    // while the run trains (150 epochs: seconds; its worker ends with the run), the pool counts the
    // blocks of C its helpers computed and reported done: ~30 per epoch
    const helperBlocks = () => trainers[0].evaluate(() => (globalThis as { __kilnThreadPool?: { helperBlocks: number } }).__kilnThreadPool?.helperBlocks ?? 0);
    await expect.poll(helperBlocks, { timeout: 60_000, intervals: [100] }).toBeGreaterThan(50);
  }
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
  // the trained weights went back into the TF.js model: its export reproduces the studio's predictions
  const { maxAbsDiff, checkText } = await studio.exportBundle(page.getByTestId('evaluation-panel'));
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
});

test('without cross-origin isolation the run trains on one thread, and says why', async ({ page }) => {
  // the studio's document served without COOP/COEP (as a host that cannot set headers): no SharedArrayBuffer
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    },
  );
  const studio = new StudioPage(page);
  await studio.open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 30, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  const engine = page.getByTestId('run-engine');
  await expect(engine).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(engine).toHaveAttribute('data-threads', '1');
  await expect(engine).toContainText('Kiln (WebAssembly SIMD, 1 thread)');
  await expect(engine).toContainText('one thread: the page is not cross-origin isolated');
  const metrics = await studio.waitForFinalMetrics();
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.9);
});

test('?engine=tfjs trains the same model on TF.js, and says so', async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open('?engine=tfjs&backend=wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 20, batchSize: 16, learningRate: 0.01 });
  await studio.startTraining();
  await expect(page.getByTestId('run-engine')).toHaveAttribute('data-engine', 'tfjs', { timeout: 60_000 });
  await expect(page.getByTestId('run-engine')).toContainText('TF.js (wasm) · chosen in settings');
  await studio.waitForFinalMetrics();
});

test("the pairwise ranker trains on Kiln's engine by default, ranks the pool and its ONNX export reproduces the studio's scores", async ({ page }) => {
  const studio = new StudioPage(page);
  await studio.open();
  const train = await trainRankerOnProjects(page, studio);
  await expect(train.getByTestId('run-engine')).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  await expect(train.getByTestId('final-metrics')).toBeVisible({ timeout: 200_000 });
  await expect(train.getByTestId('ranked-list')).toHaveAttribute('data-items', '40');
  const acc = Number(await train.getByTestId('metrics-table').locator('tr[data-metric="pairwise_accuracy"]').getAttribute('data-value'));
  expect(acc).toBeGreaterThan(0.5);
  const { rows, maxAbsDiff, checkText } = await studio.exportBundle(train);
  expect(rows).toBe(40);
  expect(maxAbsDiff, checkText).toBeLessThanOrEqual(1e-5);
});
