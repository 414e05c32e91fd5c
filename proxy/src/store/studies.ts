import type pg from 'pg';
import type { ClaimResult, CreateStudy, RemoteTrial, RemoteTrialState, StudyDetail, StudySummary, TrialFinish, TrialReport } from '../../../src/team/study-api';
import { familyById } from '../../../src/ml/models/families';
import { recipeProblems, recipeTaskKind } from '../../../src/ml/recipe/recipe';
import { familyStudyErrors } from '../../../src/ml/tune/family';
import { emptyPrunerState, reportToPruner, type PrunerState } from '../../../src/ml/tune/pruning';
import { better, suggest, type Trial } from '../../../src/ml/tune/search';
import type { StudySpec } from '../../../src/ml/tune/study';
import { ApiError } from '../errors';
import { inTransaction, read } from './store-db';

/**
 * Distributed studies. Trials are rows made with the study; a worker claims the lowest waiting
 * trial, or a running one whose lease ran out, with FOR UPDATE SKIP LOCKED, so two claimers never
 * get one row and neither waits on the other. Params are sampled at the first claim from every
 * trial finished by then (TPE), a re-claim runs the same params. Every report and the finish name
 * the attempt they belong to: a worker whose trial was taken over is told so (409) and its result
 * is not kept, so no trial is completed twice. Pruning decisions lock the study row: successive
 * halving compares a trial with the others at its rung, which must not change underneath it.
 */

interface StudyRow {
  id: string;
  name: string;
  family: string;
  recipe: Record<string, unknown>;
  spec: StudySpec;
  lease_seconds: number;
  max_attempts: number;
  pruner_state: PrunerState;
  author: string;
  created_at: Date;
}

interface TrialRow {
  number: number;
  state: RemoteTrialState;
  params: Record<string, number | string | boolean> | null;
  value: number | null;
  steps: number;
  pruned_at: number | null;
  error: string | null;
  attempt: number;
  worker: string | null;
  lease_until: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
}

const ms = (d: Date | null) => (d ? d.getTime() : null);

export async function createStudy(pool: pg.Pool, body: CreateStudy, author: string): Promise<{ created: boolean; study: StudySummary }> {
  const problems = recipeProblems(body.recipe).map((p) => `recipe.${p}`);
  const family = typeof body.recipe.family === 'string' ? familyById(body.recipe.family) : undefined;
  if (family && !problems.length) problems.push(...familyStudyErrors(family.search, body.spec, { kind: recipeTaskKind(body.recipe) }).map((p) => `spec.${p}`));
  if (problems.length) throw new ApiError(400, 'bad_request', `the study ${body.name} cannot run: ${problems.join('; ')}`);
  const lease = body.leaseSeconds ?? 60;
  const attempts = body.maxAttempts ?? 3;
  const created = await inTransaction(pool, async (c) => {
    const ins = await c.query<{ id: string }>(
      `INSERT INTO kiln.studies (name, family, recipe, spec, lease_seconds, max_attempts, author) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [body.name, family!.id, body.recipe, body.spec, lease, attempts, author],
    );
    if (!ins.rows.length) {
      const [s] = (await c.query<StudyRow>('SELECT * FROM kiln.studies WHERE name = $1', [body.name])).rows;
      // the same study asked for again (a second worker machine starting it) is not an error; a different one is
      if (JSON.stringify(s.recipe) !== JSON.stringify(body.recipe) || JSON.stringify(s.spec) !== JSON.stringify(body.spec)) {
        throw new ApiError(409, 'conflict', `a study named ${body.name} already exists with another recipe or spec; pick another name`);
      }
      return false;
    }
    await c.query('INSERT INTO kiln.trials (study_id, number) SELECT $1, g FROM generate_series(0, $2 - 1) g', [ins.rows[0].id, body.spec.trials]);
    return true;
  });
  return { created, study: (await getStudy(pool, body.name))! };
}

function toTrial(r: TrialRow, values: { step: number; value: number | null }[]): RemoteTrial {
  return {
    number: r.number,
    state: r.state,
    params: r.params,
    value: r.value,
    steps: r.steps,
    prunedAt: r.pruned_at,
    error: r.error,
    attempt: r.attempt,
    worker: r.worker,
    leaseUntil: ms(r.lease_until),
    startedAt: ms(r.started_at),
    finishedAt: ms(r.finished_at),
    durationMs: r.duration_ms,
    intermediate: values,
  };
}

function summarize(s: StudyRow, trials: TrialRow[]): StudySummary {
  const counts: Record<RemoteTrialState, number> = { waiting: 0, running: 0, complete: 0, pruned: 0, failed: 0 };
  let best: StudySummary['best'] = null;
  for (const t of trials) {
    counts[t.state]++;
    if (t.state === 'complete' && t.value !== null && (best === null || better(t.value, best.value, s.spec.direction))) best = { number: t.number, value: t.value };
  }
  return {
    name: s.name,
    family: s.family,
    author: s.author,
    createdAt: s.created_at.getTime(),
    trials: trials.length,
    counts,
    metric: s.spec.metric,
    direction: s.spec.direction,
    best,
    done: counts.waiting === 0 && counts.running === 0,
  };
}

export async function listStudies(pool: pg.Pool): Promise<StudySummary[]> {
  const studies = await read<StudyRow>(pool, 'SELECT * FROM kiln.studies ORDER BY created_at DESC');
  const trials = await read<TrialRow & { study_id: string }>(pool, 'SELECT * FROM kiln.trials ORDER BY study_id, number');
  return studies.map((s) => summarize(s, trials.filter((t) => t.study_id === s.id)));
}

export async function getStudy(pool: pg.Pool, name: string): Promise<StudyDetail | null> {
  const [s] = await read<StudyRow>(pool, 'SELECT * FROM kiln.studies WHERE name = $1', [name]);
  if (!s) return null;
  const trials = await read<TrialRow>(pool, 'SELECT * FROM kiln.trials WHERE study_id = $1 ORDER BY number', [s.id]);
  const values = await read<{ number: number; attempt: number; step: number; value: number | null }>(pool, 'SELECT number, attempt, step, value FROM kiln.trial_values WHERE study_id = $1 ORDER BY number, attempt, step, at', [s.id]);
  const claims = await read<{ number: number; attempt: number; worker: string; took_over: boolean; at: Date }>(pool, 'SELECT number, attempt, worker, took_over, at FROM kiln.trial_claims WHERE study_id = $1 ORDER BY at', [s.id]);
  return {
    ...summarize(s, trials),
    recipe: s.recipe,
    spec: s.spec,
    leaseSeconds: s.lease_seconds,
    maxAttempts: s.max_attempts,
    trialList: trials.map((t) => toTrial(t, values.filter((v) => v.number === t.number && v.attempt === t.attempt).map(({ step, value }) => ({ step, value })))),
    claims: claims.map((c) => ({ number: c.number, attempt: c.attempt, worker: c.worker, tookOver: c.took_over, at: c.at.getTime() })),
  };
}

async function studyRow(c: pg.PoolClient, name: string, lock: boolean): Promise<StudyRow> {
  const [s] = (await c.query<StudyRow>(`SELECT * FROM kiln.studies WHERE name = $1${lock ? ' FOR UPDATE' : ''}`, [name])).rows;
  if (!s) throw new ApiError(404, 'not_found', `no study named ${name}`);
  return s;
}

/** The finished trials as the sampler reads them. */
async function finishedTrials(c: pg.PoolClient, studyId: string): Promise<Trial[]> {
  const rows = (await c.query<TrialRow>("SELECT * FROM kiln.trials WHERE study_id = $1 AND state IN ('complete', 'pruned', 'failed') ORDER BY number", [studyId])).rows;
  return rows.map((r) => ({ index: r.number, params: r.params ?? {}, state: r.state as Trial['state'], value: r.value, intermediate: [], steps: r.steps, durationMs: r.duration_ms ?? 0 }));
}

export async function claimTrial(pool: pg.Pool, name: string, worker: string): Promise<ClaimResult> {
  return inTransaction(pool, async (c) => {
    const s = await studyRow(c, name, false);
    // a lease run out too often: the trial is failed rather than tried forever
    await c.query(
      `UPDATE kiln.trials SET state = 'failed', error = 'its worker stopped renewing the lease ' || attempt || ' times', finished_at = clock_timestamp(), worker = NULL
       WHERE study_id = $1 AND state = 'running' AND lease_until < clock_timestamp() AND attempt >= $2`,
      [s.id, s.max_attempts],
    );
    const [t] = (
      await c.query<TrialRow>(
        `SELECT * FROM kiln.trials WHERE study_id = $1 AND (state = 'waiting' OR (state = 'running' AND lease_until < clock_timestamp()))
         ORDER BY number LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [s.id],
      )
    ).rows;
    if (!t) {
      const [open] = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM kiln.trials WHERE study_id = $1 AND state IN ('waiting', 'running')", [s.id])).rows;
      return { trial: null, done: open.n === 0 };
    }
    const tookOver = t.state === 'running';
    const params = t.params ?? suggest(s.spec, t.number, await finishedTrials(c, s.id));
    if (tookOver && s.spec.pruner) {
      // the lost attempt's rung entries go: the new attempt reports again from step 1
      const locked = await studyRow(c, name, true);
      const rungs = locked.pruner_state.rungs.map((r) => r.filter((e) => e.trial !== t.number));
      await c.query('UPDATE kiln.studies SET pruner_state = $2 WHERE id = $1', [s.id, { rungs }]);
    }
    const [u] = (
      await c.query<{ attempt: number; lease_until: Date }>(
        `UPDATE kiln.trials SET state = 'running', params = $3, attempt = attempt + 1, worker = $4, lease_until = clock_timestamp() + make_interval(secs => $5),
           started_at = clock_timestamp(), value = NULL, steps = 0, error = NULL WHERE study_id = $1 AND number = $2 RETURNING attempt, lease_until`,
        [s.id, t.number, params, worker, s.lease_seconds],
      )
    ).rows;
    await c.query('INSERT INTO kiln.trial_claims (study_id, number, attempt, worker, took_over) VALUES ($1, $2, $3, $4, $5)', [s.id, t.number, u.attempt, worker, tookOver]);
    return { trial: { number: t.number, attempt: u.attempt, params, leaseUntil: u.lease_until.getTime(), tookOver } };
  });
}

/** The trial row, locked, if `attempt` still holds it; else the 409 that tells its worker to stop. */
async function heldTrial(c: pg.PoolClient, s: StudyRow, number: number, attempt: number): Promise<TrialRow> {
  const [t] = (await c.query<TrialRow>('SELECT * FROM kiln.trials WHERE study_id = $1 AND number = $2 FOR UPDATE', [s.id, number])).rows;
  if (!t) throw new ApiError(404, 'not_found', `study ${s.name} has no trial ${number}`);
  if (t.state !== 'running' || t.attempt !== attempt) {
    throw new ApiError(409, 'conflict', `trial ${number} of ${s.name} is no longer this worker's (attempt ${attempt}; it is ${t.state}${t.state === 'running' ? `, attempt ${t.attempt} by ${t.worker}` : ''}): its lease ran out and it was taken over`, { state: t.state, attempt: t.attempt });
  }
  return t;
}

const renew = (c: pg.PoolClient, s: StudyRow, number: number) =>
  c.query<{ lease_until: Date }>('UPDATE kiln.trials SET lease_until = clock_timestamp() + make_interval(secs => $3) WHERE study_id = $1 AND number = $2 RETURNING lease_until', [s.id, number, s.lease_seconds]);

export async function heartbeat(pool: pg.Pool, name: string, number: number, attempt: number): Promise<{ leaseUntil: number }> {
  return inTransaction(pool, async (c) => {
    const s = await studyRow(c, name, false);
    await heldTrial(c, s, number, attempt);
    return { leaseUntil: (await renew(c, s, number)).rows[0].lease_until.getTime() };
  });
}

/** A value on the trial's way: recorded, the lease renewed, and the pruner's verdict on it. */
export async function reportValue(pool: pg.Pool, name: string, number: number, r: TrialReport): Promise<{ verdict: 'continue' | 'prune'; leaseUntil: number }> {
  return inTransaction(pool, async (c) => {
    const s = await studyRow(c, name, true);
    await heldTrial(c, s, number, r.attempt);
    await c.query('INSERT INTO kiln.trial_values (study_id, number, attempt, step, value) VALUES ($1, $2, $3, $4, $5)', [s.id, number, r.attempt, r.step, r.value]);
    await c.query('UPDATE kiln.trials SET steps = GREATEST(steps, $3) WHERE study_id = $1 AND number = $2', [s.id, number, r.step]);
    const leaseUntil = (await renew(c, s, number)).rows[0].lease_until.getTime();
    if (r.value === null || !Number.isFinite(r.value)) return { verdict: 'prune', leaseUntil };
    if (!s.spec.pruner) return { verdict: 'continue', leaseUntil };
    // the pruner judges the best value so far of this attempt: one noisy epoch should not end a good trial (as the in-tab search does)
    const [b] = (await c.query<{ best: number }>(`SELECT ${s.spec.direction === 'maximize' ? 'max' : 'min'}(value) AS best FROM kiln.trial_values WHERE study_id = $1 AND number = $2 AND attempt = $3`, [s.id, number, r.attempt])).rows;
    const verdict = reportToPruner(s.pruner_state ?? emptyPrunerState(), s.spec.pruner, number, r.step, b.best, s.spec.direction);
    await c.query('UPDATE kiln.studies SET pruner_state = $2 WHERE id = $1', [s.id, verdict.state]);
    return { verdict: verdict.prune ? 'prune' : 'continue', leaseUntil };
  });
}

export async function finishTrial(pool: pg.Pool, name: string, number: number, f: TrialFinish): Promise<RemoteTrial> {
  return inTransaction(pool, async (c) => {
    const s = await studyRow(c, name, false);
    await heldTrial(c, s, number, f.attempt);
    if (f.state === 'complete' && (f.value === null || !Number.isFinite(f.value))) throw new ApiError(400, 'bad_request', `a complete trial needs a finite value, got ${f.value}`);
    const [t] = (
      await c.query<TrialRow>(
        `UPDATE kiln.trials SET state = $3, value = $4, steps = $5, duration_ms = $6, error = $7, pruned_at = $8, finished_at = clock_timestamp(), lease_until = NULL
         WHERE study_id = $1 AND number = $2 RETURNING *`,
        [s.id, number, f.state, f.value, f.steps, f.durationMs, f.error ?? null, f.prunedAt ?? null],
      )
    ).rows;
    return toTrial(t, []);
  });
}
