import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { expect, test, type Page } from './fixtures/test';
import { ExperimentsPage } from './fixtures/experiments-page';
import { StudioPage } from './fixtures/studio-page';
import { postgresReachable, TeamServer } from './fixtures/team-server';

const reachable = await postgresReachable();
if (!reachable && process.env.CI) throw new Error('CI=true but PostgreSQL is not reachable at 127.0.0.1:5432; the team-server e2e needs it');

/** A member's studio: connected to the team server with their own token, wine loaded, target chosen. */
async function member(page: Page, server: TeamServer, token: string, holder: string): Promise<{ studio: StudioPage; exp: ExperimentsPage }> {
  const studio = new StudioPage(page);
  await studio.open(`?backend=wasm#proxy=${encodeURIComponent(server.url)}&token=${token}`);
  const panel = page.getByTestId('connect-panel');
  await panel.getByTestId('proxy-connect').click();
  await expect(panel.getByTestId('team-holder')).toContainText(`signed in as ${holder}`);
  return { studio, exp: new ExperimentsPage(page) };
}

/** One small wine MLP; its run id once finished, and the model.onnx its export bundle downloads. */
async function trainAndExport(studio: StudioPage, exp: ExperimentsPage, hidden: string, seed: number): Promise<{ runId: string; onnx: Uint8Array }> {
  const page = studio.page;
  if (!(await page.getByTestId('dataset-preview').isVisible())) {
    await studio.dropFile(studio.sample('wine.csv'));
    await studio.expectDataset('wine.csv', 178);
    await studio.chooseTarget('cultivar');
  }
  const before = await page.evaluate(() => window.__kilnTest!.runs().length);
  await studio.setModel({ architecture: 'mlp', hidden, epochs: 6, batchSize: 32, learningRate: 0.01 });
  await page.getByTestId('seed').fill(String(seed));
  await studio.startTraining();
  await page.waitForFunction((n) => window.__kilnTest!.runs().length === n + 1 && window.__kilnTest!.runs()[0].status !== 'running' && window.__kilnTest!.training().phase === 'finished', before, { timeout: 120_000 });
  const runId = await page.evaluate(() => window.__kilnTest!.runs()[0].id);
  await exp.openRun(runId);
  const { files } = await studio.exportBundle(page.getByTestId('run-view'));
  return { runId, onnx: files['model.onnx'] };
}

/** Registers the open run on the team server; the version id the run view shows. */
async function registerOnTeam(page: Page, modelType: string, note: string): Promise<string> {
  const view = page.getByTestId('run-view');
  await view.getByTestId('register-open').click();
  await expect(view.getByTestId('register-where')).toHaveValue('team');
  await view.getByTestId('register-type').fill(modelType);
  await view.getByTestId('register-suffix').fill('');
  await view.getByTestId('register-note').fill(note);
  await view.getByTestId('register-submit').click();
  const badge = view.locator('[data-testid="run-versions"] [data-where="team"]').last();
  await expect(badge).toBeVisible();
  return (await badge.getAttribute('data-version')) as string;
}

/** The wine rows a model service would score, as the graph's input: the numeric features in the order the bundle's metadata lists them. */
function wineFeeds(session: ort.InferenceSession, features: string[], rows = 5): Record<string, ort.Tensor> {
  const [header, ...lines] = readFileSync(resolve(import.meta.dirname, '../public/samples/wine.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  expect(session.inputNames).toEqual(['numeric']);
  const data = Float32Array.from(lines.slice(0, rows).flatMap((l) => features.map((f) => Number(l.split(',')[cols.indexOf(f)]))));
  return { numeric: new ort.Tensor('float32', data, [rows, features.length]) };
}

/** The service side: the production model, fetched as a service would, equals `expected` byte for byte and scores rows in onnxruntime-node. */
async function serviceGets(server: TeamServer, version: string, expected: Uint8Array): Promise<void> {
  const got = await server.fetchAlias('wine_classifier', 'production');
  expect(got.status).toBe(200);
  expect(got.version).toBe(version);
  expect(Buffer.from(got.bytes).equals(Buffer.from(expected)), `production serves the bytes ${version} was exported with`).toBe(true);
  const meta = JSON.parse(Buffer.from((await server.fetchAlias('wine_classifier', 'production', 'metadata.json')).bytes).toString('utf8')) as { run: { task: { features: string[] } } };
  const session = await ort.InferenceSession.create(got.bytes);
  const out = await session.run(wineFeeds(session, meta.run.task.features));
  const probs = Object.values(out).find((t) => t.dims.length === 2 && t.dims[1] === 3);
  expect(probs, `outputs ${Object.keys(out).join(', ')}`).toBeDefined();
  const p = probs!.data as Float32Array;
  for (let i = 0; i < 5; i++) expect(p[i * 3] + p[i * 3 + 1] + p[i * 3 + 2]).toBeCloseTo(1, 4);
}

test.describe('two team members share runs and a registry through the Kiln server (real PostgreSQL)', () => {
  test.skip(!reachable, 'PostgreSQL is not reachable at 127.0.0.1:5432');
  let server: TeamServer;
  test.beforeAll(async ({ baseURL }) => {
    server = await TeamServer.start(baseURL!);
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('A pushes, registers v1.0 and promotes it; B sees it, registers v1.1 and promotes; A’s stale promote is refused; A rolls back; the history names both', async ({ page, browser }) => {
    const alice = await server.token('Alice', 'export,track,promote');
    const bob = await server.token('Bob', 'export,track,promote');

    // A: train, export, push, register, promote
    const a = await member(page, server, alice, 'Alice');
    const runA = await trainAndExport(a.studio, a.exp, '8', 1);
    await page.getByTestId('push-run-button').click();
    await expect(page.getByTestId('push-run-done')).toContainText('pushed by Alice, with its model');
    expect(await registerOnTeam(page, 'wine_classifier', 'first')).toBe('wine_classifier_v1.0');
    await page.getByTestId('nav-registry').click();
    await expect(page.getByTestId('registry-panel')).toHaveAttribute('data-where', 'team');
    await a.exp.pointAlias('production', 'wine_classifier_v1.0', 'launch');
    await expect(a.exp.aliasBadge('wine_classifier_v1.0', 'production')).toBeVisible();
    await serviceGets(server, 'wine_classifier_v1.0', runA.onnx);

    // B, in another browser profile: A's run in Compare (remote, read-only), A's version in the registry
    let runB: { runId: string; onnx: Uint8Array } | undefined;
    const contextB = await browser.newContext();
    const pageB = await contextB.newPage();
    try {
      const b = await member(pageB, server, bob, 'Bob');
      await pageB.getByTestId('nav-compare').click();
      const remoteRow = pageB.locator(`[data-testid="runs-table-row"][data-run-id="${runA.runId}"]`);
      await expect(remoteRow).toHaveAttribute('data-remote', 'true');
      await expect(remoteRow).toHaveAttribute('data-author', 'Alice');
      await pageB.getByTestId('nav-registry').click();
      await expect(b.exp.aliasBadge('wine_classifier_v1.0', 'production')).toBeVisible();
      await expect(pageB.locator('[data-testid="registry-version"][data-version="wine_classifier_v1.0"]')).toHaveAttribute('data-author', 'Alice');

      // B pushes every finished run, filed under an experiment of B's
      await pageB.getByTestId('nav-studio').click();
      await pageB.getByTestId('team-experiment').fill('wine-width');
      await pageB.getByTestId('team-autopush').check();
      runB = await trainAndExport(b.studio, b.exp, '16', 2);
      await expect(pageB.getByTestId('push-run-done')).toContainText('pushed by Bob, with its model');
      const pushedB = (await (await fetch(`${server.url}/runs?author=Bob`, { headers: { authorization: `Bearer ${server.exportToken}` } })).json()) as { runs: { id: string; experiment: string }[] };
      expect(pushedB.runs).toEqual([expect.objectContaining({ id: runB.runId, experiment: 'wine-width' })]);
      expect(Buffer.from(runB.onnx).equals(Buffer.from(runA.onnx))).toBe(false);
      // B's own run and A's now side by side in Compare: curves of both
      await b.exp.compare([runB.runId, runA.runId]);
      await expect(pageB.getByTestId('compare-curves')).toHaveAttribute('data-series', '2');
      await b.exp.openRun(runB.runId);
      expect(await registerOnTeam(pageB, 'wine_classifier', 'wider')).toBe('wine_classifier_v1.1');
      await pageB.getByTestId('nav-registry').click();
      await b.exp.pointAlias('production', 'wine_classifier_v1.1', 'wider is better');
      await expect(b.exp.aliasBadge('wine_classifier_v1.1', 'production')).toBeVisible();
      await serviceGets(server, 'wine_classifier_v1.1', runB.onnx);
    } finally {
      await contextB.close();
    }

    // A's page still shows production on v1.0: A's move is refused, says where it is now, changes nothing
    await expect(a.exp.aliasBadge('wine_classifier_v1.0', 'production')).toBeVisible();
    await a.exp.pointAlias('production', 'wine_classifier_v1.0', 'from a stale page');
    await expect(page.getByTestId('registry-error')).toContainText('Conflict: wine_classifier production is now wine_classifier_v1.1, not wine_classifier_v1.0');
    await expect(page.getByTestId('registry-error')).toContainText('Nothing was changed');
    await expect(a.exp.aliasBadge('wine_classifier_v1.1', 'production')).toBeVisible();
    await serviceGets(server, 'wine_classifier_v1.1', runB!.onnx);

    // A rolls back (from the state the page now shows)
    await expect(page.getByTestId('rollback-production')).toHaveText('Roll back production (now wine_classifier_v1.1)');
    await page.getByTestId('rollback-production').click();
    await expect(a.exp.aliasBadge('wine_classifier_v1.0', 'production')).toBeVisible();
    await serviceGets(server, 'wine_classifier_v1.0', runA.onnx);

    const rows = page.getByTestId('history-row');
    await expect(rows).toHaveCount(3);
    const history = await rows.evaluateAll((trs) => trs.map((tr) => ({ actor: tr.getAttribute('data-actor'), kind: tr.getAttribute('data-kind'), from: tr.getAttribute('data-from'), to: tr.getAttribute('data-to'), at: Number(tr.getAttribute('data-at')) })));
    expect(history.map(({ at: _at, ...h }) => h)).toEqual([
      { actor: 'Alice', kind: 'rollback', from: 'wine_classifier_v1.1', to: 'wine_classifier_v1.0' },
      { actor: 'Bob', kind: 'move', from: 'wine_classifier_v1.0', to: 'wine_classifier_v1.1' },
      { actor: 'Alice', kind: 'move', from: '', to: 'wine_classifier_v1.0' },
    ]);
    expect(history[0].at).toBeGreaterThanOrEqual(history[1].at);
    expect(history[1].at).toBeGreaterThanOrEqual(history[2].at);
  });

  test('a run exported as a zip on a machine that never saw the server is pushed from another, with the same model bytes', async ({ page, browser }) => {
    // the first machine: no team server, trains and downloads the run as a zip
    const studio = new StudioPage(page);
    const exp = new ExperimentsPage(page);
    await studio.open('?backend=wasm');
    const { runId, onnx } = await trainAndExport(studio, exp, '4', 3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('run-view').getByTestId('run-export-zip').click()]);
    const zipPath = (await download.path())!;

    const carol = await server.token('Carol', 'export,track');
    const context = await browser.newContext();
    try {
      const other = await context.newPage();
      await member(other, server, carol, 'Carol');
      await other.getByTestId('project-import-input').setInputFiles(zipPath);
      await expect(other.getByTestId('project-import-summary')).toHaveAttribute('data-runs', '1', { timeout: 60_000 });
      await new ExperimentsPage(other).openRun(runId);
      await other.getByTestId('push-run-button').click();
      await expect(other.getByTestId('push-run-done')).toContainText('pushed by Carol, with its model');
      const stored = await fetch(`${server.url}/runs/${runId}/artifacts/model.onnx`, { headers: { authorization: `Bearer ${server.exportToken}` } });
      expect(Buffer.from(await stored.arrayBuffer()).equals(Buffer.from(onnx))).toBe(true);
      // Carol may push but not promote: the registry says so instead of failing on click
      await other.getByTestId('nav-registry').click();
      await expect(other.getByTestId('alias-move')).toBeDisabled();
    } finally {
      await context.close();
    }
  });
});
