import { expect, test } from './fixtures/test';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { DEMO_COUNTS } from '../proxy/src/demo/generate';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';
import { TunePage } from './fixtures/tune-page';

test('searches k on the demo jobs (4 random trials scored by silhouette, one-shot fits), shows the scores and what was searched, and clusters the best k as a normal run with the trial’s silhouette', async ({ page }) => {
  test.setTimeout(240_000);
  const studio = new StudioPage(page);
  const tune = new TunePage(page);
  const exp = new ExperimentsPage(page);
  await studio.importFromProxy(`http://127.0.0.1:${PROXY_PORT}`, PROXY_TOKEN, 'jobs', DEMO_COUNTS.jobs);
  await page.getByTestId('family-cluster').check();
  const setup = page.getByTestId('cluster-setup');
  await expect(setup.getByTestId('cluster-text-description')).toBeChecked();
  // the retrained run need not sweep k: the search has just done so
  await setup.getByTestId('cluster-sweep').uncheck();

  await tune.open();
  await expect(tune.panel).toHaveAttribute('data-family', 'cluster');
  await expect(tune.panel.getByTestId('tune-metric')).toHaveValue('silhouette');
  await expect(tune.panel.getByTestId('tune-no-pruning')).toBeVisible();
  await expect(tune.panel.getByTestId('tune-pruning')).toHaveCount(0);
  await tune.setSpace([{ name: 'k', kind: 'int', low: 2, high: 9 }]);
  const note = tune.panel.getByTestId('tune-note');
  const fitted = Math.round(DEMO_COUNTS.jobs * 0.9);
  await expect(note).toContainText(`the same ${fitted.toLocaleString('en-US')} fitted rows`);
  await expect(note).toContainText("k 2…9 · starts (n_init) 4 (the base's) · scored by Silhouette (higher is better");
  // Davies–Bouldin is the index to lower, and the form says so
  await tune.panel.getByTestId('tune-metric').selectOption('davies_bouldin');
  await expect(note).toContainText('Davies–Bouldin (lower is better');
  await tune.panel.getByTestId('tune-metric').selectOption('silhouette');
  // a k past the fitted rows is stopped before the first trial
  const high = tune.spaceRow('k').getByTestId('space-high');
  await high.fill(String(fitted + 1));
  await expect(tune.panel).toContainText(`k: the space reaches k = ${fitted + 1} but the fit has ${fitted.toLocaleString('en-US')} rows`);
  await expect(tune.startButton()).toBeDisabled();
  await high.fill('9');

  await tune.panel.getByTestId('tune-trials').fill('4');
  await tune.panel.getByTestId('tune-sampler').selectOption('random');
  // seed 6 draws four different k (6, 4, 5, 8)
  await tune.panel.getByTestId('tune-seed').fill('6');
  await tune.startButton().click();
  await tune.waitForDone(180_000);

  const s = await page.evaluate(() => window.__kilnTest!.tune());
  expect(s.error).toBeNull();
  expect(s.result?.reason).toBe('completed');
  const trials = await tune.trials();
  console.log(`cluster search: ${s.result!.trials.map((t) => `k ${String(t.params.k)} → ${t.value?.toFixed(4)}`).join(' | ')}`);
  expect(trials.map((t) => t.state)).toEqual(['complete', 'complete', 'complete', 'complete']);
  expect(new Set(s.result!.trials.map((t) => t.params.k)).size).toBe(4);
  for (const t of trials) {
    expect(t.value).toBeGreaterThan(-1);
    expect(t.value).toBeLessThanOrEqual(1);
  }
  const best = s.result!.best!;
  expect(best.value).toBe(Math.max(...trials.map((t) => t.value ?? -Infinity)));
  await expect(tune.panel.getByTestId('search-best')).toHaveAttribute('data-value', String(best.value));

  // the stored search, as a clustering search: the features and what was searched
  await exp.openRun(s.runId!);
  const view = page.getByTestId('run-view');
  await expect(view).toContainText('TF-IDF of');
  await expect(view).toContainText("k 2…9 · starts (n_init) 4 (the base's) · scored by Silhouette (higher is better");
  expect(await tune.trials(view)).toEqual(trials);

  // "train the best": a normal clustering run with the best k, on the same fitted rows, so the same silhouette
  await view.getByTestId('train-best').click();
  const done = page.getByTestId('cluster-train').getByTestId('final-metrics');
  await expect(done).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  await expect(done).toHaveAttribute('data-k', String(best.params.k));
  await expect(setup.getByTestId('cluster-k')).toHaveValue(String(best.params.k));
  const runId = await done.getAttribute('data-run-id');
  const run = await page.evaluate((id) => window.__kilnTest!.runs().find((r) => r.id === id), runId);
  if (run?.family !== 'cluster') throw new Error('expected a clustering run');
  expect(run.config.k).toBe(best.params.k);
  expect(run.config.nInit).toBe(4);
  console.log(`retrained best: k ${run.config.k}, silhouette ${run.finalMetrics?.silhouette} (trial said ${best.value})`);
  expect(run.finalMetrics?.silhouette).toBeCloseTo(best.value!, 9);
});
