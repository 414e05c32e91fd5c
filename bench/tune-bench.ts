/**
 * `npm run bench:tune`: one study (24 GBDT trials on the essays sample, pruning 5:3) worked by
 * 1, 2 and 4 `kiln tune --worker` processes against the Kiln server on PostgreSQL, side by side in
 * one run; the wall time from the first claim to the last finish, median of interleaved repeats. On a 2-core machine two workers
 * use both cores and a third and fourth only share them: the figures say so.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectStore } from '../proxy/src/store/store-db';
import { freshPostgres, startServer } from '../proxy/test/store-harness';
import type { StudyDetail } from '../src/team/study-api';
import { essaysRecipe } from '../src/test-utils/essays-recipe';

const ROOT = resolve(import.meta.dirname, '..');
const KILN = resolve(ROOT, 'bin/kiln.mjs');
const TRIALS = Number(process.env.KILN_BENCH_TRIALS ?? 24);
const REPEATS = Number(process.env.KILN_BENCH_REPEATS ?? 3);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function kiln(args: string[], env: Record<string, string>): Promise<number | null> {
  const child = spawn(process.execPath, [KILN, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((r) => child.on('exit', (c) => r(c)));
}

const fresh = await freshPostgres('tunebench');
const server = await startServer(await connectStore(fresh.url, 8));
const env = { KILN_SERVER_URL: server.base, KILN_TOKEN: server.tokens.alice };
const dir = mkdtempSync(join(tmpdir(), 'kiln-tune-bench-'));
const recipe = await essaysRecipe(60);
writeFileSync(join(dir, 'recipe.json'), JSON.stringify(recipe));

type Run = { workers: number; wallSeconds: number; studySeconds: number; complete: number; pruned: number };
const runs: Run[] = [];
// Repeats interleave the worker counts (1, 2, 4, 1, 2, 4, …) so a slow spell on the machine
// lands on every count alike rather than on one.
for (let rep = 0; rep < REPEATS; rep++) {
  for (const workers of [1, 2, 4]) {
    const name = `bench-${workers}-${rep}`;
    if ((await kiln(['tune', 'create', '--study', name, '--recipe', join(dir, 'recipe.json'), '--trials', String(TRIALS), '--prune', '5:3', '--seed', '7'], env)) !== 0) throw new Error('create failed');
    const t0 = performance.now();
    const codes = await Promise.all(Array.from({ length: workers }, (_, i) => kiln(['tune', '--study', name, '--worker', '--worker-name', `w${i}`, '--json'], env)));
    const wall = (performance.now() - t0) / 1000;
    if (codes.some((c) => c !== 0)) throw new Error(`a worker failed: ${codes}`);
    const s = (await (await server.call('GET', `/studies/${name}`, server.tokens.alice)).json()) as StudyDetail;
    const first = Math.min(...s.claims.map((c) => c.at));
    const last = Math.max(...s.trialList.map((t) => t.finishedAt ?? 0));
    runs.push({ workers, wallSeconds: wall, studySeconds: (last - first) / 1000, complete: s.counts.complete, pruned: s.counts.pruned });
    console.log(`[${rep + 1}/${REPEATS}] ${workers} worker(s): ${wall.toFixed(1)} s wall (processes included), ${((last - first) / 1000).toFixed(1)} s first claim → last finish; ${s.counts.complete} complete, ${s.counts.pruned} pruned`);
  }
}
const rows = [1, 2, 4].map((workers) => {
  const mine = runs.filter((r) => r.workers === workers);
  const studySeconds = median(mine.map((r) => r.studySeconds));
  return {
    workers,
    wallSecondsMedian: median(mine.map((r) => r.wallSeconds)),
    studySecondsMedian: studySeconds,
    trialsPerMinute: (TRIALS * 60) / studySeconds,
    runs: mine.map(({ wallSeconds, studySeconds: st, complete, pruned }) => ({ wallSeconds, studySeconds: st, complete, pruned })),
  };
});
await server.close();
await server.store.db.close();
await fresh.drop();

const base = rows[0].studySecondsMedian;
const result = {
  bench: 'distributed study: 24 GBDT trials (essays sample, 60 rounds, halving 5:3) by N kiln tune --worker processes on PostgreSQL 15',
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  note: `${cpus().length} cores bound it: past ${cpus().length} workers the processes share cores, so 4 workers cannot beat 2 here; each worker also pays its own start and data preparation, and a trial is short (~0.4 s of 60 rounds), so claims, reports and TPE over finished trials are a real share of it. Medians of ${REPEATS} interleaved repeats`,
  repeats: REPEATS,
  rows: rows.map((r) => ({ ...r, speedupVsOne: base / r.studySecondsMedian })),
  at: new Date().toISOString(),
};
mkdirSync(resolve(ROOT, 'bench/results'), { recursive: true });
writeFileSync(resolve(ROOT, 'bench/results/tune.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result.rows, null, 2));
