import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { labeledProjects } from './fixtures/ranker-labels';
import { StudioPage } from './fixtures/studio-page';
import { TunePage } from './fixtures/tune-page';

test('searches the ranker on 120 labeled project pairs (4 random trials over lr × units × margin): finishes with 4 trials and a best value, reopens after a reload, best trial trained as a ranker run with its params and figure', async ({ page }) => {
  const studio = new StudioPage(page);
  const tune = new TunePage(page);
  const exp = new ExperimentsPage(page);
  await studio.open();
  await labeledProjects(page, studio);

  await tune.open();
  await expect(tune.panel).toHaveAttribute('data-family', 'ranker');
  // the ranker's own settings are offered, not the table network's
  await expect(tune.spaceRow('margin')).toHaveCount(1);
  await expect(tune.panel.getByTestId('space-name').first().locator('option[value="l2"]')).toHaveCount(0);
  await expect(tune.panel.getByTestId('tune-metric')).toHaveValue('pairwise_accuracy');
  await tune.setSpace([
    { name: 'learningRate', kind: 'log-uniform', low: 0.001, high: 0.03 },
    { name: 'hiddenUnits', kind: 'categorical', choices: '8, 16' },
    { name: 'margin', kind: 'log-uniform', low: 0.2, high: 2 },
  ]);
  await tune.configure({ trials: 4, sampler: 'random', seed: 3, pruning: null });
  await tune.startButton().click();
  await tune.waitForDone(200_000);

  const s = await page.evaluate(() => window.__kilnTest!.tune());
  expect(s.error).toBeNull();
  expect(s.result?.reason).toBe('completed');
  const trials = await tune.trials();
  console.log(`ranker search: ${trials.map((t) => `#${t.index + 1} ${t.state} ${t.value?.toFixed(4)}`).join(' | ')}`);
  expect(trials).toHaveLength(4);
  expect(trials.every((t) => t.state === 'complete' && t.value !== null && t.value >= 0 && t.value <= 1)).toBe(true);
  const best = s.result!.best!;
  expect(best).not.toBeNull();
  await expect(tune.panel.getByTestId('search-best')).toHaveAttribute('data-trial', String(best.index));
  await expect(tune.panel.getByTestId('search-best')).toHaveAttribute('data-value', String(best.value));

  // the stored search reopens after a reload, as a ranker search
  const searchId = s.runId!;
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await exp.openRun(searchId);
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('completed');
  await expect(view).toContainText('120 labeled pairs');
  await expect(view).toContainText('MLP 1×16 scorer');
  expect(await tune.trials(view)).toEqual(trials);

  // trained as a plain ranker run on the pool's labels: the best trial's params, its figure
  const runsBefore = await page.evaluate(() => window.__kilnTest!.runs().length);
  await view.getByTestId('train-best').click();
  await page.waitForFunction(
    (n) => {
      const runs = window.__kilnTest!.runs();
      return runs.length === n + 1 && runs[0].family === 'ranker' && runs[0].status !== 'running' && window.__kilnTest!.ranker().phase === 'finished';
    },
    runsBefore,
    { timeout: 200_000 },
  );
  const trained = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  if (trained.family !== 'ranker') throw new Error('expected a ranker run');
  expect(trained.status).not.toBe('failed');
  expect(trained.labelCount).toBe(120);
  expect(trained.model.learningRate).toBe(best.params.learningRate);
  expect(trained.model.hiddenUnits).toBe(best.params.hiddenUnits);
  expect(trained.model.margin).toBe(best.params.margin);
  expect(trained.model.epochs).toBe(6);
  console.log(`retrained best: ${trained.status} on ${trained.engine?.engine}/${trained.engine?.runsOn}, pairwise accuracy ${trained.finalMetrics?.pairwise_accuracy} (trial said ${best.value})`);
  expect(trained.finalMetrics?.pairwise_accuracy).toBe(best.value);
  await expect(page.getByTestId('ranker-train').getByTestId('final-metrics')).toBeVisible();
});
