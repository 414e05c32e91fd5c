import { Readable } from 'node:stream';
import type pg from 'pg';
import type { ArtifactInfo } from '../../../src/team/api';
import { read } from './store-db';

/** Artifact bytes are stored in 1 MiB rows and read back one row at a time. */
export const CHUNK_BYTES = 1 << 20;

export async function writeArtifact(c: pg.PoolClient, runId: string, a: ArtifactInfo, bytes: Buffer, afterChunk?: (seq: number) => void): Promise<void> {
  const { rows } = await c.query<{ id: string }>('INSERT INTO kiln.artifacts (run_id, name, size, sha256, media_type) VALUES ($1, $2, $3, $4, $5) RETURNING id', [runId, a.name, a.size, a.sha256, a.mediaType]);
  for (let seq = 0, at = 0; at < bytes.byteLength || seq === 0; seq++, at += CHUNK_BYTES) {
    await c.query('INSERT INTO kiln.artifact_chunks (artifact_id, seq, data) VALUES ($1, $2, $3)', [rows[0].id, seq, bytes.subarray(at, at + CHUNK_BYTES)]);
    afterChunk?.(seq);
  }
}

export interface StoredArtifact extends ArtifactInfo {
  id: string;
}

export async function findArtifact(pool: pg.Pool, runId: string, name: string): Promise<StoredArtifact | null> {
  const rows = await read<{ id: string; name: string; size: string; sha256: string; media_type: string }>(pool, 'SELECT id, name, size, sha256, media_type FROM kiln.artifacts WHERE run_id = $1 AND name = $2', [runId, name]);
  const r = rows[0];
  return r ? { id: r.id, name: r.name, size: Number(r.size), sha256: r.sha256, mediaType: r.media_type } : null;
}

/** An artifact's chunks in order, one query each, so memory holds one chunk whatever the artifact's size. */
export async function* artifactChunks(pool: pg.Pool, artifactId: string): AsyncGenerator<Buffer> {
  for (let seq = 0; ; seq++) {
    const rows = await read<{ data: Buffer }>(pool, 'SELECT data FROM kiln.artifact_chunks WHERE artifact_id = $1 AND seq = $2', [artifactId, seq]);
    if (!rows.length) return;
    yield rows[0].data;
  }
}

export const artifactStream = (pool: pg.Pool, artifactId: string): Readable => Readable.from(artifactChunks(pool, artifactId));
