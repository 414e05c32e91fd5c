import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { parseArrow } from './parse-arrow';
import { checkedArrowBody } from './proxy-download';

const whole = tableToIPC(tableFromArrays({ id: Int32Array.from({ length: 1000 }, (_, i) => i) }), 'stream');

function body(bytes: Uint8Array, fail?: Error): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(c) {
      if (at < bytes.byteLength) {
        c.enqueue(bytes.slice(at, at + 512));
        at += 512;
      } else if (fail) c.error(fail);
      else c.close();
    },
  });
}

async function importArrow(bytes: Uint8Array, fail?: Error) {
  const b = checkedArrowBody('essays', body(bytes, fail));
  const raw = await parseArrow('essays', b.chunks).catch(async (e: unknown) => {
    await b.verify();
    throw e;
  });
  await b.verify();
  return raw;
}

describe('the studio refuses a cut-off Arrow export', () => {
  it('imports a whole stream', async () => {
    expect((await importArrow(whole)).rowCount).toBe(1000);
  });

  it('refuses a stream without its end-of-stream marker, even though its batches decode', async () => {
    await expect(importArrow(whole.slice(0, -8))).rejects.toThrow(`the export from essays was cut off after ${(whole.byteLength - 8).toLocaleString('en-US')} bytes: the stream ended without its end-of-stream marker`);
  });

  it('refuses a download that failed mid-way, naming the table and the bytes received', async () => {
    await expect(importArrow(whole.slice(0, 1024), new TypeError('terminated'))).rejects.toThrow('the export from essays was cut off after 1,024 bytes: terminated');
  });
});
