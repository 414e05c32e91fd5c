import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { MetricMap } from '../ml/metrics/evaluate';
import type { AnyModelFamily, FamilyEpoch, NamedFrame } from '../ml/models/family';
import { familyById } from '../ml/models/families';
import { runFamily } from '../ml/models/lifecycle';
import { parseRecipe, RecipeError, type Recipe } from '../ml/recipe/recipe';
import { recipeCard } from '../ml/recipe/run-card';
import { fitCalibrator, type CalibratorJson } from '../ml/calibration/calibrator';
import { splitScores } from '../ml/evaluation/held-out';
import type { RunPush, SeriesPoint } from '../team/api';
import { TeamClient } from '../team/client';
import { loadTables, type SourceOverrides } from './data-source';
import { readText } from './input';
import { cpuEngine } from './engine';
import { CliError, exitFor } from './errors';
import { checkGates, parseGate } from './evaluate';
import { progressReporter } from './progress';
import { pushArtifactNode } from './push-artifact';
import { lazyTreeThreads } from './tree-threads';

export const KILN_CLI_VERSION = '0.1.0';

export const TRAIN_USAGE = `  kiln train --recipe recipe.json [--data FILE | --data ROLE=FILE …] [--server URL [--table T | --table ROLE=T …]]
             [--token T] [--out DIR] [--push [--experiment E]] [--fail-under metric=v …] [--fail-over metric=v …]
             [--threads N] [--json]
      trains the recipe's family on Kiln's engine (CPU) and writes DIR (default ./kiln-run): model.onnx (and the
      family's other graph files), model-card.md, metadata.json, metrics.json, recipe.json, run.json; --push sends
      the run to the Kiln server; --json prints progress as JSON lines; --threads N: the tensor families' kernels
      on N threads (default 1), the trees' histograms on N threads (default every core; the same trees either way)`;

const OPTIONS = {
  recipe: { type: 'string' },
  data: { type: 'string', multiple: true },
  table: { type: 'string', multiple: true },
  server: { type: 'string' },
  token: { type: 'string' },
  out: { type: 'string' },
  push: { type: 'boolean' },
  experiment: { type: 'string' },
  'fail-under': { type: 'string', multiple: true },
  'fail-over': { type: 'string', multiple: true },
  threads: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Out = (s: string) => void;

export function readRecipe(path: string): Recipe {
  const text = readText(path, 'the recipe ');
  try {
    return parseRecipe(text, path);
  } catch (e) {
    if (e instanceof RecipeError) throw new CliError(e.message);
    throw e;
  }
}

/** The family's input from the recipe's tables; a table that lacks what the config reads is the user's input, exit 2. */
export async function recipeInput(recipe: Recipe, o: SourceOverrides): Promise<{ family: AnyModelFamily; tables: Record<string, NamedFrame>; input: unknown }> {
  const family = familyById(recipe.family)!;
  const tables = await loadTables(recipe, family.tables.roles.map((r) => r.name), o);
  try {
    return { family, tables, input: family.tables.input(tables, recipe.config, recipe.options) };
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
}

/** The most steps the config asks for (its epochs or rounds), for the progress bar; null when it has neither. */
function plannedSteps(config: unknown): number | null {
  if (typeof config !== 'object' || config === null) return null;
  const c = config as Record<string, unknown>;
  for (const k of ['epochs', 'rounds']) if (typeof c[k] === 'number') return c[k] as number;
  for (const v of Object.values(c)) {
    const n = plannedSteps(v);
    if (n !== null) return n;
  }
  return null;
}

const jsonText = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2);

export interface TrainResult {
  runId: string;
  metrics: MetricMap;
  dir: string;
  files: string[];
}

/** `kiln train`: the recipe's run, headless; what the studio would have stored, written as files. */
export async function runTrain(args: string[], out: Out, err: Out): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: OPTIONS, strict: true });
    if (!values.recipe) throw new CliError(`missing --recipe FILE (the studio's "Download recipe")\n\n${TRAIN_USAGE}`);
    const gates = [...(values['fail-under'] ?? []).map((g) => parseGate(g, 'under')), ...(values['fail-over'] ?? []).map((g) => parseGate(g, 'over'))];
    const threads = values.threads === undefined ? undefined : Number(values.threads);
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64)) throw new CliError(`--threads takes a whole number from 1 to 64, got "${values.threads}"`);
    const recipe = readRecipe(values.recipe);
    const token = values.token ?? process.env.KILN_TOKEN;
    const server = values.server ?? process.env.KILN_SERVER_URL;
    if (values.push && (!server || !token)) throw new CliError('--push needs --server URL and --token T (or KILN_SERVER_URL and KILN_TOKEN)');
    const progress = progressReporter({ json: !!values.json, out, err, total: plannedSteps(recipe.config) });
    progress.stage('data', Object.keys(recipe.data).join(', '));
    const { family, tables, input } = await recipeInput(recipe, { data: values.data, table: values.table, server, token, recipeDir: dirname(resolve(values.recipe)) });
    const result = await trainRecipe(recipe, family, input, { threads, onEpoch: progress.epoch, onStage: progress.stage });
    progress.done(result.metrics);

    const dir = resolve(values.out ?? 'kiln-run');
    const files = writeRunDir(dir, recipe, family, tables, result);
    if (values.push) {
      const pushed = await new TeamClient(server!, token!).push(await runPushOf(dir, files, recipe, family, tables, result, values.experiment));
      progress.note(`pushed run ${result.runId} to ${server} (${pushed.created ? 'new' : 'already there'})`);
    }
    if (values.json) out(`${JSON.stringify({ event: 'written', dir, files, runId: result.runId, metrics: result.metrics })}\n`);
    else out(`${jsonText({ run: result.runId, dir, metrics: result.metrics })}\n`);
    const failed = checkGates(result.metrics, gates);
    for (const f of failed) err(`kiln: ${f}\n`);
    return failed.length ? 1 : 0;
  } catch (e) {
    return exitFor(e, err, TRAIN_USAGE);
  }
}

export interface TrainedRecipe {
  runId: string;
  metrics: MetricMap;
  epochs: FamilyEpoch[];
  onnx: { model: Uint8Array; files: Record<string, Uint8Array | string> };
  /** fitted on the validation rows when the recipe names a calibration, as the studio's calibration panel fits it */
  calibrator: CalibratorJson | null;
  epochsRun: number;
  bestEpoch: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  engine: string;
}

/** The recipe's calibrator on the held-out validation scores: isotonic on P(positive), Platt on the logit, temperature on the logits. */
async function fitRecipeCalibrator(recipe: Recipe, family: AnyModelFamily, model: unknown, prepared: unknown, runId: string, createdAt: string): Promise<CalibratorJson> {
  if (!family.calibration.supported) throw new CliError(`calibration: ${family.calibration.reason}`);
  const method = recipe.calibration!.method;
  const p = await family.calibration.heldOut(model, prepared);
  const { y, scores } = splitScores(p, 'validation');
  try {
    return fitCalibrator(
      method,
      { y, scores: method === 'isotonic' ? scores : p.validation.logits, classes: p.classes },
      { rows: y.length, split: 'validation', created_at: createdAt, positives: p.kind === 'binary' ? y.reduce((a, v) => a + v, 0) : undefined, classes: p.labels, source: runId },
      { plattInput: 'logit' },
    );
  } catch (e) {
    throw new CliError(`calibration.method ${method}: ${e instanceof Error ? e.message : String(e)} (isotonic and platt take a binary task, temperature a multiclass one)`);
  }
}

/** Prepare → fit → evaluate → ONNX through the family contract, on the recipe's engine. */
export async function trainRecipe(
  recipe: Recipe,
  family: AnyModelFamily,
  input: unknown,
  o: { threads?: number; onEpoch?: (e: FamilyEpoch) => void; onStage?: (stage: string, detail?: string) => void; runId?: string } = {},
): Promise<TrainedRecipe> {
  const startedAt = Date.now();
  const engine = family.engines.supported ? await cpuEngine(recipe.engine, o.threads ?? 1) : null;
  // trees grow the same on any number of threads: they take every core unless told otherwise
  const trees = lazyTreeThreads(o.threads ?? os.availableParallelism());
  try {
    const epochs: FamilyEpoch[] = [];
    let prepared: unknown;
    try {
      prepared = await family.prepare(input, recipe.config, { onStage: (s, d) => o.onStage?.(s, d) });
    } catch (e) {
      // a target with one class, a column of the wrong type: the data does not fit the recipe
      throw new CliError(`${family.title}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const run = await runFamily(family, input, recipe.config, { engine: engine?.engine, treeThreads: trees.threads, prepared, onEpoch: (e) => (epochs.push(e), o.onEpoch?.(e)) });
    const metrics = await family.evaluate(run.fitted.model, run.prepared);
    const finishedAt = Date.now();
    const runId = o.runId ?? randomUUID();
    const calibrator = recipe.calibration ? await fitRecipeCalibrator(recipe, family, run.fitted.model, run.prepared, runId, new Date(finishedAt).toISOString()) : null;
    const onnx = await family.toOnnx(run.fitted.model, run.prepared, { modelId: `${family.id}_v1.0`, kilnVersion: KILN_CLI_VERSION, createdAt: new Date(finishedAt).toISOString() });
    family.dispose(run.fitted.model);
    return { runId, metrics, epochs, onnx, calibrator, epochsRun: run.fitted.epochsRun, bestEpoch: run.fitted.bestEpoch, reason: run.fitted.reason, startedAt, finishedAt, engine: engine?.label ?? trees.label() ?? 'plain JavaScript' };
  } finally {
    await engine?.close();
    await trees.close();
  }
}

function writeRunDir(dir: string, recipe: Recipe, family: AnyModelFamily, tables: Record<string, NamedFrame>, r: TrainedRecipe): string[] {
  mkdirSync(dir, { recursive: true });
  const createdAt = new Date(r.finishedAt).toISOString();
  const modelId = `${family.id}_v1.0`;
  const written: Record<string, Uint8Array | string> = {
    'model.onnx': r.onnx.model,
    ...r.onnx.files,
    'model-card.md': recipeCard(recipe, family.title, { modelId, createdAt, kilnVersion: KILN_CLI_VERSION, metrics: r.metrics, epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, reason: r.reason, durationMs: r.finishedAt - r.startedAt, engine: r.engine }),
    'metadata.json': jsonText({ model_id: modelId, created_at: createdAt, kiln_version: KILN_CLI_VERSION, family: family.id, run: { id: r.runId, name: recipe.name, engine: r.engine, epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, reason: r.reason } }),
    ...(r.calibrator ? { 'calibrator.json': jsonText(r.calibrator) } : {}),
    'metrics.json': jsonText({ run: r.runId, metrics: r.metrics, epochs: r.epochs }),
    'recipe.json': jsonText(recipe),
    'run.json': jsonText({
      id: r.runId,
      name: recipe.name,
      family: family.id,
      config: recipe.config,
      metrics: r.metrics,
      engine: r.engine,
      datasetName: Object.values(tables).map((t) => t.name).filter((n, i, a) => a.indexOf(n) === i).join(' + '),
      datasetFingerprint: null,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    }),
  };
  for (const [name, data] of Object.entries(written)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  }
  return Object.keys(written);
}

async function runPushOf(dir: string, files: string[], recipe: Recipe, family: AnyModelFamily, tables: Record<string, NamedFrame>, r: TrainedRecipe, experiment?: string): Promise<RunPush> {
  const series: SeriesPoint[] = r.epochs.map((e) => ({ kind: 'epoch', seq: e.epoch, data: { trainLoss: e.trainLoss, valLoss: e.valLoss, valMetrics: e.metrics, elapsedMs: e.elapsedMs } }));
  const shipped = files.filter((f) => f !== 'run.json' && f !== 'recipe.json' && f !== 'metrics.json');
  return {
    id: r.runId,
    experiment,
    name: recipe.name,
    family: family.id,
    status: 'completed',
    engine: r.engine,
    datasetName: Object.values(tables)[0]?.name ?? null,
    datasetFingerprint: null,
    config: recipe as unknown as Record<string, unknown>,
    metrics: Object.fromEntries(Object.entries(r.metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null])),
    tags: ['kiln-train'],
    notes: '',
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    series,
    artifacts: shipped.map((name) => pushArtifactNode(name, readFileSync(join(dir, name)))),
  };
}
