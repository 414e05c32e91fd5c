import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSavedQueries } from '../src/config';
import type { DbBackend } from '../src/db/backend';
import { DEMO_COUNTS } from '../src/demo/generate';
import { buildServer, type ProxyServer } from '../src/server';
import { testBackends } from './backends';
import { proxyTestConfig, TOKEN } from './harness';
import { stalledClient } from './lifecycle-helpers';
import { canonFromJson, canonFromText, decodeArrow, decodeCsv, type ColKind } from './decode';

const backends = await testBackends();
const PRIMARY_KEYS: Record<string, string[]> = {
  candidates: ['id'],
  jobs: ['id'],
  candidate_job_scores: ['candidate_id', 'job_id'],
  essays: ['id'],
  pairwise_preferences: ['id'],
};

describe.each(backends)('export proxy on $name', (backend) => {
  let db: DbBackend;
  let server: ProxyServer;
  let base: string;
  let tables: { name: string; kind: string; approxRows: number | null; columns: (ColKind & { pgType: string })[] }[];

  const auth = { Authorization: `Bearer ${TOKEN}` };
  const post = (body: unknown, headers: Record<string, string> = auth) =>
    fetch(`${base}/export`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const health = async () => (await (await fetch(`${base}/health`)).json()) as { backend: string; activeExports: number; pool: { idle: number; total: number } };
  const expectError = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    return body.error.message;
  };

  beforeAll(async () => {
    db = await backend.start();
    const config = proxyTestConfig({
      maxConcurrentExports: 2,
      statementTimeoutMs: 10_000,
      savedQueries: [
        ...loadSavedQueries(resolve(import.meta.dirname, '../demo.config.json')),
        // ~40 MB of CSV: more than socket buffers hold, so a paused client really holds its export open
        { name: 'big_series', sql: "SELECT g AS n, repeat('x', 200) AS pad FROM generate_series(1, 200000) AS g" },
      ],
    });
    server = await buildServer(config, db);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
    tables = ((await (await fetch(`${base}/tables`, { headers: auth })).json()) as { tables: typeof tables }).tables;
  }, 120_000);

  afterAll(async () => {
    await server?.app.close();
    await db?.close();
  });

  it('reports its backend on /health without a token', async () => {
    const h = await health();
    expect(h.backend).toBe(backend.name);
  });

  it('lists tables with Postgres types and approximate counts, and saved queries', () => {
    const byName = new Map(tables.map((t) => [t.name, t]));
    for (const [name, count] of Object.entries(DEMO_COUNTS)) expect(byName.get(name)?.approxRows).toBe(count);
    const cand = byName.get('candidates')!;
    expect(cand.columns.map((c) => `${c.name}:${c.pgType}`)).toEqual([
      'id:bigint',
      'name:text',
      'email:text',
      'skills:text[]',
      'work_history:jsonb',
      'years_experience:numeric(4,1)',
      'last_login:timestamp without time zone',
      'created_at:timestamp with time zone',
      'skills_text:text',
      'education:text',
    ]);
    expect(byName.get('jobs')!.columns.map((c) => c.name).slice(-3)).toEqual(['required_skills_text', 'experience_text', 'education_requirement']);
    expect(byName.get('essay_grade_summary')?.kind).toBe('saved_query');
    expect(byName.get('labeled_scores')?.columns.map((c) => c.name)).toContain('job_title');
  });

  describe.each(Object.keys(PRIMARY_KEYS))('round trip of %s', (table) => {
    let expected: unknown[][];
    let cols: ColKind[];
    const orderBy = () => PRIMARY_KEYS[table].map((column) => ({ column }));

    beforeAll(async () => {
      cols = tables.find((t) => t.name === table)!.columns;
      const client = await db.pool.connect();
      try {
        await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1");
        const res = await client.query({ text: `SELECT * FROM ${table} ORDER BY ${PRIMARY_KEYS[table].join(', ')}`, rowMode: 'array' });
        expected = res.rows.map((r: (string | null)[]) => r.map((v, i) => canonFromText(cols[i], v)));
      } finally {
        client.release();
      }
      expect(expected.length).toBe(DEMO_COUNTS[table as keyof typeof DEMO_COUNTS]);
    });

    it('arrow decodes to the same values, NULLs included', async () => {
      const res = await post({ table, format: 'arrow', orderBy: orderBy() });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
      const out = decodeArrow(new Uint8Array(await res.arrayBuffer()), cols);
      expect(out.names).toEqual(cols.map((c) => c.name));
      expect(out.pgTypes).toEqual(tables.find((t) => t.name === table)!.columns.map((c) => c.pgType));
      expect(out.rows).toEqual(expected);
    });

    it('csv decodes to the same values, NULL distinct from the empty string', async () => {
      const res = await post({ table, format: 'csv', orderBy: orderBy() });
      expect(res.status).toBe(200);
      const { header, rows } = decodeCsv(await res.text());
      expect(header).toEqual(cols.map((c) => c.name));
      expect(rows.map((r) => r.map((v, i) => canonFromText(cols[i], v)))).toEqual(expected);
    });

    it('jsonl decodes to the same values, int8 beyond 2^53 intact', async () => {
      const res = await post({ table, format: 'jsonl', orderBy: orderBy() });
      expect(res.status).toBe(200);
      const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.map((o) => cols.map((c) => canonFromJson(c, o[c.name])))).toEqual(expected);
    });
  });

  it('applies column choice, filters, order and limit', async () => {
    const res = await post({
      table: 'essays',
      format: 'jsonl',
      columns: ['id', 'grade', 'word_count'],
      filters: [
        { column: 'grade', op: 'in', value: ['A', 'B'] },
        { column: 'word_count', op: '>=', value: 300 },
        { column: 'vocabulary_richness', op: 'not_null' },
      ],
      orderBy: [{ column: 'word_count', direction: 'desc' }],
      limit: 25,
    });
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: number; grade: string; word_count: number });
    expect(rows).toHaveLength(25);
    expect(Object.keys(rows[0])).toEqual(['id', 'grade', 'word_count']);
    expect(rows.every((r) => ['A', 'B'].includes(r.grade) && r.word_count >= 300)).toBe(true);
    expect(rows.map((r) => r.word_count)).toEqual([...rows.map((r) => r.word_count)].sort((a, b) => b - a));
    const arr = await post({ table: 'candidates', format: 'jsonl', columns: ['skills'], filters: [{ column: 'skills', op: 'contains', value: ['sql', 'python'] }], limit: 50 });
    const skills = (await arr.text()).trim().split('\n').map((l) => (JSON.parse(l) as { skills: string[] }).skills);
    expect(skills.length).toBeGreaterThan(0);
    expect(skills.every((s) => s.includes('sql') && s.includes('python'))).toBe(true);
  });

  it('exports a saved query like a table', async () => {
    const res = await post({ table: 'essay_grade_summary', format: 'jsonl', orderBy: [{ column: 'grade' }] });
    const rows = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { essays: number });
    expect(rows.reduce((a, r) => a + r.essays, 0)).toBe(DEMO_COUNTS.essays);
  });

  describe('bad input gets a 4xx JSON error and the server keeps serving', () => {
    it('missing or wrong token', async () => {
      await expectError(await post({ table: 'essays', format: 'csv' }, {}), 401, 'unauthorized');
      await expectError(await post({ table: 'essays', format: 'csv' }, { Authorization: `Bearer ${TOKEN}x` }), 401, 'unauthorized');
      await expectError(await fetch(`${base}/tables`, { headers: { Authorization: 'Basic abc' } }), 401, 'unauthorized');
    });

    it('unknown table and unknown column', async () => {
      await expectError(await post({ table: 'salaries', format: 'csv' }), 404, 'unknown_table');
      await expectError(await post({ table: 'essays', format: 'csv', columns: ['id', 'password'] }), 400, 'unknown_column');
    });

    const injections = ['essays"; DROP TABLE essays; --', "essays' OR 1=1 --", 'essays/**/', 'ess\u0000ays', 'essays\u037e DROP TABLE jobs', 'pg_catalog.pg_authid', '"essays"'];
    it.each(injections)('injection in table: %j', async (table) => {
      await expectError(await post({ table, format: 'csv' }), 404, 'unknown_table');
    });
    it.each(injections.map((s) => s.replace('essays', 'grade')))('injection in column, filter column and orderBy: %j', async (col) => {
      await expectError(await post({ table: 'essays', format: 'csv', columns: [col] }), 400, 'unknown_column');
      await expectError(await post({ table: 'essays', format: 'csv', filters: [{ column: col, op: '=', value: 'A' }] }), 400, 'unknown_column');
      await expectError(await post({ table: 'essays', format: 'csv', orderBy: [{ column: col }] }), 400, 'unknown_column');
    });
    it('injection in filter values is data, never SQL', async () => {
      for (const value of ["A'; DROP TABLE essays; --", 'A" OR "1"="1', "' OR 1=1 --", 'A/* */', 'Ａ\u2019 OR 1=1']) {
        const res = await post({ table: 'essays', format: 'jsonl', filters: [{ column: 'grade', op: '=', value }] });
        expect(res.status).toBe(200);
        expect(await res.text()).toBe('');
      }
      await expectError(await post({ table: 'essays', format: 'csv', filters: [{ column: 'word_count', op: '=', value: '1; DROP TABLE essays' }] }), 400, 'query_failed');
    });
    it('invalid ops, direction and filter shapes', async () => {
      await expectError(await post({ table: 'essays', format: 'csv', filters: [{ column: 'grade', op: '= 1 OR', value: 'A' }] }), 400, 'bad_request');
      await expectError(await post({ table: 'essays', format: 'csv', orderBy: [{ column: 'id', direction: 'desc; DROP TABLE essays' }] }), 400, 'bad_request');
      await expectError(await post({ table: 'essays', format: 'csv', filters: [{ column: 'grade', op: 'in', value: 'A' }] }), 400, 'bad_filter');
      await expectError(await post({ table: 'essays', format: 'csv', filters: [{ column: 'word_count', op: 'like', value: '1%' }] }), 400, 'bad_filter');
    });
    it('a limit over the cap', async () => {
      await expectError(await post({ table: 'essays', format: 'csv', limit: 1_000_001 }), 400, 'limit_over_cap');
    });
    it('malformed bodies', async () => {
      await expectError(await post('{"table": "essays", "format": '), 400, 'bad_request');
      await expectError(await post({ table: 'essays', format: 'xlsx' }), 400, 'bad_request');
      await expectError(await post({ table: 'essays', format: 'csv', sql: 'SELECT 1' }), 400, 'bad_request');
      await expectError(await post({ format: 'csv' }), 400, 'bad_request');
      await expectError(await post({ table: 'essays', format: 'csv', limit: -1 }), 400, 'bad_request');
    });

    const inUse = async () => {
      const h = await health();
      return h.pool.total - h.pool.idle;
    };

    it('a client that disconnects mid-stream leaks no connection', async () => {
      await expect.poll(inUse, { timeout: 10_000 }).toBe(0);
      const before = await health();
      const port = new URL(base).port;
      await new Promise<void>((done, fail) => {
        const req = http.request({ host: '127.0.0.1', port, path: '/export', method: 'POST', headers: { ...auth, 'content-type': 'application/json' } }, (res) => {
          expect(res.statusCode).toBe(200);
          res.once('data', () => {
            req.destroy();
            done();
          });
        });
        req.on('error', (e) => (e.message.includes('socket hang up') || e.message.includes('aborted') ? done() : fail(e)));
        req.end(JSON.stringify({ table: 'big_series', format: 'csv' }));
      });
      await expect.poll(async () => (await health()).activeExports, { timeout: 10_000 }).toBe(0);
      await expect.poll(async () => (await health()).pool.idle, { timeout: 10_000 }).toBe(before.pool.idle);
      expect(await inUse()).toBe(0);
      // and it still serves
      const res = await post({ table: 'jobs', format: 'csv', limit: 1 });
      expect(res.status).toBe(200);
    });

    it('caps concurrent exports with 429', async () => {
      const port = Number(new URL(base).port);
      const big = { table: 'big_series', format: 'csv' };
      // two clients that stop reading hold both export slots. A held export refused for another
      // reason (say the database refusing a connection on a loaded machine) fails the test with
      // its own status and body instead of reading as "the cap never filled"
      const first = stalledClient(port, big, auth);
      expect(await first.started, first.refusal()).toBe(200);
      // the second streams too, or on the one-connection embedded database waits for the
      // connection, and counts against the cap either way
      const second = stalledClient(port, big, auth);
      let secondStatus: number | string | undefined;
      second.started.then((s) => (secondStatus = s), (e: Error) => (secondStatus = e.message));
      const open = [first.request, second.request];
      await expect
        .poll(async () => {
          expect(secondStatus === undefined || secondStatus === 200, `${secondStatus}: ${second.refusal()}`).toBe(true);
          return (await health()).activeExports;
        }, { timeout: 30_000 })
        .toBe(2);
      await expectError(await post({ table: 'jobs', format: 'csv' }), 429, 'too_many_exports');
      open.forEach((r) => r.destroy());
      await expect.poll(async () => (await health()).activeExports, { timeout: 20_000 }).toBe(0);
      await expect.poll(inUse, { timeout: 10_000 }).toBe(0);
    });
  });

  afterAll(async () => {
    // after every injection attempt, every demo table still holds all its rows
    const client = await db.pool.connect();
    try {
      for (const [name, count] of Object.entries(DEMO_COUNTS)) {
        const r = await client.query(`SELECT count(*) AS n FROM ${name}`);
        expect(Number(r.rows[0].n)).toBe(count);
      }
    } finally {
      client.release();
    }
  });
});
