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
  await tune.waitForDone();
  // the table filled while the search ran: finished counts went up one by one, each row on screen as it came
  const seen = await tune.recorded();
  console.log(`seen while running (finished/rows): ${seen.map((x) => `${x.finished}/${x.rows}`).join(' ')}`);
  const midway = seen.filter((x) => x.finished >= 1 && x.finished < 6);
  expect(midway.length).toBeGreaterThanOrEqual(3);
  for (const x of midway) expect(x.rows).toBeGreaterThanOrEqual(x.finished);
  expect(midway.some((x) => /Trial [2-6] of 6 · epoch \d\/8/.test(x.progress))).toBe(true);

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

  // the best trial trained as a plain tabular run: same learning rate, then registrable
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
  await studio.setModel({ architecture: 'mlp', hidden: '16', epochs: 40, batchSize: 16 });
  await tune.open();
  await tune.configure({ trials: 200, sampler: 'random', seed: 3, pruning: null });

  await tune.startButton().click();
  await finishedAtLeast(1);
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
