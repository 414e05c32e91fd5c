import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunComparison } from '../ml/compare/compare-runs';
import { runPush } from '../../proxy/test/store-fixtures';
import { startServer, type RunningServer } from '../../proxy/test/store-harness';
import { openEmbeddedStore } from '../../proxy/src/store/store-db';
import { runCompare } from './compare';

const tmp = mkdtempSync(join(tmpdir(), 'kiln-compare-'));

/** A folder as `kiln train --out` writes it: run.json beside the recipe and metrics. */
function runDir(name: string, run: Record<string, unknown>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run));
  writeFileSync(join(dir, 'recipe.json'), JSON.stringify(run.config));
  writeFileSync(join(dir, 'metrics.json'), JSON.stringify(run.metrics));
  return dir;
}

const base = {
  family: 'tabular',
  engine: 'kiln-cpu',
  datasetName: 'wine.csv',
  datasetFingerprint: 'sha256:wine',
  startedAt: 1_700_000_000_000,
  finishedAt: 1_700_000_060_000,
};
const dirA = runDir('a', {
  ...base,
  id: 'run-a',
  name: 'wine small',
  config: { task: { kind: 'binary', target: 'y' }, model: { hiddenUnits: [16], learningRate: 0.01, dropout: 0.1 }, split: { seed: 1, testFraction: 0.2 } },
  metrics: { accuracy: 0.91234, log_loss: 0.3, custom_score: 5, rmse: null },
});
const dirB = runDir('b', {
  ...base,
  id: 'run-b',
  name: 'wine wide',
  engine: 'tfjs-webgpu',
  config: { task: { kind: 'binary', target: 'y' }, model: { hiddenUnits: [64, 32], learningRate: 0.01, dropout: 0.1 }, split: { seed: 2, testFraction: 0.2 } },
  metrics: { accuracy: 0.88, log_loss: 0.25, custom_score: 7, roc_auc: 0.95 },
});

async function compare(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const saved = { KILN_SERVER_URL: process.env.KILN_SERVER_URL, KILN_TOKEN: process.env.KILN_TOKEN };
  // the user's own server settings must not leak into a test that expects none
  Object.assign(process.env, { KILN_SERVER_URL: '', KILN_TOKEN: '' }, env);
  try {
    const code = await runCompare(args, (s) => (stdout += s), (s) => (stderr += s));
    return { code, stdout, stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('kiln compare on run folders', () => {
  it('lists exactly the differing setup paths and marks the best of a maximize and a minimize metric', async () => {
    const r = await compare([dirA, dirB, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as RunComparison;
    expect(c.runs).toEqual([
      { ref: dirA, id: 'run-a', name: 'wine small', family: 'tabular' },
      { ref: dirB, id: 'run-b', name: 'wine wide', family: 'tabular' },
    ]);
    expect(c.config).toEqual([
      { path: 'engine', values: ['kiln-cpu', 'tfjs-webgpu'] },
      { path: 'model.hiddenUnits', values: [[16], [64, 32]] },
      { path: 'split.seed', values: [1, 2] },
    ]);
    const metric = (key: string) => c.metrics.find((m) => m.key === key);
    expect(c.metrics.map((m) => m.key)).toEqual(['accuracy', 'custom_score', 'log_loss', 'rmse', 'roc_auc']);
    expect(metric('accuracy')).toEqual({ key: 'accuracy', values: [0.91234, 0.88], best: 0 });
    expect(metric('log_loss')).toEqual({ key: 'log_loss', values: [0.3, 0.25], best: 1 });
    // no known direction, or only one run has it: nobody is "best"
    expect(metric('custom_score')?.best).toBeNull();
    expect(metric('roc_auc')).toEqual({ key: 'roc_auc', values: [null, 0.95], best: null });
    expect(metric('rmse')).toEqual({ key: 'rmse', values: [null, null], best: null });
  });

  it('prints aligned columns headed by run names, 4 significant digits, — for absent, * on the best', async () => {
    const r = await compare([join(dirA, 'run.json'), dirB]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^ +wine small +wine wide$/);
    const col = lines[0].indexOf('wine wide');
    const row = (key: string) => lines.find((l) => l.startsWith(`${key} `)) ?? '';
    expect(row('accuracy')).toMatch(/^accuracy +0\.9123\* +0\.8800$/);
    expect(row('log_loss')).toMatch(/^log_loss +0\.3000 +0\.2500\*$/);
    expect(row('roc_auc')).toMatch(/^roc_auc +— +0\.9500$/);
    expect(row('model.hiddenUnits')).toMatch(/^model\.hiddenUnits +\[16\] +\[64,32\]$/);
    for (const key of ['accuracy', 'log_loss', 'roc_auc', 'model.hiddenUnits', 'split.seed']) expect(row(key).indexOf(row(key).slice(col).trim()), key).toBe(col);
    expect(r.stdout).not.toMatch(/learningRate|testFraction|task\.kind/);
  });

  it('says when the setups are identical', async () => {
    const r = await compare([dirA, dirA]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('identical setups');
    // one name twice: the columns are told apart by the id's tail
    expect(r.stdout.split('\n')[0]).toMatch(/wine small #un-a +wine small #un-a/);
  });

  it('exits 2 naming the argument: one run only, no such file nor server, bad JSON, a folder without run.json', async () => {
    const one = await compare([dirA]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/at least two runs, got 1/);

    const missing = await compare([dirA, join(tmp, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${join(tmp, 'nope')}: no such file or folder; to read it as a server run id, missing --server`);

    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{"metrics": ');
    const badJson = await compare([dirA, bad]);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toContain(`${bad}: not valid JSON`);

    mkdirSync(join(tmp, 'empty'), { recursive: true });
    const empty = await compare([join(tmp, 'empty'), dirA]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain(`${join(tmp, 'empty')}: a folder without run.json`);
  });
});

describe('kiln compare with a run on the Kiln server', () => {
  let s: RunningServer;
  beforeAll(async () => {
    s = await startServer(await openEmbeddedStore(null));
    const push = runPush('srv-run', { config: { task: { kind: 'binary', target: 'y' }, model: { hiddenUnits: [16], learningRate: 0.003, dropout: 0.1 }, split: { seed: 1, testFraction: 0.2 } }, metrics: { accuracy: 0.93, logLoss: 0.2 } });
    expect((await s.call('POST', '/runs', s.tokens.alice, push)).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    await s?.store.db.close();
  });

  it('reads a run id from the server (--server/--token, or KILN_SERVER_URL/KILN_TOKEN) beside a local folder', async () => {
    const r = await compare([dirA, 'srv-run', '--server', s.base, '--token', s.tokens.reader, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const c = JSON.parse(r.stdout) as RunComparison;
    expect(c.runs[1]).toEqual({ ref: 'srv-run', id: 'srv-run', name: 'wine mlp srv-run', family: 'tabular' });
    expect(c.config).toEqual([{ path: 'model.learningRate', values: [0.01, 0.003] }]);
    expect(c.metrics.find((m) => m.key === 'accuracy')).toEqual({ key: 'accuracy', values: [0.91234, 0.93], best: 1 });
    // the pushed run names it logLoss: still known as lower-is-better, though only one run has it
    expect(c.metrics.find((m) => m.key === 'logLoss')).toEqual({ key: 'logLoss', values: [null, 0.2], best: null });

    const byEnv = await compare([dirA, 'srv-run'], { KILN_SERVER_URL: s.base, KILN_TOKEN: s.tokens.reader });
    expect(byEnv.code, byEnv.stderr).toBe(0);
    expect(byEnv.stdout.split('\n')[0]).toMatch(/wine small +wine mlp srv-run/);
  });

  it('exits 2 naming an argument that is neither a file nor a run on the server', async () => {
    const r = await compare([dirA, 'no-such-run', '--server', s.base, '--token', s.tokens.reader]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no-such-run: no such file or folder, and no run "no-such-run" on ${s.base}`);
  });
});
