import { expect, test, type Page } from './fixtures/test';
import { GbdtPage } from './fixtures/gbdt-page';
import { StudioPage } from './fixtures/studio-page';

// essays (800 rows, 384 embedding dimensions): tens of milliseconds a round, so 300 rounds with
// early stopping off last long enough to stop partway on a busy machine, and the comparison run
// stays short. Early stopping off: the run ends at ROUNDS either way, so the round count is known.
const ROUNDS = 300;
const MODEL = { rounds: ROUNDS, depth: 3, learningRate: 0.05, earlyStopping: 0 } as const;

async function openEssays(studio: StudioPage): Promise<void> {
  await studio.dropFile(studio.sample('essays.csv'));
  // the parse worker's first load can take a while on a busy machine (the dev server compiles it)
  await expect(studio.page.getByTestId('dataset-preview')).toContainText('800 rows', { timeout: 120_000 });
  await studio.expectDataset('essays.csv', 800);
}

async function setUpEssays(gbdt: GbdtPage): Promise<void> {
  await gbdt.choose();
  await expect(gbdt.setup.getByTestId('gbdt-kind')).toHaveValue('ordinal');
  await gbdt.setModel(MODEL);
}

const series = (page: Page, runId: string) => page.evaluate((id) => window.__kilnTest!.runSeries(id), runId);
const checkpointRound = (page: Page, runId: string) => page.evaluate((id) => window.__kilnTest!.checkpointEpoch(id), runId);
/** Essays in a fresh studio, the GBDT family set up (holdout, or 3-fold CV), a run started and 5 rounds in. */
async function startEssaysRun(page: Page, mode: 'holdout' | 'cv'): Promise<{ studio: StudioPage; gbdt: GbdtPage; runId: string }> {
  const studio = new StudioPage(page);
  const gbdt = new GbdtPage(page);
  await studio.open();
  await openEssays(studio);
  await setUpEssays(gbdt);
  if (mode === 'cv') {
    await gbdt.setup.getByTestId('gbdt-mode-cv').check();
    await gbdt.setup.getByTestId('cv-folds').fill('3');
  }
  const runId = await gbdt.start();
  await gbdt.waitForRounds(5);
  return { studio, gbdt, runId };
}

const rounds = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

test('stop a GBDT run partway, reload, resume from its checkpoint: the rounds go on from it and the run ends as an uninterrupted one', async ({ page }) => {
  const { studio, gbdt, runId } = await startEssaysRun(page, 'holdout');
  await gbdt.stop(runId);

  // a stop keeps the last whole round: the checkpoint is the stopped run's last round
  const stopped = await gbdt.stored(runId);
  expect(stopped.epochsRun, 'the run finished before the stop: give it more rounds').toBeLessThan(ROUNDS);
  await expect.poll(() => checkpointRound(page, runId)).toBe(stopped.epochsRun);
  const k = stopped.epochsRun!;
  expect(k).toBeGreaterThanOrEqual(5);

  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await gbdt.openRun(runId);
  await expect(gbdt.view.getByTestId('run-status')).toHaveText('user-stopped');
  const resume = gbdt.view.getByTestId('resume-run');
  await expect(resume).toHaveText(`Resume from round ${k}`);
  await resume.click();
  await gbdt.waitForStatus(runId, 'completed');

  // the curve: the stored rounds up to the checkpoint, then the resumed run's from k + 1 (a restart from 1 would repeat them)
  expect(await page.evaluate(() => window.__kilnTest!.gbdt().epochs.map((e) => e.valMetrics.round))).toEqual(rounds(ROUNDS));
  const resumedSeries = await series(page, runId);
  expect(resumedSeries.epochs.map((e) => e.seq)).toEqual(rounds(ROUNDS));
  const resumed = await gbdt.stored(runId);
  expect(resumed.resumes?.map((r) => r.fromEpoch)).toEqual([k]);
  expect(resumed.epochsRun).toBe(ROUNDS);
  await expect(gbdt.view.getByTestId('run-status')).toHaveText('completed');
  await expect(gbdt.view.getByTestId('gbdt-report')).toBeVisible();
  await expect(gbdt.view.getByTestId('resume-run')).toHaveCount(0);
  // a finished run keeps no checkpoint
  await expect.poll(() => checkpointRound(page, runId)).toBeNull();

  // the same config, uninterrupted: the same curve and metrics (the trees are bit for bit the same)
  await gbdt.view.getByRole('button', { name: 'Back' }).click();
  await page.getByTestId('dataset-list').getByRole('button', { name: /^essays\.csv/ }).click();
  await studio.expectDataset('essays.csv', 800);
  await setUpEssays(gbdt);
  const straightId = await gbdt.start();
  expect(straightId).not.toBe(runId);
  await gbdt.waitForStatus(straightId, 'completed');
  const straight = await gbdt.stored(straightId);
  const straightSeries = await series(page, straightId);
  const losses = (s: typeof straightSeries) => s.epochs.map((e) => [e.trainLoss, e.valLoss]);
  expect(losses(resumedSeries)).toEqual(losses(straightSeries));
  expect(resumed.finalMetrics).toEqual(straight.finalMetrics);
  console.log(`stopped after round ${k}; the uninterrupted run took ${straight.durationMs} ms for ${ROUNDS} rounds`);
});

test('a cross-validation GBDT run stopped partway offers no resume and says why', async ({ page }) => {
  const { gbdt, runId } = await startEssaysRun(page, 'cv');
  await gbdt.train.getByTestId('stop-button').click();
  await page.waitForFunction((id) => window.__kilnTest!.gbdt().phase === 'finished' && window.__kilnTest!.runs().find((r) => r.id === id)?.status !== 'running', runId, { timeout: 180_000 });
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await gbdt.openRun(runId);
  await expect(gbdt.view.getByTestId('gbdt-cv-no-resume')).toContainText('Cross-validation runs are not resumed');
  await expect(gbdt.view.getByTestId('resume-run')).toHaveCount(0);
  expect(await checkpointRound(page, runId)).toBeNull();
});
