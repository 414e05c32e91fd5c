import type { TfidfParams } from '../../text/tfidf';

/**
 * A section-classifier recipe: which columns hold the section text and its label, the TF-IDF
 * vectorizer, the model on top (multinomial logistic regression, or an MLP) and the confidence
 * floor under which a decision falls back to "use the whole text".
 */
export interface SectionsConfig {
  columns: { text: string; label: string };
  tfidf: Pick<TfidfParams, 'minDf' | 'maxDfShare' | 'maxFeatures' | 'sublinearTf' | 'ngramRange' | 'stopWords'>;
  model: SectionsModelConfig;
  /** validation rows stop training early and fit the temperature; test rows are never fitted on and give the held-out figures */
  split: { seed: number; validationFraction: number; testFraction: number };
  /** a section whose top calibrated probability is under this is not trusted: the caller uses the whole text */
  floor: number;
}

export type SectionsModelKind = 'logistic' | 'mlp';
export const SECTION_ACTIVATIONS = ['relu', 'tanh'] as const;
export type SectionsActivation = (typeof SECTION_ACTIVATIONS)[number];

export interface SectionsModelConfig {
  kind: SectionsModelKind;
  /** hidden widths of the MLP (ignored by logistic regression) */
  hidden: number[];
  activation: SectionsActivation;
  learningRate: number;
  batchSize: number;
  epochs: number;
  /** L2 on the kernels (Keras' kernel_regularizer) */
  l2: number;
  /** epochs without a validation-loss improvement before stopping (0: never stop early) */
  patience: number;
  /** temperature scaling on the validation rows (the probabilities the floor reads) */
  calibrate: boolean;
  seed: number;
  /** epochs between resumable checkpoints (0: none) */
  checkpointEvery: number;
}

/** The pipeline's rule: a classifier under this held-out accuracy is not used at all. */
export const MIN_USEFUL_ACCURACY = 0.7;

export function defaultSectionsConfig(columns: { text: string; label: string } = { text: 'text', label: 'label' }): SectionsConfig {
  return {
    columns,
    tfidf: { minDf: 2, maxDfShare: 1, maxFeatures: 3000, sublinearTf: true, ngramRange: [1, 2], stopWords: 'english' },
    model: { kind: 'logistic', hidden: [64], activation: 'relu', learningRate: 0.02, batchSize: 64, epochs: 40, l2: 1e-5, patience: 5, calibrate: true, seed: 7, checkpointEvery: 1 },
    split: { seed: 11, validationFraction: 0.15, testFraction: 0.2 },
    floor: 0.5,
  };
}

const positiveInt = (v: number) => Number.isInteger(v) && v > 0;

/** Problems in a recipe, each naming its field. */
export function sectionsConfigProblems(c: SectionsConfig): string[] {
  const out: string[] = [];
  if (!c.columns.text) out.push('columns.text: pick the column with the section text');
  if (!c.columns.label) out.push('columns.label: pick the column with the section label');
  if (c.columns.text && c.columns.text === c.columns.label) out.push('columns.label: the label column cannot be the text column');
  const t = c.tfidf;
  if (!positiveInt(t.minDf)) out.push(`tfidf.minDf: a whole number ≥ 1 (got ${t.minDf})`);
  if (!(t.maxDfShare > 0 && t.maxDfShare <= 1)) out.push(`tfidf.maxDfShare: a share in (0, 1] (got ${t.maxDfShare})`);
  if (t.maxFeatures === null || !positiveInt(t.maxFeatures) || t.maxFeatures > 50000) out.push(`tfidf.maxFeatures: a whole number from 1 to 50000: the features are a dense matrix (got ${t.maxFeatures})`);
  const [lo, hi] = t.ngramRange;
  if (!positiveInt(lo) || !positiveInt(hi) || lo > hi || hi > 3) out.push(`tfidf.ngramRange: 1 ≤ low ≤ high ≤ 3 (got ${lo}–${hi})`);
  const m = c.model;
  if (m.kind !== 'logistic' && m.kind !== 'mlp') out.push(`model.kind: logistic or mlp (got ${String(m.kind)})`);
  if (m.kind === 'mlp' && (m.hidden.length === 0 || !m.hidden.every((h) => positiveInt(h) && h <= 1024))) out.push('model.hidden: the MLP needs one or more hidden widths from 1 to 1024');
  if (!SECTION_ACTIVATIONS.includes(m.activation)) out.push(`model.activation: ${SECTION_ACTIVATIONS.join(' or ')} (got ${String(m.activation)})`);
  if (!(m.learningRate > 0 && m.learningRate < 10)) out.push(`model.learningRate: above 0 and below 10 (got ${m.learningRate})`);
  if (!positiveInt(m.batchSize)) out.push(`model.batchSize: a whole number ≥ 1 (got ${m.batchSize})`);
  if (!positiveInt(m.epochs) || m.epochs > 1000) out.push(`model.epochs: a whole number from 1 to 1000 (got ${m.epochs})`);
  if (!(m.l2 >= 0)) out.push(`model.l2: ≥ 0 (got ${m.l2})`);
  if (!(Number.isInteger(m.patience) && m.patience >= 0)) out.push(`model.patience: a whole number ≥ 0 (got ${m.patience})`);
  if (!(Number.isInteger(m.checkpointEvery) && m.checkpointEvery >= 0)) out.push(`model.checkpointEvery: a whole number ≥ 0 (got ${m.checkpointEvery})`);
  const s = c.split;
  if (!(s.validationFraction > 0 && s.testFraction > 0 && s.validationFraction + s.testFraction < 0.9)) out.push(`split: validation and test shares above 0, together under 0.9 (got ${s.validationFraction}, ${s.testFraction})`);
  if (!(c.floor >= 0 && c.floor < 1)) out.push(`floor: a probability in [0, 1) (got ${c.floor})`);
  return out;
}
