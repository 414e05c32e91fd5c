import { hostname } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { recipeProblems, recipeTaskKind, type Recipe } from '../ml/recipe/recipe';
import { familyById } from '../ml/models/families';
import { studyMetric } from '../ml/tune/family';
import type { Params, SearchSpace } from '../ml/tune/space';
import type { StudySpec } from '../ml/tune/study';
import { TeamApiError } from '../team/client';
import { StudyClient } from '../team/study-client';
import type { StudyDetail } from '../team/study-api';
import { workStudy } from '../team/study-worker';
import { cpuEngine } from './engine';
import { CliError, exitFor } from './errors';
import { teamClient } from './team';
import { readRecipe, recipeInput } from './train';

export const TUNE_USAGE = `  kiln tune create --study NAME --recipe recipe.json [--trials 24] [--space space.json] [--sampler tpe|random]
             [--seed 1] [--metric M] [--prune MIN:ETA | --no-prune] [--lease SECONDS] [--max-attempts 3]
      a study on the Kiln server: the recipe's family and data, the space (default: the family's), TPE
  kiln tune --study NAME --worker [--worker-name W] [--data …] [--table …] [--max-trials N] [--threads N] [--json]
      claims the study's trials one by one (SKIP LOCKED leases) and trains them until none is left;
      run as many as you like, on any machines; a studio tab can join too
  kiln tune status --study NAME [--json]
  kiln tune best --study NAME [--out recipe.json] [--retrain]
      the best trial as a recipe (kiln train reruns it); --retrain trains it here and prints both values`;

const OPTIONS = {
  study: { type: 'string' },
  recipe: { type: 'string' },
  trials: { type: 'string' },
  space: { type: 'string' },
  sampler: { type: 'string' },
  seed: { type: 'string' },
  metric: { type: 'string' },
  prune: { type: 'string' },
  'no-prune': { type: 'boolean' },
  lease: { type: 'string' },
  'max-attempts': { type: 'string' },
  worker: { type: 'boolean' },
  'worker-name': { type: 'string' },
  data: { type: 'string', multiple: true },
  table: { type: 'string', multiple: true },
  'max-trials': { type: 'string' },
  threads: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  retrain: { type: 'boolean' },
  server: { type: 'string' },
  token: { type: 'string' },
} as const;

type Out = (s: string) => void;
type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

function int(v: string | undefined, flag: string, dflt: number, min = 1): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new CliError(`--${flag} takes a whole number ≥ ${min}, got "${v}"`);
  return n;
}

function studyName(v: Values): string {
  if (!v.study) throw new CliError(`missing --study NAME\n\n${TUNE_USAGE}`);
  return v.study;
}

/** The family's search, prepared once on the recipe's data: what every trial of this worker trains with. */
async function preparedSearch(recipe: Recipe, v: Values) {
  const { family, input } = await recipeInput(recipe, { data: v.data, table: v.table, server: v.server ?? process.env.KILN_SERVER_URL, token: v.token ?? process.env.KILN_TOKEN });
  const base = family.studyOf.base(recipe.config);
  const searchInput = family.studyOf.input(input, recipe.config);
  const engine = family.search.engine ? await cpuEngine(recipe.engine, int(v.threads, 'threads', 1)) : null;
  return { family, base, engine, prepare: (metric: string) => family.search.prepare({ input: searchInput, base, metric, engine: engine?.engine }) };
}

async function create(v: Values, studies: StudyClient, out: Out): Promise<number> {
  const name = studyName(v);
  if (!v.recipe) throw new CliError('missing --recipe FILE: the study trains this recipe with sampled settings');
  const recipe = readRecipe(v.recipe);
  const family = familyById(recipe.family)!;
  let space: SearchSpace;
  if (v.space) {
    try {
      space = JSON.parse(readFileSync(v.space, 'utf8')) as SearchSpace;
    } catch (e) {
      throw new CliError(`${v.space}: ${(e as Error).message}`);
    }
  } else space = family.search.defaultSpace(family.studyOf.base(recipe.config));
  const m = studyMetric(family.search, { kind: recipeTaskKind(recipe) }, v.metric ?? '');
  if (v.metric && m.key !== v.metric) throw new CliError(`--metric: ${family.search.label} trials do not report "${v.metric}" (use ${family.search.metrics({ kind: recipeTaskKind(recipe) }).map((x) => x.key).join(', ')})`);
  let pruner: StudySpec['pruner'] = null;
  if (!v['no-prune'] && family.search.resource) {
    const [min, eta] = (v.prune ?? `${family.search.firstRung}:3`).split(':').map(Number);
    pruner = { minResource: min, reductionFactor: eta };
  }
  const spec: StudySpec = { space, trials: int(v.trials, 'trials', 24), sampler: (v.sampler ?? 'tpe') as StudySpec['sampler'], seed: int(v.seed, 'seed', 1, 0), metric: m.key, direction: m.direction, pruner };
  const r = await studies.create({ name, recipe: recipe as unknown as Record<string, unknown>, spec, leaseSeconds: int(v.lease, 'lease', 60, 2), maxAttempts: int(v['max-attempts'], 'max-attempts', 3) });
  out(`${JSON.stringify({ created: r.created, study: r.study }, null, 2)}\n`);
  return 0;
}

function studyRecipe(s: StudyDetail): Recipe {
  const problems = recipeProblems(s.recipe);
  if (problems.length) throw new CliError(`study ${s.name}'s recipe cannot run here: ${problems.join('; ')}`);
  return s.recipe as unknown as Recipe;
}

async function work(v: Values, studies: StudyClient, out: Out, err: Out): Promise<number> {
  const name = studyName(v);
  const s = await studies.get(name);
  const recipe = studyRecipe(s);
  const p = await preparedSearch(recipe, v);
  const prepared = await p.prepare(s.spec.metric);
  const worker = v['worker-name'] ?? `${hostname()}:${process.pid}`;
  // Ctrl-C: the trial in hand ends at its next step, unfinished, and its lease passes it to another worker
  let stopping = false;
  const onSigint = () => {
    stopping = true;
    err(`kiln tune [${worker}]: stopping; the running trial goes back to the study when its lease runs out\n`);
  };
  process.once('SIGINT', onSigint);
  const log = (o: Record<string, unknown>) => (v.json ? out(`${JSON.stringify(o)}\n`) : err(`kiln tune [${worker}]: ${Object.entries(o).filter(([, x]) => x !== undefined).map(([k, x]) => `${k}=${typeof x === 'object' ? JSON.stringify(x) : String(x)}`).join(' ')}\n`));
  try {
    const summary = await workStudy({
      studies,
      study: name,
      worker,
      leaseSeconds: s.leaseSeconds,
      direction: s.spec.direction,
      shouldStop: () => stopping,
      maxTrials: v['max-trials'] === undefined ? undefined : int(v['max-trials'], 'max-trials', 1),
      runTrial: (params, report, shouldStop) => prepared.runTrial(p.family.search.applyParams(p.base, params), report, { shouldStop }),
      onEvent: (e) => {
        if (e.type !== 'step' && e.type !== 'waiting') {
          const { type, ...rest } = e;
          log({ event: type, ...rest });
        }
      },
    });
    log({ event: 'worker-done', ...summary });
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    await p.engine?.close();
  }
}

async function status(v: Values, studies: StudyClient, out: Out): Promise<number> {
  const s = await studies.get(studyName(v));
  if (v.json) {
    out(`${JSON.stringify(s, null, 2)}\n`);
    return 0;
  }
  const c = s.counts;
  out(`${s.name}: ${s.family}, ${s.trials} trials — ${c.complete} complete, ${c.pruned} pruned, ${c.failed} failed, ${c.running} running, ${c.waiting} waiting; ${s.metric} (${s.direction})${s.best ? `, best #${s.best.number} = ${s.best.value}` : ''}\n`);
  for (const t of s.trialList) out(`  #${String(t.number).padStart(3)}  ${t.state.padEnd(8)} ${t.value === null ? '—' : t.value.toPrecision(5)}  steps ${t.steps}  attempt ${t.attempt}  ${t.worker ?? ''}  ${JSON.stringify(t.params ?? {})}\n`);
  return 0;
}

async function best(v: Values, studies: StudyClient, out: Out, err: Out): Promise<number> {
  const s = await studies.get(studyName(v));
  if (!s.best) throw new CliError(`study ${s.name} has no complete trial yet`, 1);
  const trial = s.trialList.find((t) => t.number === s.best!.number)!;
  const recipe = studyRecipe(s);
  const p = await preparedSearch(recipe, v);
  const params = trial.params as Params;
  const config = p.family.studyOf.join(recipe.config, p.family.search.applyParams(p.base, params));
  const bestRecipe: Recipe = { ...recipe, name: `${s.name} best (trial ${trial.number})`, config };
  if (v.out) writeFileSync(v.out, `${JSON.stringify(bestRecipe, null, 2)}\n`);
  const result: Record<string, unknown> = { study: s.name, trial: trial.number, params, value: trial.value, metric: s.metric };
  if (v.retrain) {
    const prepared = await p.prepare(s.spec.metric);
    const r = await prepared.runTrial(p.family.search.applyParams(p.base, params), () => 'continue', {});
    result.retrained = r.value;
    result.difference = Math.abs(r.value - (trial.value ?? NaN));
  }
  await p.engine?.close();
  out(`${JSON.stringify(result, null, 2)}\n`);
  if (v.retrain && !((result.difference as number) <= 1e-9)) err(`kiln: the retrain gave ${String(result.retrained)}, the trial ${trial.value}\n`);
  return 0;
}

export async function runTune(args: string[], out: Out, err: Out): Promise<number> {
  try {
    const sub = args[0] && !args[0].startsWith('-') ? args[0] : null;
    const { values } = parseArgs({ args: sub ? args.slice(1) : args, options: OPTIONS, strict: true });
    const studies = new StudyClient(teamClient(values));
    try {
      if (sub === 'create') return await create(values, studies, out);
      if (sub === 'status') return await status(values, studies, out);
      if (sub === 'best') return await best(values, studies, out, err);
      if (sub === null && values.worker) return await work(values, studies, out, err);
      throw new CliError(`kiln tune takes create, status, best, or --study NAME --worker\n\n${TUNE_USAGE}`);
    } catch (e) {
      if (e instanceof TeamApiError) throw new CliError(e.message, e.status === 409 ? 1 : 2);
      throw e;
    }
  } catch (e) {
    return exitFor(e, err, TUNE_USAGE);
  }
}

