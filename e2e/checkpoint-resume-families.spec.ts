import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures/test';
import { PROXY_PORT, PROXY_TOKEN } from '../playwright.config';
import { StudioPage } from './fixtures/studio-page';
import { LabelingPage } from './fixtures/labeling-page';
import { relevanceLabels } from './fixtures/ranker-labels';

/**
 * Resume after a reload for the families that train a network besides the tabular one (as
 * checkpoint-resume.spec.ts does for it): both checkpoint after every epoch, so the reload lands
 * after some checkpoint is in IndexedDB and before the run ends; the run reads 'interrupted', its
 * view offers "Resume from epoch K", and the resumed run finishes with its curve going on from K.
 */

type Family = 'sequence' | 'ranker';

const store = (page: Page, family: Family) => page.evaluate((f) => {
  const s = window.__kilnTest![f]();
  return { runId: s.runId, phase: s.phase, checkpoint: s.checkpoint, epochs: s.epochs.map((e) => e.seq), error: s.error };
}, family);
const stored = (page: Page, runId: string) => page.evaluate((id) => window.__kilnTest!.runs().find((r) => r.id === id)!, runId);
const series = (page: Page, runId: string) => page.evaluate((id) => window.__kilnTest!.runSeries(id), runId);

/** Waits for a checkpoint at epoch ≥ `atLeast` in IndexedDB with training past it, reloads, and returns the checkpoint epoch the reloaded page finds. */
async function reloadMidRun(page: Page, family: Family, runId: string, atLeast: number): Promise<number> {
  await page.waitForFunction(
    ([f, n]) => {
      const s = window.__kilnTest![f as Family]();
      return s.phase === 'training' && s.checkpoint !== null && s.checkpoint.epoch >= (n as number) && s.epochs.length > s.checkpoint.epoch;
    },
    [family, atLeast] as const,
    { timeout: 200_000 },
  );
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true, null, { timeout: 180_000 });
  const interrupted = await stored(page, runId);
  expect(interrupted.status, 'the reload came after the run finished: give it more epochs').toBe('interrupted');
  const cp = await page.evaluate((id) => window.__kilnTest!.checkpointEpoch(id), runId);
  expect(cp).not.toBeNull();
  expect(cp!).toBeGreaterThanOrEqual(atLeast);
  return cp!;
}

/** Opens the run, resumes it from its checkpoint and waits for it to finish; checks the curve goes on from the checkpoint epoch. */
async function resumeToTheEnd(page: Page, family: Family, runId: string, checkpointEpoch: number, epochs: number): Promise<void> {
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"]`).getByRole('button').first().click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('interrupted');
  const resume = view.getByTestId('resume-run');
  await expect(resume).toHaveText(`Resume from epoch ${checkpointEpoch}`);
  await resume.click();
  // the rewound curve is on screen at once: the checkpoint's epochs, none after
  await page.waitForFunction(([f, id]) => window.__kilnTest![f as Family]().runId === id, [family, runId] as const);
  await page.waitForFunction(
    ([f, id]) => {
      const s = window.__kilnTest![f as Family]();
      return s.runId === id && s.phase === 'finished' && window.__kilnTest!.runs().find((r) => r.id === id)?.status === 'completed';
    },
    [family, runId] as const,
    { timeout: 300_000 },
  );
  const all = Array.from({ length: epochs }, (_, i) => i + 1);
  const live = await store(page, family);
  expect(live.error).toBeNull();
  // the live curve: the stored epochs up to the checkpoint, then the resumed run's from checkpoint + 1 (a restart from 1 would repeat them)
  expect(live.epochs).toEqual(all);
  const s = await series(page, runId);
  expect(s.epochs.map((e) => e.seq)).toEqual(all);
  expect(new Set(s.steps.map((x) => x.seq)).size).toBe(s.steps.length);
  // the steps after the checkpoint are numbered on from it, not from 1
  expect(Math.max(...s.steps.filter((x) => x.epoch === epochs).map((x) => x.seq))).toBeGreaterThan(Math.max(...s.steps.filter((x) => x.epoch === checkpointEpoch).map((x) => x.seq)));
  const run = await stored(page, runId);
  expect(run.resumes?.map((r) => r.fromEpoch)).toEqual([checkpointEpoch]);
  expect(run.epochsRun).toBe(epochs);
  await expect(view.getByTestId('run-status')).toHaveText('completed');
  // a finished run keeps no checkpoint (removed right after its model is saved)
  await expect.poll(() => page.evaluate((id) => window.__kilnTest!.checkpointEpoch(id), runId)).toBeNull();
}

test('a sequence run reloaded mid-training resumes from its checkpoint and its curve goes on from there', async ({ page }) => {
  test.setTimeout(480_000);
  const EPOCHS = 300;
  const studio = new StudioPage(page);
  // pinned to Kiln's engine on wasm: a checkpoint continues on the engine it was taken on, and the epochs are sized for it
  await studio.open(`?backend=wasm&engine=kiln#proxy=${encodeURIComponent(`http://127.0.0.1:${PROXY_PORT}`)}&token=${PROXY_TOKEN}`);
  const panel = page.getByTestId('connect-panel');
  await panel.getByTestId('proxy-connect').click();
  await expect(panel.getByTestId('proxy-status')).toContainText('embedded demo database');
  await panel.getByTestId('proxy-table').selectOption('candidates');
  await panel.getByTestId('proxy-limit').fill('600');
  await panel.getByTestId('proxy-import').click();
  await studio.expectDataset('candidates', 600);
  await page.getByTestId('family-sequence').check();
  const setup = page.getByTestId('sequence-setup');
  await expect(setup.getByTestId('history-column')).toHaveValue('work_history');
  // 50–200 ms an epoch on Kiln's engine, so 300 epochs outlast the reload's wait (40 took 2 s: the whole run inside it)
  await setup.getByTestId('seq-hidden').fill('16');
  await setup.getByTestId('seq-epochs').fill(String(EPOCHS));
  await setup.getByTestId('seq-batch-size').fill('8');
  await setup.getByTestId('max-prefix').fill('4');
  // the run must go on to its last epoch, before and after the reload
  await setup.getByRole('checkbox', { name: 'early stopping' }).uncheck();
  await page.getByTestId('train-button').click();
  await expect(page.getByTestId('sequence-train').getByTestId('run-engine')).toHaveAttribute('data-engine', 'kiln', { timeout: 60_000 });
  const runId = (await store(page, 'sequence')).runId!;

  const checkpointEpoch = await reloadMidRun(page, 'sequence', runId, 3);
  await resumeToTheEnd(page, 'sequence', runId, checkpointEpoch, EPOCHS);
  const run = await stored(page, runId);
  expect(run.engine?.engine).toBe('kiln');
  await expect(page.getByTestId('run-view').getByTestId('head-loss-tenure')).toHaveAttribute('data-points', String(EPOCHS));
});

test('a ranker run reloaded mid-training resumes from its checkpoint, its pool and labels read back from IndexedDB', async ({ page }) => {
  test.setTimeout(480_000);
  const EPOCHS = 120;
  const studio = new StudioPage(page);
  // TF.js on wasm: its steps cost ~1 ms each, so an epoch of single-pair steps lasts long enough for the reload to land mid-run
  await studio.open('?backend=wasm&engine=tfjs');
  await page.getByTestId('sample-projects.csv').click();
  await studio.expectDataset('projects.csv', 40);
  const lab = new LabelingPage(page);
  await lab.openPool('projects.csv');
  await lab.importJsonl('relevance-labels.jsonl', relevanceLabels(readFileSync(studio.sample('projects.csv'), 'utf8'), 120));
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-imported', '120');
  const train = page.getByTestId('ranker-train');
  await train.getByTestId('ranker-hidden').fill('16');
  await train.getByTestId('ranker-epochs').fill(String(EPOCHS));
  await train.getByTestId('ranker-settings').getByLabel('Batch size').fill('1');
  // the ranker's settings have no early-stopping switch: the run must go on to its last epoch, before and after the reload
  await page.evaluate(() => {
    const r = window.__kilnTest!.ranker();
    r.setConfig({ ...r.config, earlyStopping: { ...r.config.earlyStopping, enabled: false } });
  });
  await train.getByTestId('train-button').click();
  await expect(train.getByTestId('run-engine')).toHaveAttribute('data-engine', 'tfjs', { timeout: 60_000 });
  const runId = (await store(page, 'ranker')).runId!;

  const checkpointEpoch = await reloadMidRun(page, 'ranker', runId, 5);
  await resumeToTheEnd(page, 'ranker', runId, checkpointEpoch, EPOCHS);
  const run = await stored(page, runId);
  expect(run.engine?.engine).toBe('tfjs');
  expect(run.backend).toBe('wasm');
  await expect(page.getByTestId('run-view').getByTestId('pair-accuracy-chart')).toHaveAttribute('data-points', String(EPOCHS));
  await expect(page.getByTestId('run-view').getByTestId('metrics-table').locator('tr[data-metric="pairwise_accuracy"]')).toBeVisible();
});
