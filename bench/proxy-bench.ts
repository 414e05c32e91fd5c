// npm run bench:proxy — export throughput and memory of the proxy on a 1,000,000-row table in the
// real local PostgreSQL, beside psql's \copy of the same query, interleaved in one run.
// Writes bench/results/proxy-export.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const DB_URL = process.env.KILN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const REPS = Number(process.env.BENCH_REPS ?? 5);
const PORT = 8795;
const TOKEN = 'bench-token';
const TABLE = 'kiln_bench_export';
const COLUMNS = ['id', 'user_id', 'score', 'label', 'category', 'created_at', 'flag', 'note'];

async function ensureTable(): Promise<void> {
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  const exists = await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname = $1`, [TABLE]);
  const n = exists.rows[0].n ? (await c.query(`SELECT count(*)::int AS n FROM ${TABLE}`)).rows[0].n : 0;
  if (n !== ROWS) {
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
  await c.end();
}

function rssMB(pid: number): { rss: number; hwm: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

async function startProxy(): Promise<ChildProcess> {
  // node --import tsx keeps the proxy in this one process, so /proc/<pid> is the proxy's memory
  const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'proxy/src/main.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: DB_URL, KILN_PROXY_PORT: String(PORT), KILN_PROXY_TOKEN: TOKEN, KILN_PROXY_MAX_ROWS: String(ROWS * 2) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return child;
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
}

async function viaProxy(format: 'csv' | 'arrow', pid: number): Promise<Run> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMB(pid).rss)), 25);
  const t0 = performance.now();
  // node:http, not fetch: the client should cost as little CPU as psql's own reading does
  const bytes = await new Promise<number>((done, fail) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, path: '/export', method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' } }, (res) => {
      if (res.statusCode !== 200) fail(new Error(`export failed: HTTP ${res.statusCode}`));
      let n = 0;
      res.on('data', (b: Buffer) => (n += b.byteLength));
      res.on('end', () => done(n));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(JSON.stringify({ table: TABLE, columns: COLUMNS, format, limit: ROWS }));
  });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, rssMB(pid).rss);
  return { seconds, bytes, peakRssMB: +peak.toFixed(1) };
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

await ensureTable();
const proxy = await startProxy();
const pid = proxy.pid!;
const runs: Record<'psql' | 'csv' | 'arrow', Run[]> = { psql: [], csv: [], arrow: [] };
try {
  for (let rep = 0; rep < REPS; rep++) {
    for (const which of ['psql', 'csv', 'arrow'] as const) {
      const r = which === 'psql' ? await viaPsql() : await viaProxy(which, pid);
      runs[which].push(r);
      console.log(`rep ${rep} ${which.padEnd(5)} ${(ROWS / r.seconds).toFixed(0).padStart(8)} rows/s  ${(r.bytes / 1e6 / r.seconds).toFixed(1).padStart(6)} MB/s${r.peakRssMB ? `  peak RSS ${r.peakRssMB} MB` : ''}`);
    }
  }
} finally {
  proxy.kill('SIGTERM');
}
const summary = (rs: Run[]) => ({
  medianSeconds: +median(rs.map((r) => r.seconds)).toFixed(3),
  rowsPerSec: Math.round(ROWS / median(rs.map((r) => r.seconds))),
  mbPerSec: +(median(rs.map((r) => r.bytes / 1e6 / r.seconds))).toFixed(1),
  bytes: rs[0].bytes,
  ...(rs[0].peakRssMB !== undefined ? { peakRssMB: Math.max(...rs.map((r) => r.peakRssMB!)) } : {}),
});
const psql = summary(runs.psql);
const csv = summary(runs.csv);
const arrow = summary(runs.arrow);
const result = {
  bench: 'proxy-export',
  description: `export of ${ROWS.toLocaleString()} rows (${COLUMNS.length} columns) from the real local PostgreSQL: proxy CSV and Arrow vs psql \\copy CSV, interleaved reps, medians`,
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1), node: process.version },
  config: { rows: ROWS, reps: REPS, columns: COLUMNS },
  results: {
    psqlCopyCsv: psql,
    proxyCsv: { ...csv, ratioToPsqlCopy: +(psql.medianSeconds / csv.medianSeconds).toFixed(3) },
    proxyArrow: { ...arrow, ratioToPsqlCopy: +(psql.medianSeconds / arrow.medianSeconds).toFixed(3) },
    peakRssUnder250MB: Math.max(csv.peakRssMB ?? 0, arrow.peakRssMB ?? 0) < 250,
  },
};
mkdirSync(resolve(root, 'bench/results'), { recursive: true });
writeFileSync(resolve(root, 'bench/results/proxy-export.json'), JSON.stringify(result, null, 2));
console.log(JSON.stringify(result.results, null, 2));
