import { db } from '../../db/db';
import { runArtifacts } from '../../db/runs-repo';
import type { DatasetRecord, RunRecord } from '../../db/records';
import { configSeed, RECIPE_KIND, RECIPE_VERSION, recipeProblems, type DataSource, type Recipe } from '../../ml/recipe/recipe';
import { familyOfRun } from '../families/registry';
import { datasetFingerprint } from '../team/run-push';

/** Where a stored dataset came from, as a recipe names it: the file (with what identifies it) or the server table and the request that exported it. */
export function sourceOf(d: DatasetRecord): DataSource {
  if (d.origin.kind === 'proxy') return { kind: 'server', table: d.origin.request.table, request: d.origin.request };
  return { kind: 'file', file: d.fileName, fingerprint: datasetFingerprint(d) };
}

/** The recipe of a stored run: its family's config, its tables' sources, the schema it read them with, its engine and seed. */
export async function runRecipe(run: RunRecord): Promise<Recipe> {
  const family = familyOfRun(run);
  if (!family) throw new Error('a search has no recipe of its own: take the recipe of its best trial’s run');
  const parts = await family.recipe(run);
  const data: Record<string, DataSource> = {};
  const schemas: Record<string, NonNullable<RunRecord['schema']>> = {};
  for (const [role, ref] of Object.entries(parts.data)) {
    if (typeof ref !== 'string') {
      data[role] = ref;
      continue;
    }
    const d = await db.datasets.get(ref);
    if (!d) throw new Error(`the dataset this run read for "${role}" is no longer stored in this browser`);
    data[role] = sourceOf(d);
    // the run keeps the overrides its main table was read with; other tables are read as they are now
    const schema = ref === run.datasetId ? run.schema : d.schema;
    if (schema) schemas[role] = schema;
  }
  // the calibrator fitted in the run's calibration panel: the rerun fits the same method on its validation rows
  const cal = (await runArtifacts(run.id)).find((a) => a.kind === 'calibrator');
  const calibration = cal?.kind === 'calibrator' ? { method: cal.data.method } : undefined;
  const recipe: Recipe = {
    kind: RECIPE_KIND,
    version: RECIPE_VERSION,
    family: run.family,
    name: run.name,
    config: parts.config,
    data,
    ...(Object.keys(schemas).length ? { schemas } : {}),
    ...(parts.options !== undefined ? { options: parts.options } : {}),
    ...(calibration ? { calibration } : {}),
    // a WebGPU or TF.js run reruns on the CPU path its engine has: Kiln's kernels for Kiln's engine
    engine: run.engine?.engine === 'tfjs' ? 'tfjs' : 'kiln',
    seed: configSeed(parts.config),
    from: { runId: run.id, runName: run.name, createdAt: new Date(run.startedAt).toISOString() },
  };
  const problems = recipeProblems(recipe);
  if (problems.length) throw new Error(`this run's recipe would not run: ${problems.join('; ')}`);
  return recipe;
}

export const recipeFileName = (run: Pick<RunRecord, 'name' | 'id'>) => `${run.name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '') || run.id}.recipe.json`;

const quote = (s: string) => (/^[A-Za-z0-9._/=:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that reruns the recipe headless, its data named where the recipe names it. */
export function cliCommand(recipe: Recipe, fileName: string, serverUrl?: string): string {
  const parts = ['kiln', 'train', '--recipe', quote(fileName)];
  const roles = Object.entries(recipe.data);
  const one = roles.length === 1;
  let server = false;
  for (const [role, s] of roles) {
    if (s.kind === 'file') parts.push('--data', quote(one ? s.file : `${role}=${s.file}`));
    if (s.kind === 'server') server = true;
  }
  if (server) parts.push('--server', quote(serverUrl ?? '$KILN_SERVER_URL'), '--token', '"$KILN_TOKEN"');
  return [...parts, '--out', 'kiln-run'].join(' ');
}
