import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';
import { TunePage } from './fixtures/tune-page';

test('searches learning rate × hidden units on wine.csv (6 TPE trials, halving, wasm): live trials, ≥ 1 pruned, charts and importance, reopened after reload, best trial trained as a run and registered', async ({ page }) => {
  const studio = new StudioPage(page);
  const tune = new TunePage(page);
  const exp = new ExperimentsPage(page);
  await studio.open('?backend=wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 8, batchSize: 32 });

  await tune.open();
  await tune.setSpace([
    { name: 'learningRate', kind: 'log-uniform', low: 0.0005, high: 0.05 },
    { name: 'hiddenUnits', kind: 'categorical', choices: '8, 16, 32x16' },
  ]);
  await tune.configure({ trials: 6, sampler: 'tpe', startupTrials: 3, seed: 1, pruning: { minResource: 2, eta: 3 } });

  // a bad range is named on its row and blocks the start
  await tune.spaceRow('learningRate').getByTestId('space-low').fill('0');
  await expect(tune.spaceRow('learningRate').getByTestId('space-row-error')).toHaveText('learningRate: a log-uniform range needs low > 0 (got 0)');
  await expect(tune.startButton()).toBeDisabled();
  await tune.spaceRow('learningRate').getByTestId('space-low').fill('0.0005');
  await expect(tune.spaceRow('learningRate').getByTestId('space-row-error')).toHaveCount(0);

  await tune.startRecording();
  await expect(tune.panel.getByTestId('tune-run-backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  // the trials train where a single run would: Kiln's engine, the auto choice for the wasm backend
  await expect(tune.panel.getByTestId('tune-run-engine')).toHaveAttribute('data-engine', 'kiln');
  await tune.waitForDone();
  // every update of the table while the search ran showed each finished trial's row. Updates are
  // coalesced so the page keeps answering (src/state/tune-store.ts): trials of a few tens of
  // milliseconds on Kiln's engine land several to an update, and this search can be over in one,
  // so the table filling mid-search is checked on the long search of the next test
  const seen = await tune.recorded();
  console.log(`seen while running (finished/rows): ${seen.map((x) => `${x.finished}/${x.rows}`).join(' ')}`);
  expect(seen.length).toBeGreaterThanOrEqual(1);
  for (const x of seen) expect(x.rows).toBeGreaterThanOrEqual(x.finished);

  const s = await page.evaluate(() => window.__kilnTest!.tune());
  expect(s.error).toBeNull();
  expect(s.result?.reason).toBe('completed');
  const trials = await tune.trials();
  expect(trials).toHaveLength(6);
  const pruned = trials.filter((t) => t.state === 'pruned');
  expect(pruned.length).toBeGreaterThanOrEqual(1);
  for (const t of pruned) expect([2, 6]).toContain(t.prunedAt);
  expect(trials.every((t) => t.state === 'complete' || t.state === 'pruned')).toBe(true);
  const best = s.result!.best!;
  expect(best).not.toBeNull();
  console.log(`search: ${trials.map((t) => `#${t.index + 1} ${t.state}${t.prunedAt ? `@${t.prunedAt}` : ''} ${t.value?.toFixed(4)}`).join(' | ')}`);
  console.log(`best: trial ${best.index + 1} accuracy ${best.value} lr ${best.params.learningRate} hidden ${best.params.hiddenUnits}; best so far ${s.result!.bestSoFar.map((v) => v?.toFixed(3) ?? '–').join(' ')}`);

  const curve = s.result!.bestSoFar.filter((v): v is number => v !== null);
  for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThanOrEqual(curve[i - 1]);
  expect(curve[curve.length - 1]).toBe(best.value);
  await expect(tune.panel.getByTestId('best-so-far')).toBeVisible();
  await expect(tune.panel.getByTestId('best-so-far')).toHaveAttribute('data-points', '6');
  const pc = tune.panel.getByTestId('parallel-coords');
  await expect(pc).toBeVisible();
  await expect(pc.getByTestId('pc-line')).toHaveCount(6);
  await expect(pc.getByTestId('pc-axis')).toHaveCount(3);
  await expect(pc.locator('[data-testid="pc-line"][data-best="true"]')).toHaveAttribute('data-trial', String(best.index));
  await expect(tune.panel.getByTestId('importance')).toHaveAttribute('data-complete', String(trials.filter((t) => t.state === 'complete').length));
  const importance = tune.panel.getByTestId('importance-row');
  await expect(importance).toHaveCount(2);
  const shares = await importance.evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-importance'))));
  expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  console.log(`importance: ${(await importance.allTextContents()).join(', ')}`);

  // sorting by value, from the keyboard: the best trial comes first
  await tune.panel.getByTestId('trials-sort-value').focus();
  await page.keyboard.press('Enter');
  await expect(tune.panel.getByTestId('trials-table')).toHaveAttribute('data-order', 'best');
  await expect(tune.panel.getByTestId('trial-row').first()).toHaveAttribute('data-index', String(best.index));

  // the search survives a reload as a run with its trials
  const searchId = s.runId!;
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await exp.openRun(searchId);
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('completed');
  await expect(view.getByTestId('trial-row')).toHaveCount(6);
  expect(await tune.trials(view)).toEqual(trials);
  await expect(view.getByTestId('register-run')).toHaveCount(0);
  await expect(view.getByTestId('search-best')).toHaveAttribute('data-trial', String(best.index));
  await expect(view.getByTestId('run-engine')).toHaveAttribute('data-engine', 'kiln');
  const search = await page.evaluate((id) => window.__kilnTest!.runs().find((r) => r.id === id)!, searchId);
  expect(search.engine?.engine).toBe('kiln');

  // the best trial trained as a plain tabular run: same learning rate, then registrable. The Engine
  // setting now says TF.js: the run still trains on the engine the trials ran on, or it would not
  // reproduce the trial's figure
  await page.getByTestId('engine-select').selectOption('tfjs');
  const runsBefore = await page.evaluate(() => window.__kilnTest!.runs().length);
  await view.getByTestId('train-best').click();
  await page.waitForFunction((n) => {
    const runs = window.__kilnTest!.runs();
    return runs.length === n + 1 && runs[0].family === 'tabular' && runs[0].status !== 'running' && window.__kilnTest!.training().phase === 'finished';
  }, runsBefore, { timeout: 120_000 });
  const trained = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  if (trained.family !== 'tabular') throw new Error('expected a tabular run');
  expect(trained.status).not.toBe('failed');
  expect(trained.model.learningRate).toBe(best.params.learningRate);
  expect(trained.model.hiddenUnits.join('x')).toBe(String(best.params.hiddenUnits));
  expect(trained.model.epochs).toBe(8);
  expect(trained.engine?.engine).toBe('kiln');
  console.log(`retrained best: ${trained.status}, accuracy ${trained.finalMetrics?.accuracy} (trial said ${best.value})`);
  expect(trained.finalMetrics?.accuracy).toBe(best.value);
  await exp.openRun(trained.id);
  expect(await exp.registerOpenRun('wine_classifier', 'best of a 6-trial search')).toBe('wine_classifier_v1.0');
});

test('Stop ends a search with the trials it has; a reload mid-search keeps the trials that finished', async ({ page }) => {
  const studio = new StudioPage(page);
  const tune = new TunePage(page);
  const exp = new ExperimentsPage(page);
  const finishedAtLeast = (n: number) => page.waitForFunction((k) => window.__kilnTest!.tune().trials.filter((t) => t && t.state !== 'running').length >= k, n, { timeout: 120_000 });
  await studio.open('?backend=wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  // the search must outlast a Stop and a reload: on Kiln's engine a 40-epoch trial on wine takes
  // tens of milliseconds and 200 of them were done in seconds; 300 epochs without early stopping
  // take a few hundred milliseconds each, so the search runs about a minute
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 300, batchSize: 16, earlyStopping: false });
  await tune.open();
  await tune.configure({ trials: 200, sampler: 'random', seed: 3, pruning: null });

  await tune.startButton().click();
  await finishedAtLeast(1);
  // the table fills while the search runs: a finished trial's row and the running trial's epoch on screen
  await expect(tune.panel.locator('[data-testid="trial-row"][data-state="complete"]').first()).toBeVisible();
  await expect(tune.panel.getByTestId('tune-progress')).toContainText(/Trial \d+ of 200 · epoch \d+\/300/);
  await tune.panel.getByTestId('tune-stop-button').click();
  await tune.waitForDone(60_000);
  const stopped = await page.evaluate(() => window.__kilnTest!.tune());
  expect(stopped.result?.reason).toBe('user-stopped');
  expect(stopped.result!.trials.length).toBeLessThan(200);
  const run = await page.evaluate((id) => window.__kilnTest!.runs().find((r) => r.id === id)!, stopped.runId!);
  expect(run.status).toBe('user-stopped');
  // a trial cut short by the stop is failed with that reason, never scored as complete
  for (const t of stopped.result!.trials.filter((x) => x.state === 'failed')) {
    expect(t.error).toBe('stopped by the user before the trial finished');
    await expect(tune.panel.locator(`[data-testid="trial-row"][data-index="${t.index}"]`).getByTestId('trial-error')).toHaveText(t.error!);
  }
  console.log(`stopped after ${stopped.result!.trials.length} trials: ${stopped.result!.trials.map((t) => t.state).join(', ')}`);

  const firstSearchId = stopped.runId;
  await tune.startButton().click();
  // the new search's own trials, once IndexedDB holds them (the store shows a trial finished a moment before it is written)
  await page.waitForFunction((prev) => { const s = window.__kilnTest!.tune(); return s.runId !== prev && s.savedTrials >= 2; }, firstSearchId, { timeout: 120_000 });
  const searchId = await page.evaluate(() => window.__kilnTest!.tune().runId!);
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await exp.openRun(searchId);
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('interrupted');
  await expect(view.getByTestId('search-partial')).toBeVisible();
  const kept = await tune.trials(view);
  console.log(`kept after a reload mid-search: ${kept.length} trials`);
  expect(kept.length).toBeGreaterThanOrEqual(2);
  expect(kept.every((t) => t.state === 'complete')).toBe(true);
  expect(kept.map((t) => t.index)).toEqual(kept.map((_, i) => i));
});
