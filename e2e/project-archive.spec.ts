import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures/test';
import { strFromU8, unzipSync } from 'fflate';
import type { ModelEventRecord, ModelVersionRecord } from '../src/db/records';
import { LabelingPage } from './fixtures/labeling-page';
import { StudioPage } from './fixtures/studio-page';

/** The registry slice of window.__kilnTest (src/test-hook.ts), which kiln-window.d.ts does not declare. */
interface RegistryHook {
  registry: () => {
    versions: ModelVersionRecord[];
    events: ModelEventRecord[];
    register: (v: Omit<ModelVersionRecord, 'id' | 'major' | 'minor' | 'registeredAt' | 'archived'>, bump: 'minor' | 'major') => Promise<ModelVersionRecord | null>;
    move: (modelType: string, alias: string, to: string | null, note: string) => Promise<boolean>;
  };
}

const registryState = (page: Page) =>
  page.evaluate(() => {
    const r = (window.__kilnTest as unknown as RegistryHook).registry();
    return { versions: r.versions, events: r.events };
  });

/** The run's curve as the run view draws it: the number of epoch points. */
async function openRunCurve(page: Page, runId: string): Promise<number> {
  await page.getByTestId('runs-list').locator(`li[data-run-id="${runId}"] button`).first().click();
  await expect(page.getByTestId('run-view')).toHaveAttribute('data-run-id', runId);
  return Number(await page.getByTestId('run-view').getByTestId('loss-chart').getAttribute('data-points'));
}

test('Export a project zip, clear IndexedDB, import it: runs, curves, registry and labels are back', async ({ page }) => {
  const studio = new StudioPage(page);
  const lab = new LabelingPage(page);
  await studio.open('?backend=wasm');

  // a tiny tabular run on wasm
  await page.getByTestId('sample-wine.csv').click();
  await studio.expectDataset('wine.csv', 178);
  await studio.chooseTarget('cultivar');
  await studio.setModel({ architecture: 'mlp', hidden: '8', epochs: 4, batchSize: 32, learningRate: 0.01 });
  await studio.startTraining();
  await page.waitForFunction(() => window.__kilnTest!.runs()[0]?.status === 'completed' && window.__kilnTest!.training().phase === 'finished', undefined, { timeout: 120_000 });
  const runId = await page.evaluate(() => window.__kilnTest!.runs()[0].id);

  // three pairwise labels on the projects pool
  await page.getByTestId('sample-projects.csv').click();
  await studio.expectDataset('projects.csv', 40);
  await lab.openPool('projects.csv');
  for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowDown']) await lab.press(key, 1);
  const labels = await lab.labels();
  expect(labels).toHaveLength(3);

  // register the run and move production onto it
  const versionId = await page.evaluate(async (id) => {
    const hook = window.__kilnTest!;
    const run = hook.runs().find((r) => r.id === id)!;
    const reg = (hook as unknown as RegistryHook).registry();
    const v = await reg.register({ modelType: 'wine_classifier', suffix: null, runId: id, runName: run.name, family: run.family, note: 'portable', config: { family: run.family, epochs: run.epochsRun }, metrics: run.finalMetrics ?? {}, calibration: null }, 'minor');
    if (!v || !(await (hook as unknown as RegistryHook).registry().move('wine_classifier', 'production', v.id, 'ship it'))) throw new Error('registry action failed');
    return v.id;
  }, runId);

  const runsBefore = await page.evaluate(() => window.__kilnTest!.runs());
  const registryBefore = await registryState(page);
  expect(registryBefore.versions.map((v) => v.id)).toEqual([versionId]);
  expect(registryBefore.events.map((e) => [e.alias, e.from, e.to])).toEqual([['production', null, versionId]]);
  const epochs = await openRunCurve(page, runId);
  expect(epochs).toBe(4);
  expect(runsBefore[0].epochsRun).toBe(4);

  // export through the header button
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^kiln-project-\d{4}-\d{2}-\d{2}\.zip$/);
  const zipPath = (await download.path())!;
  const manifest = JSON.parse(strFromU8(unzipSync(new Uint8Array(readFileSync(zipPath)))['manifest.json']));
  expect(manifest).toMatchObject({ format: 'kiln.project', kind: 'project', counts: { runs: 1, datasets: 2, labels: 3, models: 1, modelEvents: 1, runMetrics: expect.any(Number) } });

  // clear IndexedDB from a same-origin page that has no open connection, then start the studio on an empty database
  await page.route('**/__blank.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>blank</title>' }));
  await page.goto('/__blank.html');
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.deleteDatabase('kiln');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error('delete blocked by an open connection'));
      }),
  );
  await studio.open('?backend=wasm');
  expect(await page.evaluate(() => window.__kilnTest!.runs().length)).toBe(0);
  expect(await page.evaluate(() => window.__kilnTest!.datasets().length)).toBe(0);
  expect((await registryState(page)).versions).toHaveLength(0);

  // the two project buttons stand apart
  const exportBox = (await page.getByTestId('project-export').boundingBox())!;
  const importBox = (await page.getByTestId('project-import').boundingBox())!;
  expect(importBox.x - (exportBox.x + exportBox.width)).toBeGreaterThanOrEqual(6);
  const headerHeight = (await page.locator('header').first().boundingBox())!.height;

  // import by keyboard: the Import button opens the file chooser
  await page.getByTestId('project-import').focus();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
  await chooser.setFiles(zipPath);
  const summary = page.getByTestId('project-import-summary');
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toHaveAttribute('data-runs', '1');
  await expect(summary).toHaveAttribute('data-datasets', '2');
  await expect(summary).toHaveAttribute('data-labels', '3');
  await expect(summary).toHaveAttribute('data-versions', '1');
  await expect(summary).toHaveAttribute('data-events', '1');
  await expect(summary).toHaveAttribute('data-skipped', '0');
  await expect(page.getByTestId('project-error')).toHaveCount(0);
  // the summary hangs below the header instead of wrapping it onto more lines
  expect((await page.locator('header').first().boundingBox())!.height).toBeLessThanOrEqual(headerHeight + 1);

  // runs, with the same record and curve
  await expect(page.getByTestId('runs-list').locator(`li[data-run-id="${runId}"]`)).toHaveAttribute('data-status', 'completed');
  expect(await page.evaluate(() => window.__kilnTest!.runs())).toEqual(runsBefore);
  expect(await openRunCurve(page, runId)).toBe(epochs);

  // registry: versions and alias moves with their times
  expect(await registryState(page)).toEqual(registryBefore);

  // labels
  await page.getByTestId('run-view').getByRole('button', { name: 'Back' }).click();
  await lab.openPool('projects.csv');
  await expect(page.getByTestId('labeling-view')).toHaveAttribute('data-labels', '3');
  expect(await lab.labels()).toEqual(labels);

  // the same archive again: records are overwritten in place, the alias move is not appended twice
  await page.getByTestId('project-import-input').setInputFiles(zipPath);
  await expect(summary).toHaveAttribute('data-events', '0', { timeout: 60_000 });
  expect((await registryState(page)).events).toEqual(registryBefore.events);
  await expect(page.getByTestId('labeling-view')).toHaveAttribute('data-labels', '3');
  expect(await page.evaluate(() => window.__kilnTest!.runs().length)).toBe(1);

  // a file that is not a Kiln archive is refused with a message and changes nothing
  await page.getByTestId('project-import-input').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip at all') });
  await expect(page.getByTestId('project-error')).toContainText('notes.zip was not imported (nothing was changed): This file is not a readable zip archive');
  expect(await page.evaluate(() => window.__kilnTest!.runs().length)).toBe(1);
});
