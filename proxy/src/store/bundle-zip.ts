import { Zip, ZipPassThrough } from 'fflate';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import type pg from 'pg';
import { artifactChunks } from './artifacts';
import { read } from './store-db';
import { sha256 } from './migrate';

/** A fixed time in every served zip: the same files make the same bytes. */
const ZIP_MTIME = new Date('2020-01-01T00:00:00Z');

interface Member {
  id: string;
  name: string;
  sha256: string;
}

async function members(pool: pg.Pool, runId: string): Promise<Member[]> {
  return read<Member>(pool, 'SELECT id, name, sha256 FROM kiln.artifacts WHERE run_id = $1 ORDER BY name', [runId]);
}

/**
 * A run's artifacts as one zip, streamed: each file is stored (ModelProto and JSON compress
 * little, and storing keeps the bytes a function of the files alone) and read one 1 MiB chunk at a
 * time, so the server holds one chunk whatever the bundle's size. The ETag is known before any
 * byte is read: a digest of the members' names and sha256s, which fix the zip's bytes.
 */
export async function bundleZip(pool: pg.Pool, runId: string): Promise<{ etag: string; stream: () => Readable }> {
  const files = await members(pool, runId);
  const etag = `"zip1-${sha256(files.map((f) => `${f.name}\n${f.sha256}\n`).join(''))}"`;
  const stream = () => {
    const out = new PassThrough();
    const zip = new Zip((err, data, final) => {
      if (err) out.destroy(err);
      else {
        out.write(data);
        if (final) out.end();
      }
    });
    void (async () => {
      try {
        for (const f of files) {
          const entry = new ZipPassThrough(f.name);
          entry.mtime = ZIP_MTIME;
          zip.add(entry);
          for await (const chunk of artifactChunks(pool, f.id)) {
            entry.push(chunk);
            if (out.writableNeedDrain) await once(out, 'drain');
            if (out.destroyed) return;
          }
          entry.push(new Uint8Array(0), true);
        }
        zip.end();
      } catch (e) {
        out.destroy(e as Error);
      }
    })();
    return out;
  };
  return { etag, stream };
}
