import { MessageHeader, MessageReader, tableFromIPC } from 'apache-arrow';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbBackend } from '../src/db/backend';
import { BinaryCopyToArrow } from '../src/export/binary-copy-arrow';
import { columnType } from '../src/export/pg-types';
import { testBackends } from './backends';
import { startProxy, type RunningProxy } from './harness';

const backends = await testBackends();
const WIDE_ROWS = 400;
const WIDE_BYTES = 30_000;
const BIG_BYTES = 12 << 20;
/** the proxy's record-batch byte budget (binary-copy-arrow.ts DEFAULT_BATCH_BYTES) plus one row's slack */
const BATCH_BOUND = (8 << 20) + WIDE_BYTES + 4096;

/** body length of every record batch message in an Arrow IPC stream */
function batchBodies(bytes: Uint8Array): number[] {
  const out: number[] = [];
  const reader = new MessageReader(bytes);
  for (let r = reader.next(); !r.done; r = reader.next()) {
    const msg = r.value;
    if (msg.headerType === MessageHeader.RecordBatch) out.push(msg.bodyLength);
    reader.readMessageBody(msg.bodyLength);
  }
  return out;
}

describe.each(backends)('wide rows and large values on $name', (backend) => {
  let db: DbBackend;
  let proxy: RunningProxy;
  let bigMd5 = '';

  beforeAll(async () => {
    db = await backend.start();
    const c = await db.pool.connect();
    try {
      await c.query(`CREATE TABLE kiln_wide (id integer, doc text)`);
      await c.query(`INSERT INTO kiln_wide SELECT g, lpad(g::text, ${WIDE_BYTES}, 'x') FROM generate_series(1, ${WIDE_ROWS}) g`);
      await c.query(`CREATE TABLE kiln_big (id integer, doc text)`);
      await c.query(`INSERT INTO kiln_big SELECT 1, repeat('0123456789abcdef', ${BIG_BYTES / 16}) || 'end'`);
      bigMd5 = (await c.query<{ m: string }>(`SELECT md5(doc) AS m FROM kiln_big`)).rows[0].m;
    } finally {
      c.release();
    }
    proxy = await startProxy(db);
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await db?.close();
  });

  it('ends an Arrow record batch on its byte budget, not only at 32,768 rows', async () => {
    const res = await proxy.post({ table: 'kiln_wide', format: 'arrow', orderBy: [{ column: 'id' }] });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const bodies = batchBodies(bytes);
    expect(bodies.length).toBeGreaterThan(1);
    for (const b of bodies) expect(b).toBeLessThanOrEqual(BATCH_BOUND);
    const t = tableFromIPC(bytes);
    expect(t.numRows).toBe(WIDE_ROWS);
    const docs = t.getChild('doc')!.toArray() as string[];
    expect(docs.every((d, i) => d.length === WIDE_BYTES && d.endsWith(String(i + 1)))).toBe(true);
  });

  it('exports one 12 MiB value intact as Arrow and as JSON Lines', async () => {
    const arrow = await proxy.post({ table: 'kiln_big', format: 'arrow' });
    expect(arrow.status).toBe(200);
    const doc = tableFromIPC(new Uint8Array(await arrow.arrayBuffer())).getChild('doc')!.get(0) as string;
    expect(createHash('md5').update(doc).digest('hex')).toBe(bigMd5);
    const jsonl = await proxy.post({ table: 'kiln_big', format: 'jsonl' });
    expect(jsonl.status).toBe(200);
    const line = (await jsonl.text()).split('\n')[0];
    expect(createHash('md5').update((JSON.parse(line) as { doc: string }).doc).digest('hex')).toBe(bigMd5);
  });
});

/** Binary COPY bytes for rows of (int4, text), as PostgreSQL writes them. */
function binaryCopy(rows: [number, string | null][]): Buffer {
  const parts = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const [n, s] of rows) {
    const head = Buffer.alloc(10);
    head.writeInt16BE(2, 0);
    head.writeInt32BE(4, 2);
    head.writeInt32BE(n, 6);
    parts.push(head);
    const text = s === null ? null : Buffer.from(s);
    const len = Buffer.alloc(4);
    len.writeInt32BE(text ? text.length : -1);
    parts.push(len, ...(text ? [text] : []));
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

describe('binary COPY framing', () => {
  const columns = [
    { name: 'n', type: columnType('integer', 'int4', null) },
    { name: 's', type: columnType('text', 'text', null) },
  ];
  const rows: [number, string | null][] = [
    [1, 'short'],
    [2, null],
    [3, 'y'.repeat(3 << 20)],
    [4, ''],
    [5, 'é'.repeat(1000)],
  ];
  const decode = (chunks: Buffer[]) => {
    const enc = new BinaryCopyToArrow(columns, 'int64', 32_768, 1 << 20);
    const out = [...chunks.map((c) => enc.push(c)), enc.end()];
    const bytes = Buffer.concat(out);
    const t = tableFromIPC(bytes);
    return { rows: Array.from({ length: t.numRows }, (_, i) => [t.getChild('n')!.get(i), t.getChild('s')!.get(i)]), bodies: batchBodies(bytes) };
  };

  it('decodes the same whatever the chunking (tuples and values split anywhere)', () => {
    const bytes = binaryCopy(rows);
    const whole = decode([bytes]);
    expect(whole.rows).toEqual(rows);
    for (const size of [1, 7, 4096, 65_536]) {
      const chunks: Buffer[] = [];
      // 1-byte chunks over the big value would take long to feed: small chunks around it, then big ones
      for (let p = 0; p < bytes.length; p += p > 64 && p < bytes.length - 4096 ? 65_536 : size) chunks.push(bytes.subarray(p, Math.min(bytes.length, p + (p > 64 && p < bytes.length - 4096 ? 65_536 : size))));
      expect(decode(chunks).rows).toEqual(rows);
    }
  });

  it('keeps each record batch within its byte budget plus one row', () => {
    const { bodies } = decode([binaryCopy(rows)]);
    expect(bodies.length).toBeGreaterThanOrEqual(3);
    for (const b of bodies) expect(b).toBeLessThanOrEqual((3 << 20) + 4096);
  });
});
