import { createHash } from 'node:crypto';
import type { PushArtifact, RunPush } from '../../src/team/api';

export function artifact(name: string, bytes: Uint8Array | string, mediaType = name.endsWith('.json') ? 'application/json' : name.endsWith('.md') ? 'text/markdown' : 'application/octet-stream'): PushArtifact {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return { name, mediaType, size: b.byteLength, sha256: createHash('sha256').update(b).digest('hex'), base64: b.toString('base64') };
}

/** Bytes standing in for a model: distinct per seed, and large enough to span `chunks` MiB chunks. */
export function fakeModel(seed: number, bytes = 4096): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = seed * 2654435761;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A pushed wine run: its recipe, metrics, an epoch series and its bundle's files. */
export function runPush(id: string, over: Partial<RunPush> = {}, seed = 1): RunPush {
  return {
    id,
    project: 'hr-models',
    experiment: 'wine',
    name: `wine mlp ${id}`,
    family: 'tabular',
    status: 'completed',
    engine: 'kiln-cpu',
    datasetName: 'wine.csv',
    datasetFingerprint: 'sha256:wine',
    config: { family: 'tabular', task: { kind: 'multiclass', target: 'class' }, model: { kind: 'mlp', hidden: [32], seed } },
    metrics: { accuracy: 0.9 + seed / 100, logLoss: 0.3 },
    tags: ['baseline'],
    notes: '',
    startedAt: 1_700_000_000_000,
    finishedAt: 1_700_000_060_000,
    series: [0, 1, 2].map((seq) => ({ kind: 'epoch', seq, data: { trainLoss: 1 / (seq + 1), valLoss: 1.1 / (seq + 1) } })),
    artifacts: [artifact('model.onnx', fakeModel(seed)), artifact('calibrator.json', JSON.stringify({ method: 'temperature', t: 1.2 })), artifact('model-card.md', `# wine ${id}\n`), artifact('metadata.json', JSON.stringify({ run: id }))],
    ...over,
  };
}
