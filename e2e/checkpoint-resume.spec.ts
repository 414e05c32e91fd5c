import { expect, test, type Page } from './fixtures/test';
import { StudioPage } from './fixtures/studio-page';

const EPOCHS = 36;
const EVERY = 3;
// digits (1,257 training rows) one row per step through two wide layers: about 0.3 s an epoch on
// Kiln's engine, so the reload (after the checkpoint of epoch 6 is in IndexedDB, which lags the
// worker by a second or so: the page writes curves and checkpoints in order) lands with ~25 epochs
// (~8 s) still to train. A narrower net or fewer epochs finished before the reload on a busy
// machine (128 units, 24 epochs: 80 ms an epoch, the whole run inside the write lag). Heavier
// epochs rather than more of them: fewer writes per second keep the lag short. Dropout 0 and no
// early stopping: the run is a pure function of the seed on one engine and backend.
const MODEL = { architecture: 'mlp', hidden: '256, 128', epochs: EPOCHS, batchSize: 1, learningRate: 0.003, dropout: 0, earlyStopping: false, checkpointEvery: EVERY } as const;

async function setUpDigits(studio: StudioPage): Promise<void> {
  await studio.chooseTarget('digit');
  await expect(studio.page.getByTestId('task-kind')).toHaveValue('multiclass');
  await studio.setModel(MODEL);
}

const series = (page: Page, runId: string) => page.evaluate((id) => window.__kilnTest!.runSeries(id), runId);
const stored = (page: Page, runId: string) => page.evaluate((id) => window.__kilnTest!.runs().find((r) => r.id === id)!, runId);

test('reload mid-training, resume from the checkpoint: the curve goes on from its epoch and ends where an uninterrupted run ends', async ({ page }) => {
  const studio = new StudioPage(page);
  // the epochs above are sized for Kiln's engine (TF.js takes ~10× longer an epoch): pinned, so a
  // change of the auto choice cannot turn this into a four-minute run
  await studio.open('?backend=wasm&engine=kiln');
  await studio.dropFile(studio.sample('digits.csv'));
  await studio.expectDataset('digits.csv', 1797);
  await setUpDigits(studio);
  await studio.startTraining();

  // a checkpoint is in IndexedDB and training has gone past it: the reload lands between two checkpoints
  const runId = await page.evaluate(() => window.__kilnTest!.training().runId!);
  await page.waitForFunction(
    () => {
      const t = window.__kilnTest!.training();
      return t.phase === 'training' && t.checkpoint !== null && t.checkpoint.epoch >= 6 && t.epochs.length > t.checkpoint.epoch;
    },
    undefined,
    { timeout: 120_000 },
  );
  await page.reload();
  await page.waitForFunction(() => window.__kilnTest?.ready === true);

  const interrupted = await stored(page, runId);
  expect(interrupted.status, 'the reload came after the run finished: give it more epochs').toBe('interrupted');
  const checkpointEpoch = (await page.evaluate((id) => window.__kilnTest!.checkpointEpoch(id), runId))!;
  expect(checkpointEpoch % EVERY).toBe(0);
  const before = (await series(page, runId)).epochs.map((e) => e.seq);
  expect(before.length).toBeGreaterThanOrEqual(checkpointEpoch);
  await expect(page.getByTestId('storage-use')).toContainText('used');
  expect(Number(await page.getByTestId('storage-use').getAttribute('data-quota'))).toBeGreaterThan(0);

  await page.locator(`[data-testid="runs-list"] li[data-run-id="${runId}"]`).getByRole('button').click();
  const view = page.getByTestId('run-view');
  await expect(view.getByTestId('run-status')).toHaveText('interrupted');
  const resume = view.getByTestId('resume-run');
  await expect(resume).toHaveText(`Resume from epoch ${checkpointEpoch}`);
  await resume.click();
  await page.waitForFunction(
    (id) => {
      const t = window.__kilnTest!.training();
      return t.runId === id && t.phase === 'finished' && window.__kilnTest!.runs().find((r) => r.id === id)?.status === 'completed';
    },
    runId,
    { timeout: 200_000 },
  );
  const epochs = Array.from({ length: EPOCHS }, (_, i) => i + 1);
  // the live curve: the stored epochs up to the checkpoint, then the resumed run's from checkpoint + 1 (a restart from 1 would repeat them)
  expect(await page.evaluate(() => window.__kilnTest!.training().epochs.map((e) => e.seq))).toEqual(epochs);
  const resumedSeries = await series(page, runId);
  expect(resumedSeries.epochs.map((e) => e.seq)).toEqual(epochs);
  expect(new Set(resumedSeries.steps.map((s) => s.seq)).size).toBe(resumedSeries.steps.length);
  const resumed = await stored(page, runId);
  expect(resumed.family === 'tabular' && resumed.resumes?.map((r) => r.fromEpoch)).toEqual([checkpointEpoch]);
  expect(resumed.epochsRun).toBe(EPOCHS);
  await expect(view.getByTestId('run-status')).toHaveText('completed');
  await expect(view.getByTestId('loss-chart')).toHaveAttribute('data-points', String(EPOCHS));
  // a finished run keeps no checkpoint (removed right after its model is saved)
  await expect.poll(() => page.evaluate((id) => window.__kilnTest!.checkpointEpoch(id), runId)).toBeNull();

  // the same config, uninterrupted
  await view.getByRole('button', { name: 'Back' }).click();
  await page.getByTestId('dataset-list').getByRole('button', { name: /^digits\.csv/ }).click();
  await studio.expectDataset('digits.csv', 1797);
  await setUpDigits(studio);
  await studio.startTraining();
  const straightMetrics = await studio.waitForFinalMetrics();
  const straightId = await page.evaluate(() => window.__kilnTest!.training().runId!);
  expect(straightId).not.toBe(runId);
  const straight = await stored(page, straightId);
  expect(straight.status).toBe('completed');
  expect(straight.backend).toBe('wasm');
  expect(resumed.backend).toBe('wasm');
  // the resume continued on the engine the run started on (a checkpoint is only bit-exact there)
  expect(straight.engine?.engine).toBe('kiln');
  expect(resumed.engine?.engine).toBe('kiln');

  const a = resumed.finalMetrics!;
  const b = straight.finalMetrics!;
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  const metricDiff = Math.max(...Object.keys(a).map((k) => (Number.isNaN(a[k]) && Number.isNaN(b[k]) ? 0 : Math.abs(a[k] - b[k]))));
  const straightSeries = await series(page, straightId);
  const lossDiff = Math.max(...straightSeries.epochs.map((e, i) => Math.max(Math.abs(e.valLoss - resumedSeries.epochs[i].valLoss), Math.abs(e.trainLoss - resumedSeries.epochs[i].trainLoss))));
  console.log(`checkpoint epoch ${checkpointEpoch}, ${before.length} epochs stored at the reload; resumed vs uninterrupted: max |Δ final metric| ${metricDiff}, max |Δ epoch loss| ${lossDiff}`);
  expect(metricDiff).toBeLessThanOrEqual(1e-6);
  expect(lossDiff).toBeLessThanOrEqual(1e-6);
  expect(straightMetrics.accuracy).toBeCloseTo(a.accuracy, 6);
});
