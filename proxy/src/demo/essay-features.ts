import { gauss, poisson } from './rng';

/**
 * The engineered features of the demo `essays` table, as an essay-scoring pipeline would emit
 * them (readability, lexical diversity, error rates, discourse, cohesion, argument structure).
 * Each is drawn from the essay's latent traits plus measurement noise, with strengths chosen so
 * a model can learn the grade but not memorize it: a few strong signals (length, error rates,
 * evidence), many weak ones, some nonlinear (length saturates, discourse markers peak at middling
 * quality, type-token ratio falls with length) and some pure noise. The list order is the column
 * order in the table (schema.ts builds the DDL from it, the generator the row), so the two
 * cannot drift apart.
 */
interface FeatureSpec {
  name: string;
  type: 'integer' | 'double precision';
  /** NULL occurs (a tool that could not score the essay); NOT NULL otherwise */
  nullable?: boolean;
}

export const ESSAY_FEATURES = [
  // structure
  { name: 'paragraph_count', type: 'integer' },
  { name: 'mean_paragraph_length', type: 'double precision' },
  { name: 'sentence_count', type: 'integer' },
  { name: 'sentence_length_sd', type: 'double precision' },
  { name: 'long_sentence_ratio', type: 'double precision' },
  // word level
  { name: 'avg_word_length', type: 'double precision' },
  { name: 'long_word_ratio', type: 'double precision' },
  { name: 'syllables_per_word', type: 'double precision' },
  // readability indices (exact formulas of the quantities above, so strongly collinear, as in practice)
  { name: 'flesch_reading_ease', type: 'double precision' },
  { name: 'flesch_kincaid_grade', type: 'double precision' },
  { name: 'gunning_fog', type: 'double precision' },
  { name: 'smog_index', type: 'double precision', nullable: true }, // SMOG needs 10+ sentences
  // lexical diversity and sophistication
  { name: 'unique_word_count', type: 'integer' },
  { name: 'type_token_ratio', type: 'double precision' },
  { name: 'mtld', type: 'double precision' },
  { name: 'hdd', type: 'double precision' },
  { name: 'rare_word_ratio', type: 'double precision' },
  { name: 'academic_word_ratio', type: 'double precision' },
  // mechanics
  { name: 'spelling_errors_per_100_words', type: 'double precision' },
  { name: 'grammar_errors_per_100_words', type: 'double precision' },
  { name: 'capitalization_errors', type: 'integer' },
  { name: 'agreement_errors', type: 'integer' },
  { name: 'run_on_sentence_count', type: 'integer' },
  { name: 'sentence_fragment_count', type: 'integer' },
  // punctuation
  { name: 'commas_per_sentence', type: 'double precision' },
  { name: 'semicolons_per_100_words', type: 'double precision' },
  { name: 'exclamation_marks_per_100_words', type: 'double precision' },
  // discourse and register
  { name: 'discourse_markers_per_100_words', type: 'double precision' },
  { name: 'contrast_markers_per_100_words', type: 'double precision' },
  { name: 'causal_markers_per_100_words', type: 'double precision' },
  { name: 'first_person_pronoun_ratio', type: 'double precision' },
  { name: 'passive_voice_ratio', type: 'double precision' },
  // cohesion (embedding cosines)
  { name: 'adjacent_sentence_similarity', type: 'double precision', nullable: true }, // the coherence model times out now and then
  { name: 'paragraph_cohesion', type: 'double precision', nullable: true }, // undefined for a single paragraph
  // argument structure (a discourse tagger's counts) and task fit
  { name: 'claim_count', type: 'integer' },
  { name: 'evidence_count', type: 'integer' },
  { name: 'counterargument_count', type: 'integer' },
  { name: 'thesis_confidence', type: 'double precision' },
  { name: 'has_conclusion', type: 'integer' },
  { name: 'prompt_similarity', type: 'double precision' },
  { name: 'prompt_keyword_coverage', type: 'double precision' },
  // syntax
  { name: 'clauses_per_sentence', type: 'double precision' },
  // near-constant and pure noise: real pipelines carry such columns, and models must shrug them off
  { name: 'non_ascii_char_ratio', type: 'double precision' },
  { name: 'submission_hour', type: 'integer' },
  { name: 'sentiment_polarity', type: 'double precision' },
] as const satisfies readonly FeatureSpec[];

export type EssayFeatureName = (typeof ESSAY_FEATURES)[number]['name'];

/** The four numeric features the table had before; they sit at their old places in the row. */
export const LEGACY_ESSAY_FEATURES = ['word_count', 'avg_sentence_length', 'spelling_errors', 'vocabulary_richness'] as const;

/** All 49 engineered numeric features, in table order. */
export const ESSAY_FEATURE_NAMES: readonly string[] = [...LEGACY_ESSAY_FEATURES, ...ESSAY_FEATURES.map((f) => f.name)];

export const essayFeatureDdl = (): string =>
  (ESSAY_FEATURES as readonly FeatureSpec[]).map((f) => `  ${f.name} ${f.type}${f.nullable ? '' : ' NOT NULL'}`).join(',\n');

/**
 * Latent traits of one essay, each roughly standard normal. The skill traits load on overall
 * quality with different strengths (and have their own parts), so each feature group carries a
 * partial, noisy view of quality; verbosity and formality are mostly style.
 */
export interface EssayLatents {
  quality: number;
  mechanics: number;
  lexical: number;
  organization: number;
  argument: number;
  verbosity: number;
  formality: number;
  /** argumentative prompts ask for claims and evidence; narrative ones invite "I" */
  argumentative: boolean;
}

export interface EssayMeasures {
  paragraphs: number[];
  legacy: Record<(typeof LEGACY_ESSAY_FEATURES)[number], number | null>;
  features: Record<EssayFeatureName, number | null>;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const per100 = (count: number, words: number) => (count / words) * 100;

/** Paragraph lengths summing exactly to `words`: intro and conclusion run shorter than the body. */
function splitParagraphs(r: () => number, words: number, count: number): number[] {
  const w = Array.from({ length: count }, (_, i) => (count > 2 && (i === 0 || i === count - 1) ? 0.7 : 1) * (0.7 + 0.6 * r()));
  const total = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.round((words * x) / total));
  out[count - 1] = words - out.slice(0, -1).reduce((a, b) => a + b, 0);
  return out;
}

/** Draws every measured feature of an essay from its latents; `promptSimilarity` comes from its embedding. */
export function measureEssay(r: () => number, lat: EssayLatents, promptSimilarity: number, createdAtMs: number): EssayMeasures {
  const g = () => gauss(r);
  const { quality: q, mechanics: mech, lexical: lex, organization: org, argument: arg, verbosity: verb, formality: form } = lat;

  // length saturates: weak essays are short, but the best are not much longer than good ones
  const words = Math.round(clamp(110 + 560 * sigmoid(0.75 * q + 0.45 * verb + 0.2 * org - 0.1) * Math.exp(0.22 * g()), 80, 1200));
  const paragraphCount = Math.round(clamp(1.2 + (words / 130) * (0.5 + 0.4 * sigmoid(1.2 * org)) + 0.6 * g(), 1, 8));
  const paragraphs = splitParagraphs(r, words, paragraphCount);

  // weak mechanics show up as run-ons, i.e. longer and more uneven "sentences" (a nonlinear effect)
  const runOn = Math.max(0, -mech - 0.6);
  const asl = clamp(16 + 1.3 * lex + 1.1 * verb + 1.6 * runOn + 2 * g(), 8, 38);
  const sentences = Math.max(3, Math.round(words / asl));
  const aslSd = clamp(5.5 + 0.9 * lex + 1.2 * runOn + 0.25 * (asl - 16) + 1.3 * g(), 1.5, 20);
  const longShare = sigmoid((1.7 * (asl - 25)) / aslSd);
  let longSentences = 0;
  for (let s = 0; s < sentences; s++) if (r() < longShare) longSentences++;

  const awl = 4.4 + 0.2 * lex + 0.07 * form + 0.09 * g();
  const spw = 1.32 + 0.2 * (awl - 4.4) + 0.03 * g();
  const complexShare = clamp(0.1 + 0.35 * (spw - 1.32) + 0.02 * g(), 0.02, 0.35);

  // Heaps' law: distinct words grow sublinearly, so the raw type-token ratio falls with length
  const types = Math.min(words, Math.round(2.6 * Math.exp(0.11 * lex + 0.05 * g()) * words ** 0.72));

  const spelling = poisson(r, (words / 100) * 1.1 * Math.exp(-0.65 * mech));
  const grammar = poisson(r, (words / 100) * 1.3 * Math.exp(-0.55 * mech - 0.1 * lex));
  const genre = lat.argumentative ? 1 : 0.55;

  const features: Record<EssayFeatureName, number | null> = {
    paragraph_count: paragraphCount,
    mean_paragraph_length: words / paragraphCount,
    sentence_count: sentences,
    sentence_length_sd: aslSd,
    long_sentence_ratio: longSentences / sentences,
    avg_word_length: awl,
    long_word_ratio: clamp(0.21 + 0.12 * (awl - 4.4) + 0.025 * g(), 0.05, 0.5),
    syllables_per_word: spw,
    flesch_reading_ease: 206.835 - 1.015 * asl - 84.6 * spw,
    flesch_kincaid_grade: 0.39 * asl + 11.8 * spw - 15.59,
    gunning_fog: 0.4 * (asl + 100 * complexShare),
    smog_index: sentences < 10 ? null : 1.043 * Math.sqrt((complexShare * words * 30) / sentences) + 3.1291,
    unique_word_count: types,
    type_token_ratio: types / words,
    mtld: clamp(72 + 13 * lex + 9 * g(), 25, 160),
    hdd: clamp(0.79 + 0.025 * lex + 0.018 * g(), 0.6, 0.95),
    rare_word_ratio: clamp(0.07 + 0.016 * lex + 0.015 * g(), 0, 0.3),
    academic_word_ratio: clamp(0.05 + 0.012 * lex + 0.012 * form + 0.012 * g(), 0, 0.25),
    spelling_errors_per_100_words: per100(spelling, words),
    grammar_errors_per_100_words: per100(grammar, words),
    capitalization_errors: poisson(r, (words / 300) * 0.5 * Math.exp(-0.8 * mech)),
    agreement_errors: poisson(r, (words / 300) * 0.6 * Math.exp(-0.6 * mech)),
    run_on_sentence_count: poisson(r, (sentences / 10) * 0.3 * Math.exp(-0.7 * mech + 0.25 * verb)),
    sentence_fragment_count: poisson(r, (sentences / 10) * 0.3 * Math.exp(-0.5 * mech - 0.25 * org)),
    commas_per_sentence: clamp(0.25 + 0.045 * asl + 0.12 * lex + 0.08 * mech + 0.22 * g(), 0, 4),
    semicolons_per_100_words: per100(poisson(r, (words / 100) * 0.06 * Math.exp(0.5 * lex + 0.3 * form)), words),
    exclamation_marks_per_100_words: per100(poisson(r, (words / 100) * 0.12 * Math.exp(-0.5 * q - 0.6 * form)), words),
    // formulaic "firstly … in conclusion" writing overuses markers: they peak at middling quality
    discourse_markers_per_100_words: clamp(1.5 + 0.4 * Math.tanh(org) - 0.22 * (q - 0.2) ** 2 + 0.35 * g(), 0, 5),
    contrast_markers_per_100_words: clamp(0.28 + 0.07 * arg + 0.13 * g(), 0, 2),
    causal_markers_per_100_words: clamp(0.42 + 0.09 * arg + 0.16 * g(), 0, 2),
    first_person_pronoun_ratio: clamp(0.018 + (lat.argumentative ? 0 : 0.025) - 0.008 * form - 0.003 * q + 0.009 * g(), 0, 0.15),
    passive_voice_ratio: clamp(0.09 + 0.025 * form + 0.012 * lex + 0.035 * g(), 0, 0.5),
    adjacent_sentence_similarity: r() < 0.02 ? null : clamp(0.24 + 0.035 * org + 0.045 * g(), 0.02, 0.7),
    paragraph_cohesion: paragraphCount === 1 ? null : clamp(0.36 + 0.05 * org + 0.06 * g(), 0.05, 0.8),
    claim_count: poisson(r, genre * Math.exp(0.55 + 0.3 * arg) * Math.sqrt(words / 350)),
    evidence_count: poisson(r, genre * Math.exp(0.35 + 0.5 * arg) * (words / 350)),
    counterargument_count: poisson(r, genre * 0.35 * Math.exp(0.75 * arg)),
    thesis_confidence: sigmoid(0.9 + 1.1 * org + 0.5 * arg + 0.9 * g()),
    has_conclusion: r() < sigmoid(0.5 + org + (1.5 * (words - 300)) / 300) ? 1 : 0,
    prompt_similarity: promptSimilarity,
    prompt_keyword_coverage: Math.round(clamp(0.45 + 0.11 * arg + 0.12 * g(), 0, 1) * 12) / 12,
    clauses_per_sentence: clamp(0.75 + 0.045 * asl + 0.08 * lex + 0.15 * g(), 1, 4),
    non_ascii_char_ratio: r() < 0.95 ? 0 : 0.0005 + 0.004 * r(),
    submission_hour: new Date(createdAtMs).getUTCHours(),
    sentiment_polarity: clamp(0.08 + 0.22 * g(), -1, 1),
  };
  for (const f of ESSAY_FEATURES) {
    const v = features[f.name];
    if (v !== null) features[f.name] = f.type === 'integer' ? Math.round(v) : round(v, 4);
  }
  return {
    paragraphs,
    legacy: {
      word_count: words,
      avg_sentence_length: round(asl, 3),
      spelling_errors: spelling,
      // kept at ~5% NULL (a proxy test filters on not_null)
      vocabulary_richness: r() < 0.05 ? null : round(clamp(0.56 + 0.075 * lex + 0.045 * g(), 0.3, 0.9), 4),
    },
    features,
  };
}
