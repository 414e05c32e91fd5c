import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { testBackends } from './backends';
import { decodeCsv } from './decode';
import { startProxy, type RunningProxy } from './harness';
import { parseLossless, type LosslessJson } from './lossless-json';
import { SETUP_SQL, TYPE_CASES, type TypeCase } from './type-matrix-cases';
import { decodeArrowColumns, expectArrow, expectJson, kindOf } from './type-expect';

const backends = await testBackends();
const TABLE = 'kiln_tm_matrix';

/**
 * Every case's values exported as Arrow, CSV and JSON Lines, each value compared with the text
 * PostgreSQL itself prints for it (a SELECT in a session set up as exports are: UTC, ISO dates).
 */
describe.each(backends)('type matrix on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;
  let cases: TypeCase[] = [];
  const skipped: string[] = [];
  /** PostgreSQL's text output, by column, in id order */
  const text = new Map<string, (string | null)[]>();
  const rows = Math.max(...TYPE_CASES.map((c) => c.values.length)) + 1;

  beforeAll(async () => {
    db = await backend.start();
    const client = await db.pool.connect();
    try {
      for (const sql of SETUP_SQL) await client.query(sql).catch(() => undefined);
      await client.query(`CREATE TABLE ${TABLE} (id integer PRIMARY KEY)`);
      for (const c of TYPE_CASES) {
        try {
          await client.query(`ALTER TABLE ${TABLE} ADD COLUMN ${c.col} ${c.type}`);
          cases.push(c);
        } catch (e) {
          skipped.push(`${c.type} (${(e as Error).message})`);
        }
      }
      for (let r = 0; r < rows; r++) {
        const vals = cases.map((c) => c.values[r] ?? null);
        await client.query(`INSERT INTO ${TABLE} (id, ${cases.map((c) => c.col).join(', ')}) VALUES ($1, ${cases.map((c, i) => `$${i + 2}::text::${c.type}`).join(', ')})`, [r, ...vals]);
      }
      await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1");
      const res = await client.query<Record<string, string | null>>(`SELECT * FROM ${TABLE} ORDER BY id`);
      for (const c of cases) text.set(c.col, res.rows.map((row) => row[c.col]));
      await client.query('RESET ALL');
    } finally {
      client.release();
    }
    cases = cases.filter((c) => text.has(c.col));
    if (skipped.length) console.log(`type matrix on ${backend.name} skips types it lacks: ${skipped.join('; ')}`);
    proxy = await startProxy(db);
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  const request = (format: string) => ({ table: TABLE, columns: ['id', ...cases.map((c) => c.col)], orderBy: [{ column: 'id' }], format });

  it('covers at least 40 types (skipping only types this database lacks)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(backend.name === 'postgres' ? TYPE_CASES.length : 40);
  });

  it('Arrow carries every value as PostgreSQL prints it', async () => {
    const res = await proxy.post(request('arrow'));
    expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
    const arrow = decodeArrowColumns(new Uint8Array(await res.arrayBuffer()));
    const problems: string[] = [];
    for (const c of cases) {
      const { kind, dims } = kindOf(c.type);
      const expected = text.get(c.col)!.map((t) => expectArrow(kind, t, dims));
      const got = arrow.column(c.col);
      if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${c.col} ${c.type}: got ${JSON.stringify(got)}, want ${JSON.stringify(expected)}`);
    }
    expect(problems).toEqual([]);
    // a domain is its base type; oid is a 4-byte unsigned integer
    const typeOf = (col: string) => arrow.types[arrow.names.indexOf(col)];
    if (text.has('dom_int')) expect(typeOf('dom_int')).toBe('Int32');
    expect(typeOf('oid_')).toBe('Uint32');
    expect(typeOf('a2_i4')).toBe('List<List<Int32>>');
    expect(arrow.pgTypes[arrow.names.indexOf('ch')]).toBe('character(5)');
  });

  it('CSV carries every value as PostgreSQL prints it', async () => {
    const res = await proxy.post(request('csv'));
    expect(res.status).toBe(200);
    const csv = decodeCsv(await res.text());
    const problems: string[] = [];
    cases.forEach((c, k) => {
      const got = csv.rows.map((r) => r[k + 1]);
      const want = text.get(c.col)!;
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${c.col} ${c.type}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    });
    expect(problems).toEqual([]);
  });

  it('JSON Lines carries every value exactly (lossless numbers, ISO dates of any year)', async () => {
    const res = await proxy.post(request('jsonl'));
    expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
    const lines = (await res.text()).split('\n').filter((l) => l.startsWith('{'));
    expect(lines).toHaveLength(rows);
    const objs = lines.map((l) => new Map((parseLossless(l) as { obj: [string, LosslessJson][] }).obj));
    const problems: string[] = [];
    for (const c of cases) {
      const { kind, dims } = kindOf(c.type);
      const want = text.get(c.col)!.map((t) => expectJson(kind, t, dims));
      const got = objs.map((o) => o.get(c.col));
      if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${c.col} ${c.type}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    }
    expect(problems).toEqual([]);
  });
});
