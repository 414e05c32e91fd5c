/** Arrow IPC's end-of-stream marker: continuation 0xFFFFFFFF, then a zero metadata length. */
const ARROW_EOS = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];

/**
 * The body of an Arrow export, passed through as it downloads, that throws when the export was
 * cut off: a read error (the proxy destroys the connection without ending the chunked body
 * when anything fails after the first byte) or a stream without Arrow's end-of-stream marker.
 * Call `verify()` after the reader is done with it: the reader may stop at the marker.
 */
export function checkedArrowBody(table: string, body: ReadableStream<Uint8Array>, onBytes?: (n: number) => void): { chunks: AsyncGenerator<Uint8Array>; verify: () => Promise<void> } {
  const reader = body.getReader();
  let bytes = 0;
  let tail = new Uint8Array(0);
  let ended = false;
  const cutOff = (why: string) => new Error(`the export from ${table} was cut off after ${bytes.toLocaleString('en-US')} bytes: ${why}; nothing was imported, try again`);
  const next = async (): Promise<Uint8Array | null> => {
    let r: ReadableStreamReadResult<Uint8Array>;
    try {
      r = await reader.read();
    } catch (e) {
      throw cutOff(e instanceof Error ? e.message : String(e));
    }
    if (r.done) {
      ended = true;
      return null;
    }
    bytes += r.value.byteLength;
    const joined = new Uint8Array(tail.byteLength + r.value.byteLength);
    joined.set(tail);
    joined.set(r.value, tail.byteLength);
    tail = joined.slice(-8);
    onBytes?.(bytes);
    return r.value;
  };
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (let c = await next(); c !== null; c = await next()) yield c;
  }
  const verify = async () => {
    while (!ended) await next();
    if (tail.byteLength < 8 || ARROW_EOS.some((b, i) => tail[i] !== b)) throw cutOff('the stream ended without its end-of-stream marker');
  };
  return { chunks: chunks(), verify };
}
