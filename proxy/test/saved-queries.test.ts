import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSavedQueries } from '../src/config';
import type { DbBackend } from '../src/db/backend';
import { testBackends } from './backends';
import { startProxy, TOKEN, type RunningProxy } from './harness';

/**
 * Issue 17 point 9: saved queries are validated one by one. A query that does not run, a name
 * that clashes with a table and a malformed config entry are each listed as broken with the
 * reason, refused on export with a 4xx naming them; the others list and export as before, and
 * the proxy starts.
 */
const backends = await testBackends();

interface ListedTable {
  name: string;
  kind: string;
  broken?: boolean;
  error?: string;
  columns: { name: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'kiln-saved-queries-'));
const configFile = join(dir, 'proxy.config.json');
writeFileSync(
  configFile,
  JSON.stringify({
    savedQueries: [
      { name: 'from_file_ok', sql: 'SELECT id, title FROM jobs WHERE remote' },
      { name: 'Bad-Name', sql: 'SELECT 1 AS one' },
      { name: 'deletes_things', sql: 'DELETE FROM jobs' },
      'not an object',
      { name: 'from_file_ok', sql: 'SELECT 2 AS two' },
    ],
  }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('malformed entries in a config file', () => {
  it('are kept with their problem instead of stopping the proxy', () => {
    const list = loadSavedQueries(configFile);
    expect(list.map((q) => [q.name, !!q.problem])).toEqual([
      ['from_file_ok', false],
      ['Bad-Name', true],
      ['deletes_things', true],
      ['#4', true],
      ['from_file_ok', true],
    ]);
    expect(list[1].problem).toMatch(/lower-case SQL identifier/);
    expect(list[2].problem).toMatch(/single SELECT/);
    expect(list[3].problem).toMatch(/entry 4 .* not an object/);
    expect(list[4].problem).toMatch(/comes earlier/);
  });

  it('a file that is not JSON stops the proxy with the file named', () => {
    const bad = join(dir, 'broken.json');
    writeFileSync(bad, '{ "savedQueries": [');
    expect(() => loadSavedQueries(bad)).toThrow(/broken\.json: not valid JSON/);
  });
});

describe.each(backends)('saved queries one by one on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;
  let tables: ListedTable[];
  const byName = (name: string) => tables.find((t) => t.name === name);

  beforeAll(async () => {
    db = await backend.start();
    proxy = await startProxy(db, {
      savedQueries: [
        { name: 'works', sql: 'SELECT grade, count(*)::int AS n FROM essays GROUP BY grade' },
        { name: 'missing_table', sql: 'SELECT * FROM no_such_table_here' },
        { name: 'bad_column', sql: 'SELECT no_such_column FROM jobs' },
        { name: 'twice_named', sql: 'SELECT id AS x, title AS x FROM jobs' },
        { name: 'jobs', sql: 'SELECT 1 AS one' },
        ...loadSavedQueries(configFile),
      ],
    });
    const res = await fetch(`${proxy.base}/tables`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    tables = ((await res.json()) as { tables: ListedTable[] }).tables;
  }, 120_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  it('lists a broken saved query as broken, with its error and no columns', () => {
    const missing = byName('missing_table')!;
    expect(missing).toMatchObject({ kind: 'saved_query', broken: true, columns: [] });
    expect(missing.error).toMatch(/saved query "missing_table" does not run: .*no_such_table_here/);
    expect(byName('bad_column')!.error).toMatch(/no_such_column/);
    expect(byName('twice_named')!.error).toMatch(/"x" appears more than once/);
  });

  it('keeps a table whose name a saved query reuses, and lists the saved query as broken beside it', () => {
    expect(byName('jobs')!.kind).toBe('table');
    expect(byName('jobs')!.broken).toBeUndefined();
    expect(byName('jobs (saved query)')).toMatchObject({ kind: 'saved_query', broken: true });
  });

  it('lists malformed config entries as broken and the good entry of the same file as working', () => {
    expect(byName('from_file_ok')).toMatchObject({ kind: 'saved_query', columns: [{ name: 'id' }, { name: 'title' }] });
    expect(byName('from_file_ok')!.broken).toBeUndefined();
    for (const name of ['Bad-Name', 'deletes_things', '#4']) expect(byName(name), name).toMatchObject({ broken: true });
  });

  it('refuses to export a broken saved query with a 4xx naming it', async () => {
    for (const table of ['missing_table', 'deletes_things']) {
      const res = await proxy.post({ table, format: 'jsonl' });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('saved_query_broken');
      expect(body.error.message).toContain(`"${table}"`);
    }
  });

  it('exports the working saved queries and the tables as before', async () => {
    const res = await proxy.post({ table: 'works', format: 'jsonl' });
    expect(res.status).toBe(200);
    const rows = (await res.text()).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { n: number });
    expect(rows.reduce((a, r) => a + r.n, 0)).toBe(1500);
    const jobs = await proxy.post({ table: 'from_file_ok', format: 'csv', limit: 3 });
    expect(jobs.status).toBe(200);
    expect((await jobs.text()).startsWith('id,title\n')).toBe(true);
  });
});
