import type { ProxyExportBody } from '../data/proxy-request';
import type { DatasetSchema } from '../data/schema';
import type { TaskKind } from '../task';
import { FAMILIES, familyById } from '../models/families';

/**
 * A recipe: everything a rerun of a run needs besides the rows themselves. The family's own
 * config (the same object its form edits and `validate` checks), where each of the family's
 * tables comes from, the type overrides the data was read with, and the engine. The studio writes
 * one for every run ("Download recipe"); `kiln train` and a distributed study's workers read it.
 */
export const RECIPE_KIND = 'kiln-recipe';
export const RECIPE_VERSION = 1;

/** Where one table comes from: a file (named, with what identifies it), a table of the Kiln server, or rows carried in the recipe (a ranker's labels, which live in the browser). */
export type DataSource =
  | { kind: 'file'; file: string; fingerprint?: string }
  | { kind: 'server'; table: string; request: ProxyExportBody }
  | { kind: 'inline'; name: string; columns: Record<string, (string | number | null)[]> };

/** `kiln`: Kiln's engine on its CPU kernels; `tfjs`: TF.js ops on its CPU backend. Both give one result on every machine. */
export type RecipeEngine = 'kiln' | 'tfjs';
export const RECIPE_ENGINES: readonly RecipeEngine[] = ['kiln', 'tfjs'];

export interface Recipe {
  kind: typeof RECIPE_KIND;
  version: number;
  family: string;
  name: string;
  /** the family's config (ModelFamily's `Config`) */
  config: unknown;
  /** one source per table role the family reads (its `tables.roles`) */
  data: Record<string, DataSource>;
  /** per role: the column types the data was read with (absent: as detected) */
  schemas?: Record<string, DatasetSchema>;
  /** what the family needs besides its config to build its input from tables (the ranker's pool spec) */
  options?: unknown;
  engine: RecipeEngine;
  /** the calibrator the run fitted on its validation rows (the studio's calibration panel): the rerun fits the same */
  calibration?: { method: 'isotonic' | 'platt' | 'temperature' };
  /** the seed the config carries (split and initialisation), for people reading the recipe */
  seed: number | null;
  /** the run the recipe was taken from */
  from?: { runId: string; runName: string; createdAt: string };
}

export class RecipeError extends Error {
  constructor(
    readonly where: string,
    readonly problems: string[],
  ) {
    super(`${where}: ${problems.join('; ')}`);
    this.name = 'RecipeError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sourceProblems(path: string, v: unknown): string[] {
  if (!isObject(v)) return [`${path}: expected an object with "kind" file, server or inline`];
  if (v.kind === 'file') return typeof v.file === 'string' && v.file ? [] : [`${path}.file: the file's name or path`];
  if (v.kind === 'server') {
    const errs: string[] = [];
    if (typeof v.table !== 'string' || !v.table) errs.push(`${path}.table: the server table's name`);
    if (!isObject(v.request) || typeof v.request.table !== 'string') errs.push(`${path}.request: the export request ({table, columns?, filters?, …})`);
    return errs;
  }
  if (v.kind === 'inline') {
    if (!isObject(v.columns)) return [`${path}.columns: an object of column arrays`];
    const lengths = new Set(Object.values(v.columns).map((c) => (Array.isArray(c) ? c.length : -1)));
    if (lengths.has(-1) || lengths.size > 1) return [`${path}.columns: arrays of one length`];
    return [];
  }
  return [`${path}.kind: "${String(v.kind)}" is not a source (use file, server or inline)`];
}

/** The first numeric `seed` in the config, depth first: what the recipe shows as its seed. */
export function configSeed(config: unknown): number | null {
  if (!isObject(config)) return null;
  if (typeof config.seed === 'number') return config.seed;
  for (const v of Object.values(config)) {
    const s = configSeed(v);
    if (s !== null) return s;
  }
  return null;
}

/** The task kind a recipe's config names (tabular: task.kind, trees: kind); what a study's metric choices depend on. */
export function recipeTaskKind(recipe: { config?: unknown }): TaskKind | undefined {
  const c = recipe.config as { task?: { kind?: TaskKind }; kind?: TaskKind } | undefined;
  return c?.task?.kind ?? c?.kind;
}

/** Every problem of a parsed recipe, each naming its field; empty when it can run. */
export function recipeProblems(v: unknown): string[] {
  if (!isObject(v)) return ['the recipe must be a JSON object'];
  const errs: string[] = [];
  if (v.kind !== RECIPE_KIND) errs.push(`kind: expected "${RECIPE_KIND}", found ${JSON.stringify(v.kind)}`);
  if (v.version !== RECIPE_VERSION) errs.push(`version: this Kiln reads recipe version ${RECIPE_VERSION}, found ${JSON.stringify(v.version)}`);
  const family = typeof v.family === 'string' ? familyById(v.family) : undefined;
  if (!family) {
    errs.push(`family: ${JSON.stringify(v.family)} is not a model family (use ${FAMILIES.map((f) => f.id).join(', ')})`);
    return errs;
  }
  if (!RECIPE_ENGINES.includes(v.engine as RecipeEngine)) errs.push(`engine: ${JSON.stringify(v.engine)} (use ${RECIPE_ENGINES.join(' or ')})`);
  if (!isObject(v.config)) errs.push('config: the family settings object');
  else {
    try {
      errs.push(...family.validate(v.config).map((p) => `config: ${p}`));
    } catch (e) {
      // a config missing a whole section makes validate itself throw: that is a problem of the recipe, not a crash
      errs.push(`config: not a ${family.title} config (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  if (!isObject(v.data)) errs.push(`data: one source per table (${family.tables.roles.map((r) => r.name).join(', ')})`);
  else for (const role of family.tables.roles) errs.push(...(role.name in v.data ? sourceProblems(`data.${role.name}`, v.data[role.name]) : [`data.${role.name}: missing (${role.detail})`]));
  errs.push(...family.tables.optionsProblems(v.options).map((p) => `options.${p}`));
  if (v.calibration !== undefined) {
    const m = isObject(v.calibration) ? v.calibration.method : undefined;
    if (m !== 'isotonic' && m !== 'platt' && m !== 'temperature') errs.push(`calibration.method: ${JSON.stringify(m)} (use isotonic, platt or temperature)`);
    else if (!family.calibration.supported) errs.push(`calibration: ${family.calibration.reason}`);
  }
  return errs;
}

/** A recipe from its JSON text; throws RecipeError naming the file and each bad field. */
export function parseRecipe(text: string, where = 'recipe'): Recipe {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RecipeError(where, [`not JSON (${e instanceof Error ? e.message : String(e)})`]);
  }
  const problems = recipeProblems(v);
  if (problems.length) throw new RecipeError(where, problems);
  return v as Recipe;
}
