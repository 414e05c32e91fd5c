import type { DatasetRecord } from '../db/records';
import { defaultMatcherRecipe, matcherRecipeProblems, type MatcherRecipe } from '../ml/models/matcher/defaults';

/**
 * What the matcher panel edits. The selected dataset holds the labeled pairs; candidates and jobs
 * are other loaded datasets, or the pairs dataset itself when one scores table carries both
 * sides' texts.
 */
export interface MatcherSetup extends MatcherRecipe {
  candidatesId: string;
  jobsId: string;
}

/** First guess from names: `candidate*`/`job*` datasets (not the pairs one), then the family's guess of columns. */
export function defaultMatcherSetup(pairs: DatasetRecord, datasets: DatasetRecord[]): MatcherSetup {
  const others = datasets.filter((d) => d.id !== pairs.id);
  const candidates = others.find((d) => /candidate/i.test(d.name)) ?? pairs;
  const jobs = others.find((d) => /job|posting|vacanc/i.test(d.name) && d.id !== candidates.id) ?? pairs;
  const side = (d: DatasetRecord) => ({ stats: d.stats, self: d.id === pairs.id });
  return { candidatesId: candidates.id, jobsId: jobs.id, ...defaultMatcherRecipe(pairs.stats, side(candidates), side(jobs)) };
}

/** What stops a start, in words a person can act on. */
export const matcherSetupProblems = (s: MatcherSetup): string[] => matcherRecipeProblems(s);
