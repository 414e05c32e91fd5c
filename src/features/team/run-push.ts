import type { DatasetRecord, RunRecord } from '../../db/records';
import { runSeries } from '../../db/runs-repo';
import type { PushArtifact, RunPush, SeriesPoint } from '../../team/api';
import { familyOfRun } from '../families/registry';

const MEDIA: Record<string, string> = { onnx: 'application/octet-stream', json: 'application/json', md: 'text/markdown', jsonl: 'application/x-ndjson', bin: 'application/octet-stream' };

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** base64 in slices: String.fromCharCode over a whole model would overflow the call stack. */
function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export async function pushArtifact(name: string, data: Uint8Array | string): Promise<PushArtifact> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { name, mediaType: MEDIA[name.split('.').pop() ?? ''] ?? 'application/octet-stream', size: bytes.byteLength, sha256: await sha256Hex(bytes), base64: base64(bytes) };
}

/** What identifies the data a run read, without its rows: name, shape and size (two people importing the same file get the same one). */
export const datasetFingerprint = (d: Pick<DatasetRecord, 'fileName' | 'rowCount' | 'columnCount' | 'bytes'>) => `${d.fileName}|${d.rowCount}x${d.columnCount}|${d.bytes}B`;

export interface BuiltPush {
  push: RunPush;
  /** why the push carries no model (a cross-validation run, a failed run), else null */
  noModel: string | null;
}

/**
 * A stored run as the team server takes it: the record as its recipe, its metric series, and its
 * export bundle's files (the same bytes the Export button downloads), so a registered version
 * serves exactly what the studio exported.
 */
export async function buildRunPush(run: RunRecord, dataset: DatasetRecord | undefined, experiment: string): Promise<BuiltPush> {
  const { epochs, steps } = await runSeries(run.id);
  const series: SeriesPoint[] = [...epochs, ...steps].map(({ runId: _r, kind, seq, ...data }) => ({ kind, seq, data }));
  let artifacts: PushArtifact[] = [];
  let noModel: string | null = null;
  const family = familyOfRun(run);
  const finished = run.status === 'completed' || run.status === 'early-stopped' || run.status === 'user-stopped';
  if (!family) noModel = 'a search is not a model: push its best trial’s run';
  else if (!finished) noModel = `the run is ${run.status}`;
  else {
    try {
      const exported = await family.bundle(run);
      artifacts = await Promise.all(Object.entries(exported.files).map(([name, data]) => pushArtifact(name, data)));
    } catch (e) {
      noModel = e instanceof Error ? e.message : String(e);
    }
  }
  const metrics = Object.fromEntries(Object.entries(run.finalMetrics ?? {}).map(([k, v]) => [k, typeof v === 'number' && Number.isFinite(v) ? v : null]));
  return {
    noModel,
    push: {
      id: run.id,
      experiment,
      name: run.name,
      family: run.family,
      status: run.status,
      engine: run.engine ? `${run.engine.engine}:${run.engine.runsOn}` : (run.backend ?? null),
      datasetName: run.datasetName,
      datasetFingerprint: dataset ? datasetFingerprint(dataset) : null,
      config: JSON.parse(JSON.stringify(run)) as Record<string, unknown>,
      metrics,
      tags: run.tags ?? [],
      notes: run.notes ?? '',
      startedAt: run.startedAt,
      finishedAt: run.finishedAt ?? null,
      series,
      artifacts,
    },
  };
}
