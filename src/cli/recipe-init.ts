import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { columnStats } from '../ml/data/column-stats';
import { FAMILIES, familyById } from '../ml/models/families';
import { configSeed, RECIPE_KIND, RECIPE_VERSION, recipeProblems, type Recipe, type RecipeEngine } from '../ml/recipe/recipe';
import { loadTables, resolveSources } from './data-source';
import { CliError, exitFor } from './errors';

export const RECIPE_USAGE = `  kiln recipe init --family F (--data FILE | --data ROLE=FILE … | --server URL --table [ROLE=]T …) [--token T]
                   [--target COLUMN] [--engine kiln|tfjs] [--name NAME] [--out recipe.json]
      a first recipe for the data: the family's defaults, as the studio's forms start (edit it, then kiln train)
  kiln recipe check --recipe recipe.json      every problem of a recipe, naming its field (exit 2 when any)`;

const OPTIONS = {
  family: { type: 'string' },
  data: { type: 'string', multiple: true },
  table: { type: 'string', multiple: true },
  server: { type: 'string' },
  token: { type: 'string' },
  target: { type: 'string' },
  engine: { type: 'string' },
  name: { type: 'string' },
  out: { type: 'string' },
  recipe: { type: 'string' },
} as const;

export async function runRecipe(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  try {
    const [sub, ...rest] = args;
    const { values } = parseArgs({ args: rest, options: OPTIONS, strict: true });
    if (sub === 'check') {
      const { readFileSync } = await import('node:fs');
      if (!values.recipe) throw new CliError('missing --recipe FILE');
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(values.recipe, 'utf8'));
      } catch (e) {
        throw new CliError(`${values.recipe}: ${(e as Error).message}`);
      }
      const problems = recipeProblems(parsed);
      if (problems.length) throw new CliError(`${values.recipe}:\n  ${problems.join('\n  ')}`);
      out(`${values.recipe}: ok\n`);
      return 0;
    }
    if (sub !== 'init') throw new CliError(`kiln recipe takes init or check, got "${sub ?? ''}"\n\n${RECIPE_USAGE}`);
    const family = familyById(values.family ?? '');
    if (!family) throw new CliError(`--family: ${JSON.stringify(values.family ?? null)} is not a model family (use ${FAMILIES.map((f) => f.id).join(', ')})`);
    const engine = (values.engine ?? 'kiln') as RecipeEngine;
    if (engine !== 'kiln' && engine !== 'tfjs') throw new CliError(`--engine: kiln or tfjs, got "${engine}"`);
    const roles = family.tables.roles.map((r) => r.name);
    const empty: Recipe = { kind: RECIPE_KIND, version: RECIPE_VERSION, family: family.id, name: values.name ?? `${family.id} run`, config: {}, data: {}, engine, seed: null };
    const server = values.server ?? process.env.KILN_SERVER_URL;
    const overrides = { data: values.data, table: values.table, server, token: values.token ?? process.env.KILN_TOKEN };
    const tables = await loadTables(empty, roles, overrides);
    const data = resolveSources(empty, roles, overrides);
    // the family judges its dataset by its first table's columns, as the studio does with the selected dataset
    const first = tables[roles[roles.length - 1]];
    // the forms take the last usable column as the target: a named target is moved there
    const cols = first.frame.columns.map(columnStats);
    if (values.target && !cols.some((c) => c.name === values.target)) throw new CliError(`--target: ${first.name} has no column "${values.target}" (columns: ${cols.map((c) => c.name).join(', ')})`);
    const info = { name: first.name, columns: values.target ? [...cols.filter((c) => c.name !== values.target), ...cols.filter((c) => c.name === values.target)] : cols };
    let config: unknown;
    if (family.tables.defaultConfig) config = family.tables.defaultConfig(tables);
    else {
      const fit = family.fits(info);
      if (!fit.ok) throw new CliError(`${first.name} cannot train a ${family.title}: ${fit.reason}`);
      config = family.defaults(info);
    }
    const recipe: Recipe = { ...empty, config, data, options: family.tables.defaultOptions?.(tables), seed: configSeed(config) };
    const problems = recipeProblems(recipe);
    if (problems.length) throw new CliError(`the defaults for ${first.name} are not a runnable recipe: ${problems.join('; ')}`);
    const text = `${JSON.stringify(recipe, null, 2)}\n`;
    if (values.out) writeFileSync(values.out, text);
    else out(text);
    return 0;
  } catch (e) {
    return exitFor(e, err, RECIPE_USAGE);
  }
}
