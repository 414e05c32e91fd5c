import { resolve } from 'node:path';
import { columnStats } from '../ml/data/column-stats';
import { parseFile } from '../ml/data/parse-file';
import { gbdtFamily } from '../ml/models/gbdt/family';
import { RECIPE_KIND, RECIPE_VERSION, type Recipe } from '../ml/recipe/recipe';
import { sampleBytes } from './fixtures';

/** A GBDT grader on the essays sample file, `rounds` rounds without early stopping: the distributed study's test and bench train it. */
export async function essaysRecipe(rounds: number): Promise<Recipe> {
  const essays = await parseFile('essays.csv', sampleBytes('essays.csv'));
  const setup = gbdtFamily.defaults({ name: 'essays.csv', columns: essays.columns.map(columnStats) });
  return {
    kind: RECIPE_KIND,
    version: RECIPE_VERSION,
    family: 'gbdt',
    name: 'essays grader',
    config: { ...setup, model: { ...setup.model, rounds, earlyStoppingRounds: 0 } },
    data: { data: { kind: 'file', file: resolve(import.meta.dirname, '../../public/samples/essays.csv') } },
    engine: 'kiln',
    seed: 1,
  };
}
