import type { ColumnStats } from '../../data/column-stats';
import type { MatcherColumns } from './matcher-data';
import { DEFAULT_SECTION_WEIGHTS, type SectionSpec } from './sections';
import { defaultMatcherTrainConfig, validateMatcherConfig, type MatcherTrainConfig } from './train-matcher';

/** A matcher's recipe: where its columns are and how it fits (the tables themselves are its input). */
export interface MatcherRecipe {
  columns: MatcherColumns;
  config: MatcherTrainConfig;
}

const TEXTY = new Set(['text', 'categorical', 'id']);
const find = (stats: ColumnStats[], re: RegExp, ok: (s: ColumnStats) => boolean = () => true) => stats.find((s) => re.test(s.name) && ok(s))?.name;
const texty = (s: ColumnStats) => TEXTY.has(s.dtype);
const numeric = (s: ColumnStats) => !TEXTY.has(s.dtype);

/** The first of `names` (in order of preference, case-insensitive) that is a text column, skipping `not`. */
function firstNamed(stats: ColumnStats[], names: string[], not?: string): string | undefined {
  for (const n of names) {
    const hit = stats.find((s) => s.name.toLowerCase() === n && texty(s) && s.name !== not);
    if (hit) return hit.name;
  }
  return undefined;
}

/** The three sections our users match on, found by column names where they exist on both sides. */
function guessSections(c: ColumnStats[], j: ColumnStats[]): SectionSpec[] {
  const pairs: [string, string[], string[]][] = [
    ['skills', ['skills_text', 'skill_text', 'skills'], ['required_skills_text', 'skills_text', 'required_skills', 'skills']],
    ['experience', ['work_history', 'experience_text', 'experience', 'history'], ['experience_text', 'experience', 'description']],
    ['education', ['education', 'education_text', 'degrees', 'degree'], ['education_requirement', 'education_text', 'education']],
  ];
  const out: SectionSpec[] = [];
  for (const [name, cn, jn] of pairs) {
    const candidateColumn = firstNamed(c, cn);
    // in one scores table both sides' columns sit together: the job side takes another column
    const jobColumn = firstNamed(j, jn, c === j ? candidateColumn : undefined);
    if (candidateColumn && jobColumn) out.push({ name, candidateColumn, jobColumn });
  }
  return out;
}

/** First guess from names over the three tables' columns: `*_id` join keys, `label` and `score`, the usual sections. */
export function defaultMatcherRecipe(p: ColumnStats[], candidates: { stats: ColumnStats[]; self: boolean }, jobs: { stats: ColumnStats[]; self: boolean }): MatcherRecipe {
  const idIn = (d: { stats: ColumnStats[]; self: boolean }, side: RegExp) => (d.self ? find(p, side) : find(d.stats, /^id$/i)) ?? d.stats[0]?.name ?? '';
  const sections = guessSections(candidates.stats, jobs.stats);
  const label = find(p, /^(label|match|is_match|hired|y)$/i, numeric) ?? null;
  const score = find(p, /^(score|relevance|rating|grade)$/i, numeric) ?? null;
  return {
    columns: {
      candidateId: idIn(candidates, /^candidate(_id)?$/i),
      jobId: idIn(jobs, /^job(_id)?$/i),
      pairCandidate: find(p, /^candidate(_id)?$/i) ?? p[0]?.name ?? '',
      pairJob: find(p, /^job(_id)?$/i) ?? p[1]?.name ?? '',
      label,
      score,
      sections,
    },
    config: {
      ...defaultMatcherTrainConfig(sections.length, label !== null),
      fixedWeights: sections.map((s) => DEFAULT_SECTION_WEIGHTS[s.name] ?? 1 / Math.max(1, sections.length)),
    },
  };
}

/** What stops a start, in words a person can act on. */
export function matcherRecipeProblems(s: MatcherRecipe): string[] {
  const c = s.columns;
  const out: string[] = [];
  if (c.sections.length === 0) out.push('add at least one section: a candidate text column and a job text column');
  if (c.sections.some((x) => !x.candidateColumn || !x.jobColumn || !x.name.trim())) out.push('every section needs a name, a candidate column and a job column');
  if (new Set(c.sections.map((x) => x.name)).size !== c.sections.length) out.push('section names must differ');
  // names become the ONNX graph's input names (skills_candidate, skills_job)
  const badName = c.sections.find((x) => x.name.trim() && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(x.name));
  if (badName) out.push(`section name "${badName.name}" must be letters, digits and _ (it names the exported model's inputs)`);
  if (c.label === null && c.score === null) out.push('choose a label column, a score column, or both');
  if (s.config.learnedMode === 'logistic' && c.label === null) out.push('logistic weights learn from binary labels: choose a label column or use least squares');
  if (s.config.learnedMode === 'least-squares' && c.score === null) out.push('least-squares weights learn from graded scores: choose a score column or use logistic');
  return [...out, ...validateMatcherConfig(s.config, c.sections.length)];
}
