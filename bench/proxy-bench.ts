// npm run bench:proxy — export throughput and memory of the proxy against the real local
// PostgreSQL: 2M rows × 8 columns as CSV, Arrow and JSONL beside psql's \copy (interleaved reps),
// 50 concurrent CSV exports, /health requests per second, wide rows (10 KB and 30 KB) and one
// 50 MiB value with the peak RSS of the proxy process per export (each in a proxy of its own). Medians.
// Writes bench/results/proxy-export.json (BENCH_OUT to change; BENCH_PROXY_ROOT runs another
// checkout's proxy instead; BENCH_BASELINE_ROOT runs another checkout's proxy BESIDE this one, its
// 2M-row exports interleaved with ours rep by rep, for a before/after measured in one run).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const proxyRoot = resolve(process.env.BENCH_PROXY_ROOT ?? root);
const baselineRoot = process.env.BENCH_BASELINE_ROOT ? resolve(process.env.BENCH_BASELINE_ROOT) : null;
const DB_URL = process.env.KILN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 2_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 3);
const CONCURRENT = 50;
const CONCURRENT_ROWS = Number(process.env.BENCH_CONCURRENT_ROWS ?? 100_000);
const PORT = 8795;
const TOKEN = 'bench-token';
const TABLE = 'kiln_bench_export';
const COLUMNS = ['id', 'user_id', 'score', 'label', 'category', 'created_at', 'flag', 'note'];
const WIDE = [
  { table: 'kiln_bench_wide10k', rowBytes: 10_000, rows: 30_000 },
  { table: 'kiln_bench_wide30k', rowBytes: 30_000, rows: 10_000 },
];
const BIG_TABLE = 'kiln_bench_big_value';
const BIG_BYTES = 50 << 20;

async function ensureTables(): Promise<void> {
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  const count = async (t: string) => ((await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = $1`, [t])).rows[0].n ? (await c.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n : -1) as number;
  if ((await count(TABLE)) !== ROWS) {
    console.log(`creating ${TABLE} with ${ROWS.toLocaleString()} rows…`);
    await c.query(`DROP TABLE IF EXISTS ${TABLE}`);
    await c.query(`CREATE TABLE ${TABLE} AS
      SELECT g::bigint AS id, (g % 50000)::int AS user_id, (g * 0.61803398875) % 1 AS score, (g % 3)::smallint AS label,
             (ARRAY['alpha','beta','gamma','delta'])[g % 4 + 1] AS category,
             timestamptz '2020-01-01 00:00:00+00' + (g || ' seconds')::interval AS created_at, (g % 2 = 0) AS flag,
             CASE WHEN g % 10 = 0 THEN NULL ELSE 'note ' || g END AS note
      FROM generate_series(1, ${ROWS}) AS g`);
    await c.query(`ANALYZE ${TABLE}`);
  }
  for (const w of WIDE) {
    if ((await count(w.table)) === w.rows) continue;
    console.log(`creating ${w.table}: ${w.rows.toLocaleString()} rows of ${w.rowBytes / 1000} KB…`);
    await c.query(`DROP TABLE IF EXISTS ${w.table}`);
    // an embedding-like JSON array of numbers: incompressible enough that TOAST does not shrink it away
    await c.query(`CREATE TABLE ${w.table} AS SELECT g AS id,
      (SELECT '[' || string_agg(to_char(((g * 7919 + k * 104729) % 1000003) / 1000003.0, 'FM0.000000000'), ',') || ']' FROM generate_series(1, ${Math.round(w.rowBytes / 12)}) k) AS embedding
      FROM generate_series(1, ${w.rows}) g`);
  }
  if ((await count(BIG_TABLE)) !== 1) {
    console.log(`creating ${BIG_TABLE}: one ${BIG_BYTES >> 20} MiB value…`);
    await c.query(`DROP TABLE IF EXISTS ${BIG_TABLE}`);
    await c.query(`CREATE TABLE ${BIG_TABLE} AS SELECT 1 AS id, repeat(md5('kiln'), ${BIG_BYTES / 32}) AS doc`);
  }
  await c.end();
}

function rssMB(pid: number): number {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024;
}

async function startProxy(port = PORT, dir = proxyRoot): Promise<ChildProcess> {
  // node --import tsx keeps the proxy in this one process, so /proc/<pid> is the proxy's memory
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(dir, 'proxy/src/main.ts')], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: DB_URL, KILN_PROXY_PORT: String(port), KILN_PROXY_TOKEN: TOKEN, KILN_PROXY_MAX_ROWS: String(ROWS * 2), KILN_PROXY_MAX_EXPORTS: String(CONCURRENT), KILN_PROXY_STATEMENT_TIMEOUT_MS: '600000' },
    // stderr is kept, not shown: the superuser warning the proxy prints at each start would drown the figures
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) console.error(`proxy exited ${code}:\n${stderr}`);
  });
  for (let i = 0; i < 150; i++) {
    // another process on the port would answer /health for a proxy that failed to start
    if (child.exitCode !== null) throw new Error(`proxy exited ${child.exitCode} at start: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('proxy did not start');
}

interface Run {
  seconds: number;
  bytes: number;
  peakRssMB?: number;
  /** RSS of the proxy before the export began */
  idleRssMB?: number;
}

/** One export through node:http (the client should cost as little CPU as psql's own reading does). */
function exportOnce(body: object, port = PORT): Promise<number> {
  return new Promise<number>((done, fail) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/export', method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' } }, (res) => {
      if (res.statusCode !== 200) fail(new Error(`export failed: HTTP ${res.statusCode}`));
      let n = 0;
      res.on('data', (b: Buffer) => (n += b.byteLength));
      res.on('end', () => done(n));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

/** Runs `work` while sampling the proxy's RSS every 20 ms; a GC first, so earlier garbage does not count. */
async function measured(pid: number, work: () => Promise<number>): Promise<Run> {
  await new Promise((r) => setTimeout(r, 300));
  const idle = rssMB(pid);
  let peak = idle;
  const timer = setInterval(() => (peak = Math.max(peak, rssMB(pid))), 20);
  const t0 = performance.now();
  const bytes = await work();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  return { seconds, bytes, peakRssMB: +Math.max(peak, rssMB(pid)).toFixed(1), idleRssMB: +idle.toFixed(1) };
}

/**
 * A single export's memory is its own proxy's peak: V8 keeps the heap an earlier 2M-row export
 * grew to, so measuring in the long-lived proxy would charge that history to this export.
 */
async function onFreshProxy(work: (port: number) => Promise<number>): Promise<Run> {
  const own = await startProxy(PORT + 1);
  try {
    return await measured(own.pid!, () => work(PORT + 1));
  } finally {
    own.kill('SIGTERM');
    await new Promise((r) => own.once('exit', r));
  }
}

async function viaPsql(): Promise<Run> {
  const t0 = performance.now();
  const child = spawn('psql', [DB_URL, '-X', '-q', '-c', `\\copy (SELECT ${COLUMNS.join(', ')} FROM ${TABLE} LIMIT ${ROWS}) TO STDOUT WITH (FORMAT csv, HEADER)`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let bytes = 0;
  child.stdout.on('data', (b: Buffer) => (bytes += b.byteLength));
  const code = await new Promise<number>((r) => child.on('close', (c) => r(c ?? 1)));
  if (code !== 0) throw new Error(`psql exited ${code}`);
  return { seconds: (performance.now() - t0) / 1000, bytes };
}

/** /health under 32 keep-alive connections for 4 s: requests per second and p99 latency. */
async function healthLoad(port = PORT): Promise<{ rps: number; p99Ms: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  const lat: number[] = [];
  const until = performance.now() + 4000;
  const one = () =>
    new Promise<void>((done, fail) => {
      const t0 = performance.now();
      http.get({ host: '127.0.0.1', port, path: '/health', agent }, (res) => {
        res.resume();
        res.on('end', () => {
          lat.push(performance.now() - t0);
          done();
        });
      }).on('error', fail);
    });
  const t0 = performance.now();
  await Promise.all(Array.from({ length: 32 }, async () => {
    while (performance.now() < until) await one();
  }));
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  return { rps: Math.round(lat.length / seconds), p99Ms: +lat[Math.floor(lat.length * 0.99)].toFixed(2) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (rs: Run[], rows: number) => ({
  medianSeconds: +median(rs.map((r) => r.seconds)).toFixed(3),
  rowsPerSec: Math.round(rows / median(rs.map((r) => r.seconds))),
  mbPerSec: +median(rs.map((r) => r.bytes / 1e6 / r.seconds)).toFixed(1),
  bytes: rs[0].bytes,
  ...(rs[0].peakRssMB !== undefined ? { peakRssMB: Math.max(...rs.map((r) => r.peakRssMB!)), idleRssMB: median(rs.map((r) => r.idleRssMB!)) } : {}),
});
const log = (what: string, r: Run) => console.log(`${what.padEnd(28)} ${r.seconds.toFixed(2).padStart(7)} s  ${(r.bytes / 1e6).toFixed(1).padStart(8)} MB${r.peakRssMB ? `  peak RSS ${r.peakRssMB} MB` : ''}`);

await ensureTables();
const proxy = await startProxy();
const pid = proxy.pid!;
const BASELINE_PORT = PORT + 2;
const baseline = baselineRoot ? await startProxy(BASELINE_PORT, baselineRoot) : null;
const base: Record<'psql' | 'csv' | 'arrow' | 'jsonl', Run[]> = { psql: [], csv: [], arrow: [], jsonl: [] };
const before: Record<'csv' | 'arrow' | 'jsonl', Run[]> = { csv: [], arrow: [], jsonl: [] };
let beforeConcurrent: Run[] = [];
let beforeHealth: { rps: number; p99Ms: number } | null = null;
const concurrentCsv = (p: ChildProcess, port: number) =>
  measured(p.pid!, async () => (await Promise.all(Array.from({ length: CONCURRENT }, () => exportOnce({ table: TABLE, columns: COLUMNS, format: 'csv', limit: CONCURRENT_ROWS }, port)))).reduce((a, b) => a + b, 0));
const wide: Record<string, Run[]> = {};
const big: Record<string, Run[]> = {};
let concurrent: Run[];
let health: { rps: number; p99Ms: number };
try {
  health = await healthLoad();
  console.log(`/health ${health.rps} rps, p99 ${health.p99Ms} ms`);
  if (baseline) {
    beforeHealth = await healthLoad(BASELINE_PORT);
    console.log(`baseline /health ${beforeHealth.rps} rps, p99 ${beforeHealth.p99Ms} ms`);
  }
  for (let rep = 0; rep < REPS; rep++) {
    for (const which of ['psql', 'csv', 'arrow', 'jsonl'] as const) {
      const r = which === 'psql' ? await viaPsql() : await measured(pid, () => exportOnce({ table: TABLE, columns: COLUMNS, format: which, limit: ROWS }));
      base[which].push(r);
      log(`rep ${rep} ${which}`, r);
      if (baseline && which !== 'psql') {
        const b = await measured(baseline.pid!, () => exportOnce({ table: TABLE, columns: COLUMNS, format: which, limit: ROWS }, BASELINE_PORT));
        before[which].push(b);
        log(`rep ${rep} baseline ${which}`, b);
      }
    }
    for (const w of WIDE) {
      for (const format of ['csv', 'arrow', 'jsonl'] as const) {
        const r = await onFreshProxy((port) => exportOnce({ table: w.table, format }, port));
        (wide[`${w.table}:${format}`] ??= []).push(r);
        log(`rep ${rep} ${w.table} ${format}`, r);
      }
    }
    const four = await onFreshProxy(async (port) => (await Promise.all(Array.from({ length: 4 }, () => exportOnce({ table: WIDE[0].table, format: 'arrow' }, port)))).reduce((a, b) => a + b, 0));
    (wide['4 concurrent arrow 10KB'] ??= []).push(four);
    log(`rep ${rep} 4× arrow 10KB`, four);
    for (const format of ['csv', 'arrow', 'jsonl'] as const) {
      const r = await onFreshProxy((port) => exportOnce({ table: BIG_TABLE, format }, port));
      (big[format] ??= []).push(r);
      log(`rep ${rep} 50 MiB value ${format}`, r);
    }
  }
  concurrent = [await concurrentCsv(proxy, PORT)];
  log(`${CONCURRENT} concurrent csv`, concurrent[0]);
  if (baseline) {
    beforeConcurrent = [await concurrentCsv(baseline, BASELINE_PORT)];
    log(`baseline ${CONCURRENT} concurrent csv`, beforeConcurrent[0]);
  }
} finally {
  proxy.kill('SIGTERM');
  baseline?.kill('SIGTERM');
}
const psql = summary(base.psql, ROWS);
const ratio = (s: { medianSeconds: number }) => +(psql.medianSeconds / s.medianSeconds).toFixed(3);
const wideOut = Object.fromEntries(Object.entries(wide).map(([k, rs]) => [k, summary(rs, 1)]));
const bigOut = Object.fromEntries(Object.entries(big).map(([k, rs]) => [k, summary(rs, 1)]));
// single exports only: the 4-concurrent run is reported beside them
const peaks = [...Object.entries(wideOut).filter(([k]) => !k.startsWith('4 ')).map(([, v]) => v), ...Object.values(bigOut)].map((s) => s.peakRssMB ?? 0);
/** The baseline proxy's figures and, per workload, baseline time / our time (> 1: we are faster; < 0.9: a regression past 10 %). */
function baselineOut(dir: string) {
  const ours = { csv: summary(base.csv, ROWS), arrow: summary(base.arrow, ROWS), jsonl: summary(base.jsonl, ROWS), concurrentCsv: summary(concurrent, CONCURRENT * CONCURRENT_ROWS) };
  const theirs = { csv: summary(before.csv, ROWS), arrow: summary(before.arrow, ROWS), jsonl: summary(before.jsonl, ROWS), concurrentCsv: summary(beforeConcurrent, CONCURRENT * CONCURRENT_ROWS) };
  const speedup = Object.fromEntries((Object.keys(ours) as (keyof typeof ours)[]).map((k) => [k, +(theirs[k].medianSeconds / ours[k].medianSeconds).toFixed(3)]));
  return {
    root: dir,
    ...theirs,
    health: beforeHealth,
    speedupOverBaseline: { ...speedup, healthRps: beforeHealth ? +(health.rps / beforeHealth.rps).toFixed(3) : null },
  };
}

const result = {
  bench: 'proxy-export',
  description: `proxy ${proxyRoot}: ${ROWS.toLocaleString()} rows × ${COLUMNS.length} columns as CSV/Arrow/JSONL vs psql \\copy CSV; ${CONCURRENT} concurrent CSV exports of ${CONCURRENT_ROWS.toLocaleString()} rows; /health load; wide rows and a 50 MiB value with peak proxy RSS; interleaved reps, medians`,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
  config: { rows: ROWS, reps: REPS, columns: COLUMNS, wide: WIDE, bigValueBytes: BIG_BYTES, concurrent: CONCURRENT, concurrentRows: CONCURRENT_ROWS },
  results: {
    psqlCopyCsv: psql,
    proxyCsv: { ...summary(base.csv, ROWS), ratioToPsqlCopy: ratio(summary(base.csv, ROWS)) },
    proxyArrow: { ...summary(base.arrow, ROWS), ratioToPsqlCopy: ratio(summary(base.arrow, ROWS)) },
    proxyJsonl: { ...summary(base.jsonl, ROWS), ratioToPsqlCopy: ratio(summary(base.jsonl, ROWS)) },
    concurrentCsv: summary(concurrent, CONCURRENT * CONCURRENT_ROWS),
    health,
    wideRows: wideOut,
    bigValue: { ...bigOut, arrowToCsvTime: bigOut.arrow && bigOut.csv ? +(bigOut.arrow.medianSeconds / bigOut.csv.medianSeconds).toFixed(2) : null },
    maxPeakRssMBWideAndBig: Math.max(...peaks),
    peakRssUnder300MB: Math.max(...peaks) <= 300,
    ...(baselineRoot ? { baseline: baselineOut(baselineRoot) } : {}),
  },
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, process.env.BENCH_OUT ?? 'bench/results/proxy-export.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result.results, null, 2));
