import { expect, test } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';

/** Trains one tiny wine MLP on wasm with the given learning rate; returns its run id once it has finished. */
async function trainWine(studio: StudioPage, learningRate: number, runsBefore: number): Promise<string> {
  await studio.setModel({ architecture: 'mlp', hidden: '8', epochs: 8, batchSize: 32, learningRate });
  await studio.startTraining();
  await studio.page.waitForFunction((n) => {
    const runs = window.__kilnTest!.runs();
    return runs.length === n + 1 && runs[0].status !== 'running' && window.__kilnTest!.training().phase === 'finished';
  }, runsBefore, { timeout: 120_000 });
  return studio.page.evaluate(() => window.__kilnTest!.runs()[0].id);
}

test('two learning rates: compare them (overlaid curves, diff-only table), register both, production to v1.1, roll back to v1.0, both moves in the history with times', async ({ page }) => {
  const studio = new StudioPage(page);
  const exp = new ExperimentsPage(page);
  await studio.open('?backend=wasm');
  await studio.dropFile(studio.sample('wine.csv'));
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  const fast = await trainWine(studio, 0.01, 0);
  const slow = await trainWine(studio, 0.001, 1);

  await exp.compare([fast, slow]);
  const curves = page.getByTestId('compare-curves');
  await expect(curves).toHaveAttribute('data-series', '2');
  await expect(curves.locator('.recharts-line')).toHaveCount(2);
  await page.getByTestId('compare-metric').selectOption('accuracy');
  await expect(curves).toHaveAttribute('data-metric', 'accuracy');
  // only what differs: the learning rate (and the run's dataset, task, split are equal so hidden)
  const table = page.getByTestId('compare-table');
  await expect(page.getByTestId('compare-only-diff')).toBeChecked();
  await expect(table.locator('[data-testid="compare-config-row"][data-key="model.learningRate"] td')).toHaveText(['model.learningRate', '0.01000', '0.001000']);
  await expect(table.locator('[data-testid="compare-config-row"][data-key="model.epochs"]')).toHaveCount(0);
  await page.getByTestId('compare-only-diff').uncheck();
  await expect(table.locator('[data-testid="compare-config-row"][data-key="model.epochs"]')).toHaveCount(1);
  await expect(table.locator('[data-testid="compare-metric-row"][data-key="best_epoch"]')).toHaveCount(1);
  await expect(table.locator('[data-testid="compare-metric-row"][data-key="at_best.accuracy"]')).toHaveCount(1);

  await exp.openRun(fast);
  const v1 = await exp.registerOpenRun('wine_classifier', 'lr 0.01');
  await exp.openRun(slow);
  const v2 = await exp.registerOpenRun('wine_classifier', 'lr 0.001');
  expect([v1, v2]).toEqual(['wine_classifier_v1.0', 'wine_classifier_v1.1']);

  await exp.registry('wine_classifier');
  await expect(page.getByTestId('registry-version')).toHaveCount(2);
  const before = Date.now();
  await exp.pointAlias('production', v2, 'promote the slower learner');
  await expect(exp.aliasBadge(v2, 'production')).toBeVisible();
  await expect(page.getByTestId('rollback-production')).toHaveText(`Roll back production to ${v1}`);
  await page.getByTestId('rollback-production').click();
  await expect(exp.aliasBadge(v1, 'production')).toBeVisible();
  await expect(exp.aliasBadge(v2, 'production')).toHaveCount(0);

  const rows = page.getByTestId('history-row');
  await expect(rows).toHaveCount(2);
  const history = await rows.evaluateAll((trs) => trs.map((tr) => ({ from: tr.getAttribute('data-from'), to: tr.getAttribute('data-to'), kind: tr.getAttribute('data-kind'), at: Number(tr.getAttribute('data-at')), time: tr.querySelector('time')?.textContent ?? '' })));
  expect(history.map((h) => [h.from, h.to, h.kind])).toEqual([
    [v2, v1, 'rollback'],
    ['', v2, 'move'],
  ]);
  for (const h of history) {
    expect(h.at).toBeGreaterThanOrEqual(before);
    expect(h.at).toBeLessThanOrEqual(Date.now());
    expect(h.time).not.toBe('');
  }
  // "which version was production at time T": now, v1.0; at the time of the first move, v1.1; before it, none
  const at = (t: number) => new Date(t - new Date(t).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  await page.getByTestId('alias-at-time').fill(at(Date.now() + 2000));
  await expect(page.getByTestId('alias-at-answer')).toHaveText(v1);
  await page.getByTestId('alias-at-time').fill(at(before - 2000));
  await expect(page.getByTestId('alias-at-answer')).toHaveText('none');
  // the diff of the two versions shows the learning rate
  await expect(page.getByTestId('version-diff').locator('[data-key="config.model.learningRate"]')).toBeVisible();

  // all of it survives a reload
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await exp.registry('wine_classifier');
  await expect(exp.aliasBadge(v1, 'production')).toBeVisible();
  await expect(page.getByTestId('history-row')).toHaveCount(2);
});
