import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectStore } from '../../proxy/src/store/store-db';
import { freshPostgres, startServer, type RunningServer } from '../../proxy/test/store-harness';
import { pgReachable } from '../../proxy/test/postgres-admin';
import type { StudyDetail } from '../team/study-api';
import { essaysRecipe } from '../test-utils/essays-recipe';

/**
 * Acceptance 4 of "Headless Kiln": one study of 24 trials with pruning, worked by three
 * `kiln tune --worker` processes at once against the server on real PostgreSQL, plus a fourth
 * killed in the middle of a trial. Every trial ends complete or pruned exactly once, no attempt is
 * claimed twice, the killed worker's trial is taken over only after its lease, and the best
 * trial's retrain gives its value.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const KILN = resolve(ROOT, 'bin/kiln.mjs');
const LEASE = 4;

interface Proc {
  child: ChildProcess;
  out: () => string;
  exit: Promise<number | null>;
}

function kiln(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [KILN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  return { child, out: () => out, exit: new Promise((r) => child.on('exit', (code) => r(code))) };
}

/** Resolves when the process has printed a line matching `re` (its JSON-lines events). */
function printed(p: Proc, re: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    const check = () => {
      const m = re.exec(p.out());
      if (m) return done(m[0]);
    };
    p.child.stdout!.on('data', check);
    void p.exit.then(() => fail(new Error(`exited before printing ${re}:\n${p.out()}`)));
    check();
  });
}

const pgUp = await pgReachable();
if (!pgUp && process.env.CI) throw new Error('CI=true but PostgreSQL is not reachable: the distributed study runs against the real server in CI');

describe.runIf(pgUp)('a distributed study on real PostgreSQL', () => {
  let server: RunningServer;
  let drop: () => Promise<void>;
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    const fresh = await freshPostgres('tune');
    drop = fresh.drop;
    server = await startServer(await connectStore(fresh.url, 8));
    env = { KILN_SERVER_URL: server.base, KILN_TOKEN: server.tokens.alice };
    dir = mkdtempSync(join(tmpdir(), 'kiln-tune-'));
    const recipe = await essaysRecipe(30);
    writeFileSync(join(dir, 'recipe.json'), JSON.stringify(recipe));
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await server?.store.db.close();
    await drop?.();
  });

  it('24 trials, three workers and one killed: each trial ends once, the lost one is taken over after its lease, the best retrains to its value', async () => {
    const create = kiln(['tune', 'create', '--study', 'essays-grader', '--recipe', join(dir, 'recipe.json'), '--trials', '24', '--prune', '5:3', '--lease', String(LEASE), '--seed', '3'], env);
    expect(await create.exit, create.out()).toBe(0);

    // the doomed worker claims first and dies in the middle of its first trial
    const doomed = kiln(['tune', '--study', 'essays-grader', '--worker', '--worker-name', 'doomed', '--json'], env);
    await printed(doomed, /"event":"claimed"[^\n]*\n/);
    const killedAt = Date.now();
    doomed.child.kill('SIGKILL');
    await doomed.exit;

    const workers = ['w1', 'w2', 'w3'].map((w) => kiln(['tune', '--study', 'essays-grader', '--worker', '--worker-name', w, '--json'], env));
    const codes = await Promise.all(workers.map((w) => w.exit));
    expect(codes, workers.map((w) => w.out()).join('\n---\n')).toEqual([0, 0, 0]);

    const s = (await (await server.call('GET', '/studies/essays-grader', server.tokens.alice)).json()) as StudyDetail;
    expect(s.trials).toBe(24);
    expect(s.done).toBe(true);
    // every trial complete or pruned; none failed, none left
    expect(s.trialList.map((t) => t.number)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    for (const t of s.trialList) expect(['complete', 'pruned'], `trial ${t.number}: ${t.state} ${t.error ?? ''}`).toContain(t.state);
    expect(s.counts.pruned).toBeGreaterThan(0);
    expect(s.counts.complete).toBeGreaterThan(0);

    // claims: one per (trial, attempt); a second attempt only for the trial the killed worker held, taken over after its lease
    const byTrial = new Map<number, typeof s.claims>();
    for (const c of s.claims) byTrial.set(c.number, [...(byTrial.get(c.number) ?? []), c]);
    expect(new Set(s.claims.map((c) => `${c.number}/${c.attempt}`)).size).toBe(s.claims.length);
    const doomedClaims = s.claims.filter((c) => c.worker.startsWith('doomed'));
    expect(doomedClaims).toHaveLength(1);
    for (const [n, claims] of byTrial) {
      expect(claims.map((c) => c.attempt), `trial ${n}`).toEqual(claims.map((_, i) => i + 1));
      if (n !== doomedClaims[0].number) expect(claims, `trial ${n} was claimed once`).toHaveLength(1);
    }
    const retaken = byTrial.get(doomedClaims[0].number)!;
    expect(retaken).toHaveLength(2);
    expect(retaken[1].tookOver).toBe(true);
    expect(retaken[1].at - killedAt, 'taken over only once the lease ran out').toBeGreaterThanOrEqual(LEASE * 1000 - 1500);
    expect(s.trialList[doomedClaims[0].number].worker).not.toMatch(/^doomed/);
    // the three live workers all worked
    for (const w of ['w1', 'w2', 'w3']) expect(s.claims.some((c) => c.worker.startsWith(w)), w).toBe(true);

    const best = kiln(['tune', 'best', '--study', 'essays-grader', '--retrain', '--out', join(dir, 'best.json')], env);
    expect(await best.exit, best.out()).toBe(0);
    const r = JSON.parse(best.out().slice(best.out().indexOf('{'))) as { trial: number; value: number; retrained: number };
    expect(r.trial).toBe(s.best!.number);
    expect(r.retrained).toBe(r.value);
  }, 300_000);

  it('a stale attempt is refused with 409, and a token without the track scope cannot claim', async () => {
    const studies = await server.call('GET', '/studies', server.tokens.alice);
    expect(studies.status).toBe(200);
    const res = await server.call('POST', '/studies/essays-grader/trials/0/finish', server.tokens.alice, { attempt: 1, state: 'complete', value: 1, steps: 1, durationMs: 1 });
    expect(res.status).toBe(409);
    const noTrack = await server.call('POST', '/studies/essays-grader/claim', server.tokens.reader, { worker: 'x' });
    expect(noTrack.status, 'an export-only token cannot claim').toBe(403);
  });
});
