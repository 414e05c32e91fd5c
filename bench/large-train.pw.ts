import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { StudioPage } from '../e2e/fixtures/studio-page';
import { ISSUE_19_FILE, writeLargeCsv } from '../e2e/fixtures/large-csv';

/**
 * Issue 19's 400,000 × 20 file on wasm, one epoch: the time from pressing Train to the first
 * change on screen, to the first step shown, to the end of the epoch, and the samples/s the page
 * showed beside the rate measured on the wall clock. KILN_BENCH_SPLIT picks the split (random by
 * default: the stratified one overflowed the stack before issue 19); KILN_BENCH_LABEL names the
 * result file (bench/results/large-train-start-<label>.json).
 */
test('400k-row train start on wasm', async ({ page }, info) => {
  const split = process.env.KILN_BENCH_SPLIT ?? 'random';
  const label = process.env.KILN_BENCH_LABEL ?? 'current';
  const path = info.outputPath('churn-400k.csv');
  const file = writeLargeCsv(path, ISSUE_19_FILE);
  const studio = new StudioPage(page);
  await studio.open('?backend=wasm');
  const parseStart = Date.now();
  const input = await page.evaluateHandle(() => {
    const el = document.createElement('input');
    el.type = 'file';
    document.body.append(el);
    return el;
  });
  await input.asElement()!.setInputFiles(path);
  const dataTransfer = await page.evaluateHandle((el) => {
    const dt = new DataTransfer();
    dt.items.add((el as HTMLInputElement).files![0]);
    el.remove();
    return dt;
  }, input);
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('dataset-preview')).toContainText('400,000 rows', { timeout: 600_000 });
  const parseMs = Date.now() - parseStart;
  await studio.chooseTarget('churned');
  await page.getByTestId('split-strategy').selectOption(split);
  await studio.setModel({ epochs: 1 });

  // one page-side recorder, polled by requestAnimationFrame-free timers so a busy main thread shows as late, not as lost
  await page.evaluate(() => {
    const w = window as unknown as { __bench: Record<string, number | string | null> };
    w.__bench = {};
    const read = () => {
      const t = window.__kilnTest!.training() as unknown as {
        phase: string;
        runStage?: { name: string } | null;
        progress: { epoch: number; step: number; samplesPerSec: number } | null;
        epochs: { elapsedMs: number; samplesPerSec: number }[];
      };
      return { sig: `${t.runStage?.name ?? '-'}|${t.progress ? 'p' : '-'}|${t.progress?.epoch ?? 0}|${t.progress?.step ?? 0}`, t };
    };
    const b = w.__bench;
    document.querySelector<HTMLButtonElement>('[data-testid="train-button"]')!.addEventListener('click', () => {
      b.click = performance.now();
      const initial = read().sig;
      const timer = setInterval(() => {
        const { sig, t } = read();
        const now = performance.now();
        if (b.firstChange === undefined && sig !== initial) b.firstChange = now;
        if (b.firstStep === undefined && t.progress && (t.progress.step > 0 || t.progress.epoch > 0)) {
          b.firstStep = now;
          b.firstStepShown = t.progress.step;
        }
        if (t.progress && t.progress.step > 0) b.lastShownRate = t.progress.samplesPerSec;
        if (b.epochEnd === undefined && t.epochs.length > 0) {
          b.epochEnd = now;
          b.epochElapsedMs = t.epochs[0].elapsedMs;
          b.epochRate = t.epochs[0].samplesPerSec;
        }
        if (t.phase === 'finished') {
          b.finished = now;
          clearInterval(timer);
        }
      }, 25);
    });
  });
  await studio.startTraining();
  await page.waitForFunction(() => (window as unknown as { __bench: { finished?: number } }).__bench.finished !== undefined, null, { timeout: 1_100_000, polling: 500 });
  const b = await page.evaluate(() => (window as unknown as { __bench: Record<string, number> }).__bench);
  const run = await page.evaluate(() => window.__kilnTest!.runs()[0]);
  const train = run.family === 'tabular' ? (run.splitSizes?.train ?? 0) : 0;
  const stepToEnd = b.epochEnd - b.firstStep;
  const result = {
    bench: 'large-train-start',
    label,
    date: new Date().toISOString(),
    file: { rows: ISSUE_19_FILE.rows, columns: ISSUE_19_FILE.numeric + ISSUE_19_FILE.categorical + 1, positives: file.positives, bytes: file.bytes },
    backend: 'wasm',
    split,
    status: run.status,
    error: run.family === 'tabular' ? (run.message ?? null) : null,
    trainRows: train,
    parseMs,
    trainToFirstChangeMs: b.firstChange - b.click,
    trainToFirstStepMs: b.firstStep - b.click,
    firstStepShown: b.firstStepShown,
    trainToEpochEndMs: b.epochEnd - b.click,
    epochElapsedMsWorker: b.epochElapsedMs,
    shownSamplesPerSec: b.lastShownRate ?? null,
    epochSamplesPerSec: b.epochRate,
    wallSamplesPerSecFirstStepToEpochEnd: stepToEnd > 0 ? (train / stepToEnd) * 1000 : null,
    note: 'page clock (performance.now) sampled every 25 ms; 2 shared cores, dev server, SwiftShader-free wasm backend',
  };
  const out = resolve(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(resolve(out, `large-train-start-${label}.json`), `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
});
