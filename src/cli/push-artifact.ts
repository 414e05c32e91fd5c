import { createHash } from 'node:crypto';
import type { PushArtifact } from '../team/api';

const MEDIA: Record<string, string> = { onnx: 'application/octet-stream', json: 'application/json', md: 'text/markdown', jsonl: 'application/x-ndjson', bin: 'application/octet-stream' };

/** A file as a run push carries it (the studio's pushArtifact, with Node's hashing). */
export function pushArtifactNode(name: string, bytes: Uint8Array): PushArtifact {
  return {
    name,
    mediaType: MEDIA[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    base64: Buffer.from(bytes).toString('base64'),
  };
}
