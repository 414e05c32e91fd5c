import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../e2e/fixtures/studio-page';
import { largeRegression, LARGE_COLS } from './gbdt-large-data';

/**
 * npm run bench:gbdt:tab — the GBDT acceptance's 1,000,000 × 50 regression trained in the studio
 * tab, as a person would: drop the file (Arrow, 50 float columns and the target), pick gradient-
 * boosted trees, 100 rounds of 31 leaves leaf-wise, no early stopping, Train. Records the wall time
 * from pressing Train to the stored run, the training rows per second, the renderer's peak
 * resident memory (its worker and the histogram pool's workers live in that process) and the
 * run's own facts (threads). The same matrix as bench:gbdt's Node-side "large" case (mulberry32(11)).
 * Writes bench/results/gbdt-large-tab.json. KILN_BENCH_ROWS picks fewer rows for a quick try.
 */
const ROWS = Number(process.env.KILN_BENCH_ROWS ?? 1_000_000);

/** Resident memory (VmRSS, and the peak VmHWM) of Chromium's largest renderer process, in MiB. */
function rendererMemory(): { rssMiB: number; peakMiB: number } {
  let rss = 0;
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0);
      rss = Math.max(rss, kb('VmRSS:'));
      peak = Math.max(peak, kb('VmHWM:'));
    } catch {
      // the process ended between the listing and the read
    }
  }
  return { rssMiB: rss / 1024, peakMiB: peak / 1024 };
}

test('GBDT 1M × 50 regression in the tab', async ({ page }, info) => {
  const { x, y } = largeRegression(ROWS);
  const columns: Record<string, Float32Array | Float64Array> = {};
  for (let c = 0; c < LARGE_COLS; c++) columns[`x_${c}`] = Float32Array.from({ length: ROWS }, (_, r) => x[r * LARGE_COLS + c]);
  columns.y = y;
  const path = info.outputPath('large-regression.arrow');
  writeFileSync(path, tableToIPC(tableFromArrays(columns), 'file'));

  const studio = new StudioPage(page);
  await studio.open();
  const idle = rendererMemory();
  const dropped = Date.now();
  await studio.dropLargeFile(path);
  await expect(page.getByTestId('dataset-preview')).toContainText(`${ROWS.toLocaleString('en-US')} rows`, { timeout: 600_000 });
  await expect(page.getByTestId('dataset-preview')).toContainText('large-regression.arrow');
  const importSeconds = (Date.now() - dropped) / 1000;
  const loaded = rendererMemory();
  await page.getByTestId('family-gbdt').check();
  const setup = page.getByTestId('gbdt-setup');
  await setup.getByTestId('gbdt-target').selectOption('y');
  await setup.getByTestId('gbdt-kind').selectOption('regression');
  await setup.getByTestId('gbdt-growth').selectOption('leafwise');
  await setup.getByTestId('gbdt-rounds').fill('100');
  await setup.getByTestId('gbdt-lr').fill('0.1');
  await setup.getByTestId('gbdt-depth').fill('0');
  await setup.getByTestId('gbdt-early').fill('0');
  // bench:gbdt's large config: no L2 on leaf values (the studio's default is 1)
  await setup.getByLabel('L2 on leaf values').fill('0');
  await setup.getByLabel('Max leaves').fill('31');

  // sampled while it trains: VmHWM is the peak anyway, the samples show the shape
  const samples: number[] = [];
  let peak = loaded.peakMiB;
  const sampler = setInterval(() => {
    const m = rendererMemory();
    samples.push(Math.round(m.rssMiB));
    peak = Math.max(peak, m.peakMiB);
  }, 1000);
  const started = Date.now();
  await page.getByTestId('train-button').click();
  // the rows' way to the worker (the matrix, the split, binning) is the time to the first round
  await page.waitForFunction(() => window.__kilnTest!.gbdt().epochs.length > 0, null, { timeout: 1_100_000, polling: 100 });
  const firstRoundSeconds = (Date.now() - started) / 1000;
  await expect(page.getByTestId('gbdt-train').getByTestId('final-metrics')).toBeVisible({ timeout: 1_100_000 });
  const seconds = (Date.now() - started) / 1000;
  clearInterval(sampler);
  const after = rendererMemory();
  const run = await page.evaluate(() => {
    const id = window.__kilnTest!.gbdt().runId!;
    const r = window.__kilnTest!.runs().find((x) => x.id === id)!;
    return { id, status: r.status, metrics: r.finalMetrics ?? null, trainRows: r.splitSizes?.train ?? null, durationMs: r.durationMs ?? null };
  });
  // the stored run's facts, as its view shows them: how many threads built the histograms
  await page.locator(`[data-testid="runs-list"] li[data-run-id="${run.id}"] button`).first().click();
  await expect(page.getByTestId('run-view').locator('dl.facts')).toContainText('Histograms');
  const facts = (await page.getByTestId('run-view').locator('dl.facts').innerText()).replace(/\s+/g, ' ');
  const threads = Number(/Histograms:? (\d+) threads/.exec(facts)?.[1] ?? 1);
  const rounds = await page.evaluate(() => window.__kilnTest!.gbdt().epochs.length);
  expect(rounds).toBe(100);
  expect(run.status).toBe('completed');
  const trainRows = run.trainRows!;
  const out = {
    bench: 'gbdt-large-tab',
    date: new Date().toISOString(),
    data: `${ROWS.toLocaleString('en-US')} × ${LARGE_COLS} synthetic regression (Arrow file), 100 rounds, 31 leaves leaf-wise, lr 0.1, no early stopping; the studio's default split (70% train)`,
    browser: page.context().browser()?.version(),
    importSeconds,
    trainRows,
    secondsFromTrainToStoredRun: seconds,
    secondsFromTrainToFirstRound: firstRoundSeconds,
    trainRowsPerSecond: trainRows / seconds,
    runDurationSeconds: run.durationMs === null ? null : run.durationMs / 1000,
    threads,
    facts,
    validation: run.metrics,
    memoryMiB: { rendererIdle: idle.rssMiB, rendererAfterLoad: loaded.rssMiB, rendererPeak: Math.max(peak, after.peakMiB), samplesWhileTraining: samples },
  };
  console.log(JSON.stringify(out));
  mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, 'results/gbdt-large-tab.json'), JSON.stringify(out, null, 2));
});
