import { ESSAY_FEATURES, LEGACY_ESSAY_FEATURES, measureEssay, type EssayLatents } from './essay-features';
import { essayEmbedder } from './essay-embedding';
import { gauss, int, pick, rng } from './rng';
import type { Row } from './generate';

/**
 * The demo `essays` table: graded essays for an ordinal grading model (grouped CV by prompt or
 * student, 49 engineered features, a 384-d embedding). Each essay has a latent quality: the
 * writer's ability plus essay-to-essay variation plus how easy its prompt is. The grade is that
 * quality plus rater noise, cut at ordered thresholds, so neighbouring grades overlap as real
 * marking does; features and embedding see quality only through their own noise.
 */
export const GRADES = ['F', 'E', 'D', 'D+', 'C', 'C+', 'B', 'A'] as const;

/**
 * Cuts on the graded scale (quality plus rater noise, sd ≈ 1.2), set at the normal quantiles of
 * the intended shares: F 3%, E 5%, D 9%, D+ 12%, C 20%, C+ 22%, B 19%, A 10% (few fails, most
 * mass around C–B). Rater noise is sized so a model on the features lands near human–human
 * agreement on real essay sets (QWK ≈ 0.7), not far above it.
 */
const GRADE_CUTS = [-2.25, -1.68, -1.14, -0.66, -0.03, 0.66, 1.53];
const RATER_NOISE_SD = 0.65;

/** Essay prompts: how easy each is (shifts quality), its genre, and how often it was set. */
const PROMPTS = [
  { ease: 0.2, argumentative: true, weight: 0.21 },
  { ease: -0.15, argumentative: true, weight: 0.19 },
  { ease: 0.05, argumentative: true, weight: 0.17 },
  { ease: -0.25, argumentative: true, weight: 0.15 },
  { ease: 0.1, argumentative: false, weight: 0.15 },
  { ease: 0, argumentative: false, weight: 0.13 },
];

/** About 2.5 essays per student, so a student's ability recurs across rows (and CV folds). */
const ESSAYS_PER_STUDENT = 2.5;

const WORDS = ['the', 'argument', 'evidence', 'however', 'students', 'school', 'learning', 'clearly', 'because', 'therefore', 'history', 'science', 'community', 'important'];
const DAY = 86_400_000;
const EPOCH_2015 = Date.UTC(2015, 0, 1);

function uuid(r: () => number): string {
  const h = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function pickWeighted(r: () => number, weights: readonly number[]): number {
  let u = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length - 1; i++) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
}

/** A skill trait that loads on quality with `loading` and has its own part (unit variance overall). */
const trait = (r: () => number, quality: number, loading: number) => loading * quality + Math.sqrt(1 - loading * loading) * gauss(r);

function gradeIndex(graded: number): number {
  return GRADE_CUTS.filter((c) => graded > c).length;
}

/** Column names in table order (the first ten are the table's original columns, unchanged). */
export const ESSAY_COLUMNS: readonly string[] = [
  'id',
  'student_id',
  'text',
  'grade',
  'created_at',
  ...LEGACY_ESSAY_FEATURES,
  'paragraph_lengths',
  'prompt_id',
  ...ESSAY_FEATURES.map((f) => f.name),
  'embedding',
];

/** Rows in ESSAY_COLUMNS order; the embedding is a JSON array string for the jsonb column. */
export function generateEssays(count: number): Row[] {
  // separate streams: students, rows and embeddings each stay put when another part changes
  const rs = rng(405);
  const students = Array.from({ length: Math.max(1, Math.round(count / ESSAYS_PER_STUDENT)) }, () => ({ id: uuid(rs), ability: gauss(rs) }));
  const embedder = essayEmbedder(406, PROMPTS.length, students.length);
  const r = rng(404);
  const weights = PROMPTS.map((p) => p.weight);
  return Array.from({ length: count }, (_, i) => {
    const s = int(r, 0, students.length - 1);
    const p = pickWeighted(r, weights);
    const quality = 0.6 * students[s].ability + 0.8 * gauss(r) + PROMPTS[p].ease;
    const grade = GRADES[gradeIndex(quality + RATER_NOISE_SD * gauss(r))];
    const lat: EssayLatents = {
      quality,
      mechanics: trait(r, quality, 0.55),
      lexical: trait(r, quality, 0.6),
      organization: trait(r, quality, 0.65),
      argument: trait(r, quality, 0.7),
      verbosity: trait(r, quality, 0.25),
      formality: gauss(r),
      argumentative: PROMPTS[p].argumentative,
    };
    const createdAt = EPOCH_2015 + int(r, 2500, 3600) * DAY + int(r, 0, 86_399) * 1000;
    // every 50th text has a comma, a newline and quotes: CSV export must quote them
    const text = Array.from({ length: 12 }, () => pick(r, WORDS)).join(' ') + (i % 50 === 0 ? ',\n"a quoted line"' : '.');
    const onTopic = Math.max(0.2, 0.55 + 0.12 * lat.argument + 0.05 * gauss(r));
    const { vector, promptSimilarity } = embedder.embed({ prompt: p, student: s, quality, lexical: lat.lexical, onTopic, formality: lat.formality, verbosity: lat.verbosity });
    const m = measureEssay(r, lat, promptSimilarity, createdAt);
    return [
      i + 1,
      students[s].id,
      text,
      grade,
      new Date(createdAt).toISOString(),
      ...LEGACY_ESSAY_FEATURES.map((n) => m.legacy[n]),
      m.paragraphs,
      p + 1,
      ...ESSAY_FEATURES.map((f) => m.features[f.name]),
      JSON.stringify(vector),
    ];
  });
}
