import type pg from 'pg';
import type { AliasMove, ModelDetail, ModelSummary, ModelVersion, MoveRequest, MoveResult, RegisterRequest, RollbackRequest } from '../../../src/team/api';
import { aliasAt, currentAliases, rollbackTarget, type AliasEvent } from '../../../src/ml/registry/aliases';
import { compareModelIds, formatModelId, modelIdProblems, nextModelId, parseModelId } from '../../../src/ml/registry/model-id';
import { ApiError } from '../errors';
import { inTransaction, read } from './store-db';

/**
 * The server's registry: the same rules as the studio's local one (src/ml/registry: ids, the
 * fold over alias moves, what a rollback goes back to), on rows that every team member shares.
 * A move takes the alias's row lock and names the version it expects to replace, so two people
 * moving one alias from the same view cannot both win.
 */

/** A move refused because the alias no longer points where the mover saw it. */
export class AliasConflict extends ApiError {
  constructor(
    readonly current: string | null,
    message: string,
  ) {
    super(409, 'conflict', message, { current });
  }
}

interface VersionRow {
  id: string;
  model_type: string;
  major: number;
  minor: number;
  suffix: string | null;
  run_id: string;
  metrics: Record<string, number | null>;
  note: string;
  author: string;
  created_at: Date;
}

interface MoveRow {
  seq: string;
  model_type: string;
  alias: string;
  from_version: string | null;
  to_version: string | null;
  kind: 'move' | 'rollback';
  note: string;
  actor: string;
  at: Date;
}

const toVersion = (r: VersionRow): ModelVersion => ({ id: r.id, modelType: r.model_type, major: r.major, minor: r.minor, suffix: r.suffix, runId: r.run_id, metrics: r.metrics, note: r.note, author: r.author, createdAt: r.created_at.getTime() });
const toMove = (r: MoveRow): AliasMove => ({ seq: Number(r.seq), modelType: r.model_type, alias: r.alias, from: r.from_version, to: r.to_version, kind: r.kind, note: r.note, actor: r.actor, at: r.at.getTime() });
const toEvent = (m: AliasMove): AliasEvent => ({ seq: m.seq, modelType: m.modelType, alias: m.alias, from: m.from, to: m.to, at: m.at, note: m.note, kind: m.kind });

export async function registerVersion(pool: pg.Pool, modelType: string, req: RegisterRequest, author: string): Promise<ModelVersion> {
  const problems = modelIdProblems(modelType, req.suffix ?? null);
  if (problems.length) throw new ApiError(400, 'bad_request', problems.join('; '));
  return inTransaction(pool, async (c) => {
    // versions of one type are numbered one at a time
    await c.query("SELECT pg_advisory_xact_lock(hashtext('kiln.model_versions:' || $1))", [modelType]);
    const run = await c.query<{ metrics: Record<string, number | null> }>('SELECT metrics FROM kiln.runs WHERE id = $1', [req.runId]);
    if (!run.rows[0]) throw new ApiError(404, 'not_found', `no run ${req.runId} on the server: push the run first`);
    const onnx = await c.query("SELECT 1 FROM kiln.artifacts WHERE run_id = $1 AND name = 'model.onnx'", [req.runId]);
    if (!onnx.rowCount) throw new ApiError(400, 'bad_request', `run ${req.runId} was pushed without a model.onnx, so there is nothing to serve: push it with its export bundle`);
    const existing = (await c.query<{ id: string }>('SELECT id FROM kiln.model_versions WHERE model_type = $1', [modelType])).rows.map((r) => r.id);
    let id;
    if (req.version) {
      id = parseModelId(req.version);
      if (!id || id.modelType !== modelType) throw new ApiError(400, 'bad_request', `version "${req.version}" is not an id of ${modelType} (${modelType}_v{major}.{minor}[-suffix])`);
    } else id = nextModelId(existing, modelType, req.bump ?? 'minor', req.suffix ?? null);
    const versionId = formatModelId(id);
    if (existing.includes(versionId)) throw new ApiError(409, 'conflict', `${versionId} is already registered; register the next version instead`);
    const rows = await c.query<VersionRow>(
      'INSERT INTO kiln.model_versions (id, model_type, major, minor, suffix, run_id, metrics, note, author) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *',
      [versionId, modelType, id.major, id.minor, id.suffix, req.runId, JSON.stringify(run.rows[0].metrics), req.note ?? '', author],
    );
    return toVersion(rows.rows[0]);
  });
}

async function versionsOf(pool: pg.Pool, modelType?: string): Promise<ModelVersion[]> {
  const rows = await read<VersionRow>(pool, `SELECT * FROM kiln.model_versions ${modelType ? 'WHERE model_type = $1' : ''}`, modelType ? [modelType] : []);
  return rows.map(toVersion).sort((a, b) => compareModelIds(a.id, b.id));
}

async function movesOf(pool: pg.Pool, modelType?: string): Promise<AliasMove[]> {
  return (await read<MoveRow>(pool, `SELECT * FROM kiln.alias_moves ${modelType ? 'WHERE model_type = $1' : ''} ORDER BY at, seq`, modelType ? [modelType] : [])).map(toMove);
}

export async function listModels(pool: pg.Pool): Promise<ModelSummary[]> {
  const [versions, moves] = await Promise.all([versionsOf(pool), movesOf(pool)]);
  const events = moves.map(toEvent);
  return [...new Set(versions.map((v) => v.modelType))].sort().map((t) => ({ modelType: t, versions: versions.filter((v) => v.modelType === t), aliases: currentAliases(events, t) }));
}

export async function getModel(pool: pg.Pool, modelType: string): Promise<ModelDetail | null> {
  const [versions, moves] = await Promise.all([versionsOf(pool, modelType), movesOf(pool, modelType)]);
  if (!versions.length) return null;
  return { modelType, versions, aliases: currentAliases(moves.map(toEvent), modelType), history: [...moves].reverse() };
}

export async function getVersion(pool: pg.Pool, id: string): Promise<ModelVersion | null> {
  const rows = await read<VersionRow>(pool, 'SELECT * FROM kiln.model_versions WHERE id = $1', [id]);
  return rows[0] ? toVersion(rows[0]) : null;
}

/** Where an alias points now (null: unset), read from the row moves lock. */
export async function aliasNow(pool: pg.Pool, modelType: string, alias: string): Promise<string | null> {
  const rows = await read<{ version: string | null }>(pool, 'SELECT version FROM kiln.aliases WHERE model_type = $1 AND alias = $2', [modelType, alias]);
  return rows[0]?.version ?? null;
}

export async function aliasAtTime(pool: pg.Pool, modelType: string, alias: string, t: number): Promise<string | null> {
  return aliasAt((await movesOf(pool, modelType)).map(toEvent), modelType, alias, t);
}

const shown = (v: string | null) => v ?? 'unset';

/** Locks the alias's row and checks the mover's view of it; the current version. */
async function lockAlias(c: pg.PoolClient, modelType: string, alias: string, expected: string | null): Promise<string | null> {
  await c.query('INSERT INTO kiln.aliases (model_type, alias, version) VALUES ($1, $2, NULL) ON CONFLICT DO NOTHING', [modelType, alias]);
  const current = (await c.query<{ version: string | null }>('SELECT version FROM kiln.aliases WHERE model_type = $1 AND alias = $2 FOR UPDATE', [modelType, alias])).rows[0].version;
  if (current !== expected) {
    throw new AliasConflict(current, `${modelType} ${alias} is now ${shown(current)}, not ${shown(expected)} as this request expected: someone moved it meanwhile. Nothing was changed; reload and decide again.`);
  }
  return current;
}

async function record(c: pg.PoolClient, modelType: string, alias: string, from: string | null, to: string | null, kind: 'move' | 'rollback', note: string, actor: string): Promise<AliasMove> {
  await c.query('UPDATE kiln.aliases SET version = $3 WHERE model_type = $1 AND alias = $2', [modelType, alias, to]);
  const rows = await c.query<MoveRow>('INSERT INTO kiln.alias_moves (model_type, alias, from_version, to_version, kind, note, actor) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *', [modelType, alias, from, to, kind, note, actor]);
  return toMove(rows.rows[0]);
}

export async function moveAlias(pool: pg.Pool, modelType: string, alias: string, req: MoveRequest, actor: string): Promise<MoveResult> {
  return inTransaction(pool, async (c) => {
    if (req.to !== null) {
      const v = await c.query<{ model_type: string }>('SELECT model_type FROM kiln.model_versions WHERE id = $1', [req.to]);
      if (!v.rows[0] || v.rows[0].model_type !== modelType) throw new ApiError(404, 'not_found', `no version ${req.to} of ${modelType} is registered`);
    }
    const current = await lockAlias(c, modelType, alias, req.expected);
    if (current === req.to) return { modelType, alias, version: current, move: null };
    return { modelType, alias, version: req.to, move: await record(c, modelType, alias, current, req.to, 'move', req.note ?? '', actor) };
  });
}

export async function rollbackAlias(pool: pg.Pool, modelType: string, alias: string, req: RollbackRequest, actor: string): Promise<MoveResult> {
  return inTransaction(pool, async (c) => {
    const current = await lockAlias(c, modelType, alias, req.expected);
    const moves = (await c.query<MoveRow>('SELECT * FROM kiln.alias_moves WHERE model_type = $1 ORDER BY at, seq', [modelType])).rows.map(toMove);
    const live = (await c.query<{ id: string }>('SELECT id FROM kiln.model_versions WHERE model_type = $1', [modelType])).rows.map((r) => r.id);
    const target = rollbackTarget(moves.map(toEvent), modelType, alias, live);
    if (current === null || target === null) throw new ApiError(409, 'conflict', `${modelType} ${alias} is ${shown(current)} and has no earlier version to roll back to`);
    return { modelType, alias, version: target, move: await record(c, modelType, alias, current, target, 'rollback', req.note ?? '', actor) };
  });
}
