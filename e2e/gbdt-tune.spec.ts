import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';
import { TunePage } from './fixtures/tune-page';

test('searches GBDT learning rate × depth on breast_cancer.csv (6 TPE trials, halving by rounds): finishes, ≥ 1 pruned, reopens after a reload, best trial trained as a GBDT run with its learning rate', async ({ page }) => {
  const studio = new StudioPage(page);
  const tune = new TunePage(page);
  const exp = new ExperimentsPage(page);
  await studio.open();
  await studio.dropFile(studio.sample('breast_cancer.csv'));
  await studio.expectDataset('breast_cancer.csv', 569);
  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await expect(setup.getByTestId('gbdt-target')).toHaveValue('diagnosis');
  await expect(setup.getByTestId('gbdt-kind')).toHaveValue('binary');
  await setup.getByTestId('gbdt-rounds').fill('40');

  await tune.open();
  await expect(tune.panel).toHaveAttribute('data-family', 'gbdt');
  // the GBDT space is offered, not the network's: maxDepth is a setting, dropout is not
  await expect(tune.spaceRow('maxDepth')).toHaveCount(1);
  await expect(tune.panel.getByTestId('space-name').first().locator('option[value="dropout"]')).toHaveCount(0);
  await tune.setSpace([
    { name: 'learningRate', kind: 'log-uniform', low: 0.01, high: 0.3 },
    { name: 'maxDepth', kind: 'int', low: 2, high: 6 },
  ]);
  await tune.configure({ trials: 6, sampler: 'tpe', startupTrials: 3, seed: 1, pruning: { minResource: 5, eta: 3 } });
  await tune.panel.getByTestId('tune-metric').selectOption('roc_auc');
  await tune.startButton().click();
  await tune.waitForDone(120_000);

  const s = await page.evaluate(() => window.__kilnTest!.tune());
  expect(s.error).toBeNull();
  expect(s.result?.reason).toBe('completed');
  const trials = await tune.trials();
  console.log(`gbdt search: ${trials.map((t) => `#${t.index + 1} ${t.state}${t.prunedAt ? `@${t.prunedAt}` : ''} ${t.value?.toFixed(4)}`).join(' | ')}`);
  expect(trials).toHaveLength(6);
  expect(trials.every((t) => t.state === 'complete' || t.state === 'pruned')).toBe(true);
  const pruned = trials.filter((t) => t.state === 'pruned');
  expect(pruned.length).toBeGreaterThanOrEqual(1);
  for (const t of pruned) expect([5, 15]).toContain(t.prunedAt);
  const best = s.result!.best!;
  expect(best).not.toBeNull();
  console.log(`best: trial ${best.index + 1} roc_auc ${best.value} lr ${best.params.learningRate} depth ${best.params.maxDepth}`);
  await expect(tune.panel.getByTestId('search-best')).toHaveAttribute('data-trial', String(best.index));

  // the stored search reopens after a reload, as a GBDT search
  const searchId = s.runId!;
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await exp.openRun(searchId);
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('completed');
  await expect(view).toContainText('GBDT depth 6');
  expect(await tune.trials(view)).toEqual(trials);

  // trained as a plain GBDT holdout run: the best trial's params, the same validation figure
  const runsBefore = await page.evaluate(() => window.__kilnTest!.runs().length);
  await view.getByTestId('train-best').click();
  await page.waitForFunction(
    (n) => {
      const runs = window.__kilnTest!.runs();
      return runs.length === n + 1 && runs[0].family === 'gbdt' && runs[0].status !== 'running' && window.__kilnTest!.gbdt().phase === 'finished';
    },
    runsBefore,
    { timeout: 120_000 },
  );
  const trained = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  if (trained.family !== 'gbdt') throw new Error('expected a GBDT run');
  expect(trained.status).not.toBe('failed');
  expect(trained.evaluation.mode).toBe('holdout');
  expect(trained.model.learningRate).toBe(best.params.learningRate);
  expect(trained.model.maxDepth).toBe(best.params.maxDepth);
  expect(trained.model.rounds).toBe(40);
  console.log(`retrained best: ${trained.status}, roc_auc ${trained.finalMetrics?.roc_auc} (trial said ${best.value})`);
  expect(trained.finalMetrics?.roc_auc).toBe(best.value);
  await expect(page.getByTestId('gbdt-train').getByTestId('final-metrics')).toBeVisible();
});
