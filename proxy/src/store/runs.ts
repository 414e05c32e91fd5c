import type pg from 'pg';
import type { PushResult, RemoteRun, RemoteRunDetail, RunFilter, RunPush, SeriesPoint } from '../../../src/team/api';
import { ApiError } from '../errors';
import { writeArtifact } from './artifacts';
import { sha256 } from './migrate';
import { inTransaction, read } from './store-db';

export interface PushLimits {
  maxArtifactBytes: number;
  /** test hook: called after each artifact chunk is written, inside the push's transaction */
  afterChunk?: (seq: number) => void;
}

/** JSON with sorted keys: the same run gives the same text whatever order its fields came in. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** What identifies a push's content: everything but its tags and notes (annotations a person may edit and push again). */
export function pushDigest(p: RunPush): string {
  const { tags: _tags, notes: _notes, artifacts, ...rest } = p;
  return sha256(canonicalJson({ ...rest, artifacts: artifacts.map(({ base64: _b, ...a }) => a) }));
}

const MIB = 1 << 20;
const mib = (n: number) => `${(n / MIB).toFixed(n < MIB ? 2 : 1)} MiB`;

/** Decodes and checks every artifact before anything is written: size, limit and sha256. */
function decodeArtifacts(p: RunPush, limits: PushLimits): Buffer[] {
  const names = new Set<string>();
  return p.artifacts.map((a) => {
    if (names.has(a.name)) throw new ApiError(400, 'bad_request', `artifact "${a.name}" is in the push twice`);
    names.add(a.name);
    if (a.size > limits.maxArtifactBytes) throw new ApiError(413, 'too_large', `artifact "${a.name}" is ${mib(a.size)}, over this server's limit of ${mib(limits.maxArtifactBytes)} per artifact (KILN_SERVER_MAX_ARTIFACT_BYTES); nothing was stored`);
    const bytes = Buffer.from(a.base64, 'base64');
    if (bytes.byteLength > limits.maxArtifactBytes) throw new ApiError(413, 'too_large', `artifact "${a.name}" is ${mib(bytes.byteLength)}, over this server's limit of ${mib(limits.maxArtifactBytes)} per artifact (KILN_SERVER_MAX_ARTIFACT_BYTES); nothing was stored`);
    if (bytes.byteLength !== a.size) throw new ApiError(400, 'bad_request', `artifact "${a.name}" says ${a.size} bytes and carries ${bytes.byteLength}; nothing was stored`);
    if (sha256(bytes) !== a.sha256) throw new ApiError(400, 'bad_request', `artifact "${a.name}" does not match its sha256 (damaged in transit?); nothing was stored`);
    return bytes;
  });
}

interface RunRow {
  id: string;
  project: string;
  experiment: string;
  name: string;
  family: string;
  status: string;
  engine: string | null;
  dataset_name: string | null;
  dataset_fingerprint: string | null;
  metrics: Record<string, number | null>;
  tags: string[];
  notes: string;
  author: string;
  started_at: Date | null;
  finished_at: Date | null;
  pushed_at: Date;
  content_sha256: string;
  artifacts: { name: string; size: number; sha256: string; mediaType: string }[] | null;
}

const RUN_SELECT = `
  SELECT r.*, p.name AS project, e.name AS experiment,
         (SELECT json_agg(json_build_object('name', a.name, 'size', a.size, 'sha256', a.sha256, 'mediaType', a.media_type) ORDER BY a.name)
            FROM kiln.artifacts a WHERE a.run_id = r.id) AS artifacts
    FROM kiln.runs r JOIN kiln.experiments e ON e.id = r.experiment_id JOIN kiln.projects p ON p.id = e.project_id`;

const toRun = (r: RunRow): RemoteRun => ({
  id: r.id,
  project: r.project,
  experiment: r.experiment,
  name: r.name,
  family: r.family,
  status: r.status,
  engine: r.engine,
  datasetName: r.dataset_name,
  datasetFingerprint: r.dataset_fingerprint,
  metrics: r.metrics,
  tags: r.tags,
  notes: r.notes,
  author: r.author,
  startedAt: r.started_at ? r.started_at.getTime() : null,
  finishedAt: r.finished_at ? r.finished_at.getTime() : null,
  pushedAt: r.pushed_at.getTime(),
  artifacts: (r.artifacts ?? []).map((a) => ({ ...a, size: Number(a.size) })),
});

const date = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t));

/**
 * Stores a pushed run with its series and artifacts in one transaction. The run id makes it
 * idempotent: a push the server already has (a retry after a cut connection) stores nothing and
 * answers `created: false`; one that differs only in tags or notes updates those; one that
 * differs in anything else is refused (409), since a run's history is never rewritten.
 */
export async function pushRun(pool: pg.Pool, p: RunPush, author: string, limits: PushLimits): Promise<PushResult> {
  const bytes = decodeArtifacts(p, limits);
  const digest = pushDigest(p);
  const created = await inTransaction(pool, async (c) => {
    const project = await c.query<{ id: string }>('INSERT INTO kiln.projects (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id', [p.project ?? 'default']);
    const experiment = await c.query<{ id: string }>(
      'INSERT INTO kiln.experiments (project_id, name) VALUES ($1, $2) ON CONFLICT (project_id, name) DO UPDATE SET name = EXCLUDED.name RETURNING id',
      [project.rows[0].id, p.experiment ?? 'default'],
    );
    const inserted = await c.query(
      `INSERT INTO kiln.runs (id, experiment_id, name, family, status, engine, dataset_name, dataset_fingerprint, config, metrics, tags, notes, author, started_at, finished_at, content_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [p.id, experiment.rows[0].id, p.name, p.family, p.status, p.engine ?? null, p.datasetName ?? null, p.datasetFingerprint ?? null, JSON.stringify(p.config), JSON.stringify(p.metrics), p.tags, p.notes, author, date(p.startedAt), date(p.finishedAt), digest],
    );
    if (!inserted.rowCount) {
      const had = await c.query<{ content_sha256: string; author: string; pushed_at: Date }>('SELECT content_sha256, author, pushed_at FROM kiln.runs WHERE id = $1', [p.id]);
      const prior = had.rows[0];
      if (prior.content_sha256 !== digest) {
        throw new ApiError(409, 'conflict', `run ${p.id} was pushed by ${prior.author} at ${prior.pushed_at.toISOString()} with different content; a pushed run is never rewritten (only its tags and notes are updated)`);
      }
      await c.query('UPDATE kiln.runs SET tags = $2, notes = $3 WHERE id = $1 AND (tags IS DISTINCT FROM $2 OR notes IS DISTINCT FROM $3)', [p.id, p.tags, p.notes]);
      return false;
    }
    if (p.series.length) {
      await c.query(
        `INSERT INTO kiln.metric_series (run_id, kind, seq, data)
         SELECT $1, k, s, d::jsonb FROM unnest($2::text[], $3::int[], $4::text[]) AS t(k, s, d)`,
        [p.id, p.series.map((s) => s.kind), p.series.map((s) => s.seq), p.series.map((s) => JSON.stringify(s.data))],
      );
    }
    for (let i = 0; i < p.artifacts.length; i++) {
      const { base64: _b, ...a } = p.artifacts[i];
      await writeArtifact(c, p.id, a, bytes[i], limits.afterChunk);
    }
    return true;
  });
  const run = await getRun(pool, p.id);
  if (!run) throw new Error(`run ${p.id} was stored and then not found`);
  const { config: _c, series: _s, ...summary } = run;
  return { created, run: summary };
}

export async function listRuns(pool: pg.Pool, f: RunFilter): Promise<RemoteRun[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.family) add('r.family = ?', f.family);
  if (f.author) add('r.author = ?', f.author);
  if (f.status) add('r.status = ?', f.status);
  if (f.tag) add('? = ANY (r.tags)', f.tag);
  if (f.project) add('p.name = ?', f.project);
  if (f.experiment) add('e.name = ?', f.experiment);
  if (f.q) add("r.name ILIKE '%' || ? || '%'", f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`));
  if (f.before !== undefined) add('r.pushed_at < ?', new Date(f.before));
  params.push(Math.min(f.limit ?? 100, 1000));
  const rows = await read<RunRow>(pool, `${RUN_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.pushed_at DESC, r.id LIMIT $${params.length}`, params);
  return rows.map(toRun);
}

export async function getRun(pool: pg.Pool, id: string): Promise<RemoteRunDetail | null> {
  const rows = await read<RunRow & { config: Record<string, unknown> }>(pool, `${RUN_SELECT} WHERE r.id = $1`, [id]);
  if (!rows[0]) return null;
  const series = await read<SeriesPoint>(pool, 'SELECT kind, seq, data FROM kiln.metric_series WHERE run_id = $1 ORDER BY kind, seq', [id]);
  return { ...toRun(rows[0]), config: rows[0].config, series };
}
