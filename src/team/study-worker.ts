import type { ReportVerdict } from '../ml/tune/search';
import type { Params } from '../ml/tune/space';
import { better } from '../ml/tune/search';
import type { Direction } from '../ml/tune/tpe';
import { TeamApiError } from './client';
import type { StudyClient } from './study-client';

/**
 * One worker of a distributed study, wherever it runs (a `kiln tune --worker` process, a studio
 * tab's worker): claim a trial, train it, report on the way, finish it; until no trial is left.
 * The trial's training is the family's own (`runTrial`), as in a search in one tab.
 *
 * Reports go to the server in order, behind the training: `report` answers at once with the last
 * verdict the server gave, so a prune stops the fit a step or two after its rung (the server
 * recorded it at the rung). A lost lease (409) stops the fit the same way and nothing is finished.
 */
export interface StudyWorkerOptions {
  studies: StudyClient;
  study: string;
  worker: string;
  leaseSeconds: number;
  direction: Direction;
  runTrial(params: Params, report: (step: number, value: number) => ReportVerdict, shouldStop: () => boolean): Promise<{ value: number; steps: number }>;
  onEvent?: (e: WorkerEvent) => void;
  shouldStop?: () => boolean;
  /** wait between claims while every trial left is running elsewhere */
  pollMs?: number;
  /** stop after this many trials (a test's crash point, a bounded worker) */
  maxTrials?: number;
  sleep?: (ms: number) => Promise<void>;
}

export type WorkerEvent =
  | { type: 'claimed'; number: number; attempt: number; params: Params; tookOver: boolean }
  | { type: 'step'; number: number; step: number; value: number; verdict: ReportVerdict }
  | { type: 'finished'; number: number; state: 'complete' | 'pruned' | 'failed'; value: number | null; error?: string }
  | { type: 'lost'; number: number; why: string }
  | { type: 'waiting'; running: number };

export interface WorkerSummary {
  trials: number;
  complete: number;
  pruned: number;
  failed: number;
  lost: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function workStudy(o: StudyWorkerOptions): Promise<WorkerSummary> {
  const sleep = o.sleep ?? defaultSleep;
  const sum: WorkerSummary = { trials: 0, complete: 0, pruned: 0, failed: 0, lost: 0 };
  while (!o.shouldStop?.() && (o.maxTrials === undefined || sum.trials < o.maxTrials)) {
    const claim = await o.studies.claim(o.study, o.worker);
    if (!claim.trial) {
      if (claim.done) break;
      o.onEvent?.({ type: 'waiting', running: -1 });
      await sleep(o.pollMs ?? 1000);
      continue;
    }
    const { number, attempt, params } = claim.trial;
    sum.trials++;
    o.onEvent?.({ type: 'claimed', number, attempt, params, tookOver: claim.trial.tookOver });
    const end = await runOne(o, number, attempt, params);
    if (end === 'lost') sum.lost++;
    else sum[end]++;
  }
  return sum;
}

async function runOne(o: StudyWorkerOptions, number: number, attempt: number, params: Params): Promise<'complete' | 'pruned' | 'failed' | 'lost'> {
  const t0 = Date.now();
  let lost: string | null = null;
  let prunedAt: number | null = null;
  let best: number | null = null;
  // what was reported, so a pruned trial's value is the best up to the rung that pruned it (reports run ahead of the verdicts)
  const reported: { step: number; value: number }[] = [];
  let badReport: string | null = null;
  let lastStep = 0;
  let chain: Promise<void> = Promise.resolve();
  const loseOn = (e: unknown) => {
    if (e instanceof TeamApiError && e.status === 409) lost ??= e.message;
    else throw e;
  };
  // a heartbeat keeps the lease while a long step runs; reports renew it too
  const beat = setInterval(() => {
    chain = chain.then(() => o.studies.heartbeat(o.study, number, attempt).then(() => undefined, loseOn));
  }, Math.max(500, (o.leaseSeconds * 1000) / 3));
  const report = (step: number, value: number): ReportVerdict => {
    if (lost || prunedAt !== null || badReport) return 'prune';
    lastStep = Math.max(lastStep, step);
    if (!Number.isFinite(value)) badReport = `reported ${value} at step ${step}`;
    else {
      reported.push({ step, value });
      if (best === null || better(value, best, o.direction)) best = value;
    }
    chain = chain.then(() =>
      o.studies.report(o.study, number, { attempt, step, value: Number.isFinite(value) ? value : null }).then((r) => {
        if (r.verdict === 'prune' && prunedAt === null) prunedAt = step;
        o.onEvent?.({ type: 'step', number, step, value, verdict: r.verdict });
      }, loseOn),
    );
    return 'continue';
  };
  let out: { state: 'complete' | 'pruned' | 'failed'; value: number | null; steps: number; error?: string };
  try {
    const r = await o.runTrial(params, report, () => !!lost || prunedAt !== null || !!o.shouldStop?.());
    await chain;
    if (badReport) out = { state: 'failed', value: null, steps: lastStep, error: badReport };
    else if (prunedAt !== null) {
      const at = prunedAt;
      const upTo = reported.filter((r) => r.step <= at).reduce<number | null>((b, r) => (b === null || better(r.value, b, o.direction) ? r.value : b), null);
      out = { state: 'pruned', value: upTo ?? best, steps: at };
    }
    else if (!Number.isFinite(r.value)) out = { state: 'failed', value: null, steps: r.steps, error: `the trial returned ${r.value}` };
    else out = { state: 'complete', value: r.value, steps: r.steps };
  } catch (e) {
    await chain.catch(() => undefined);
    out = { state: 'failed', value: null, steps: lastStep, error: e instanceof Error ? e.message : String(e) };
  } finally {
    clearInterval(beat);
  }
  await chain.catch(() => undefined);
  // a worker stopped mid-trial leaves it unfinished: its lease runs out and another worker takes it over, so a stop loses no trial
  if (!lost && o.shouldStop?.()) lost = 'this worker was stopped before the trial finished';
  if (lost) {
    o.onEvent?.({ type: 'lost', number, why: lost });
    return 'lost';
  }
  try {
    await o.studies.finish(o.study, number, { attempt, ...out, durationMs: Date.now() - t0, ...(prunedAt !== null ? { prunedAt } : {}) });
  } catch (e) {
    loseOn(e);
    o.onEvent?.({ type: 'lost', number, why: lost ?? 'lost at the finish' });
    return 'lost';
  }
  o.onEvent?.({ type: 'finished', number, state: out.state, value: out.value, error: out.error });
  return out.state;
}
