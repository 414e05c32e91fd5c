import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './fixtures/test';
import { waitForOfflineCopy } from './fixtures/service-worker';

const PORT = 4177;
const root = resolve(import.meta.dirname, '..');

/** A deployment of its own (a copy of dist/ on another port) that the test can redeploy. */
let site: string;
let server: ChildProcess;

test.beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'kiln-deploy-'));
  cpSync(resolve(root, 'dist'), site, { recursive: true });
  server = spawn(process.execPath, [resolve(root, 'scripts/serve-dist.mjs'), '--dir', site, '--port', String(PORT)], { stdio: 'ignore' });
  await expect.poll(() => fetch(`http://127.0.0.1:${PORT}/`).then((r) => r.status, () => 0), { timeout: 20_000 }).toBe(200);
});

test.afterAll(() => {
  server?.kill();
  rmSync(site, { recursive: true, force: true });
});

test('a new deployment shows "A new version of Kiln is ready" and reloads only on the click', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  await waitForOfflineCopy(page);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  // redeploy: any byte change in sw.js is a new version to the browser
  appendFileSync(join(site, 'sw.js'), '\n// redeployed\n');
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
  const prompt = page.getByTestId('update-prompt');
  await expect(prompt).toContainText('A new version of Kiln is ready');
  // the new version waits: the page was not reloaded under the person's feet
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true);

  await Promise.all([page.waitForEvent('load'), prompt.getByTestId('update-reload').click()]);
  await page.waitForFunction(() => window.__kilnTest?.ready === true);
  expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBeUndefined();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting)).toBeNull();
  await expect(prompt).toHaveCount(0);
});
