import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { testBackends } from './backends';
import { startProxy, TOKEN, type RunningProxy } from './harness';

const backends = await testBackends();

/**
 * Filters compare with the column's own semantics: the filter value is cast to the base type
 * without its length/precision modifier, never to `character` / `bit` (length 1).
 */
describe.each(backends)('filters on typed columns on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;

  beforeAll(async () => {
    db = await backend.start();
    const c = await db.pool.connect();
    try {
      await c.query(`CREATE DOMAIN kiln_vf_code AS character(4)`);
      await c.query(`CREATE TABLE kiln_vf (id integer, ch character(5), b3 bit(3), vc character varying(3), num numeric(10,2),
                     ids bigint[], chs character(5)[], bits bit(3)[], code kiln_vf_code, ts timestamp(0))`);
      await c.query(`INSERT INTO kiln_vf VALUES
        (1, 'a', B'100', 'abc', 1.01, '{9223372036854775807}', '{a}', '{100}', 'ab', '2020-01-01 00:00:01'),
        (2, 'apple', B'101', 'abd', 2.50, '{9223372036854775806,1}', '{apple}', '{101}', 'abcd', '2020-01-01 00:00:02'),
        (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    } finally {
      c.release();
    }
    proxy = await startProxy(db);
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  const ids = async (filters: unknown[]): Promise<number[]> => {
    const res = await proxy.post({ table: 'kiln_vf', columns: ['id'], filters, orderBy: [{ column: 'id' }], format: 'jsonl' });
    const body = await res.text();
    expect(res.status, body.slice(0, 300)).toBe(200);
    return body
      .split('\n')
      .filter((l) => l.startsWith('{"id"'))
      .map((l) => (JSON.parse(l) as { id: number }).id);
  };

  it("char(n) = 'apple' matches only 'apple', and a longer value matches nothing (no truncation)", async () => {
    expect(await ids([{ column: 'ch', op: '=', value: 'apple' }])).toEqual([2]);
    expect(await ids([{ column: 'ch', op: '=', value: 'a' }])).toEqual([1]);
    expect(await ids([{ column: 'ch', op: '=', value: 'apple!' }])).toEqual([]);
    expect(await ids([{ column: 'ch', op: 'in', value: ['apple', 'zzz'] }])).toEqual([2]);
    expect(await ids([{ column: 'ch', op: 'like', value: 'app%' }])).toEqual([2]);
    expect(await ids([{ column: 'code', op: '=', value: 'abcd' }])).toEqual([2]);
  });

  it("bit(n) = '101' matches, and comparisons keep bit order", async () => {
    expect(await ids([{ column: 'b3', op: '=', value: '101' }])).toEqual([2]);
    expect(await ids([{ column: 'b3', op: '!=', value: '101' }])).toEqual([1]);
    expect(await ids([{ column: 'b3', op: 'in', value: ['100', '111'] }])).toEqual([1]);
  });

  it('varchar(n), numeric(p,s) and timestamp(0) compare the value as sent, not cut or rounded to the modifier', async () => {
    expect(await ids([{ column: 'vc', op: '=', value: 'abcz' }])).toEqual([]);
    expect(await ids([{ column: 'num', op: '=', value: '1.005' }])).toEqual([]);
    expect(await ids([{ column: 'num', op: '=', value: 1.01 }])).toEqual([1]);
    expect(await ids([{ column: 'ts', op: '=', value: '2020-01-01 00:00:01.4' }])).toEqual([]);
    expect(await ids([{ column: 'ts', op: '>=', value: '2020-01-01 00:00:01.6' }])).toEqual([2]);
  });

  it('contains keeps a one-element bigint list exact (not unwrapped into a rounded number)', async () => {
    expect(await ids([{ column: 'ids', op: 'contains', value: ['9223372036854775807'] }])).toEqual([1]);
  });

  it('refuses integers past 2^53 sent as JSON numbers: they arrive already rounded', async () => {
    // raw JSON text: the number as a client would send it
    const body = '{"table":"kiln_vf","filters":[{"column":"ids","op":"contains","value":[9223372036854775807,1]}],"format":"jsonl"}';
    const res = await fetch(`${proxy.base}/export`, { method: 'POST', headers: { 'content-type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/as a string/);
  });

  it('contains works on bigint[], char(n)[] and bit(n)[]', async () => {
    expect(await ids([{ column: 'ids', op: 'contains', value: ['9223372036854775806', '1'] }])).toEqual([2]);
    expect(await ids([{ column: 'chs', op: 'contains', value: ['apple'] }])).toEqual([2]);
    expect(await ids([{ column: 'bits', op: 'contains', value: ['101'] }])).toEqual([2]);
  });
});
