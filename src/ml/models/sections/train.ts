import { mulberry32 } from '../../data/rng';
import { stratifiedSplit, type Split } from '../../data/splits';
import { fitTemperature } from '../../calibration/temperature';
import { fitDense } from '../../engine/fit-dense';
import { denseLayout, type DenseNetSpec } from '../../engine/dense-net';
import { jsKernels } from '../../engine/js-kernels';
import type { KernelFactory } from '../../engine/kernels';
import type { NetCheckpoint } from '../checkpoint';
import type { FitArrays, FitHooks } from '../dense-fit';
import type { StopReason } from '../loop-utils';
import { accuracy, argmaxRows } from '../../metrics/multiclass';
import { DEFAULT_TFIDF, fitTfidf, type TfidfModel } from '../../text/tfidf';
import type { SectionsConfig } from './config';
import type { SectionExample } from './data';
import { sectionLogits, tfidfMatrix, type SectionsModel } from './model';

/** The examples split, labelled by index, with TF-IDF fitted on the training rows only and every row vectorized. */
export interface PreparedSections {
  texts: string[];
  /** class index per example (into `labels`, sorted by code point as scikit-learn's LabelEncoder sorts) */
  y: Int32Array;
  labels: string[];
  split: Split;
  tfidf: TfidfModel;
  /** dense TF-IDF rows of every example (row-major n × vocabulary) */
  x: Float32Array;
  /** rows a table gave without text or label */
  skipped: number;
}

/** The dense TF-IDF matrix's cap (float32 cells; the fit copies the training rows once more): 400 MB. */
export const MAX_DENSE_CELLS = 100_000_000;

export function prepareSections(examples: readonly SectionExample[], c: SectionsConfig, skipped = 0): PreparedSections {
  const labels = [...new Set(examples.map((e) => e.label))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (labels.length < 2) throw new Error(`a section classifier needs at least two labels (got ${labels.length === 0 ? 'none' : `only "${labels[0]}"`})`);
  const id = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(examples, (e) => id.get(e.label) as number);
  const texts = examples.map((e) => e.text);
  const split = stratifiedSplit(Int32Array.from(texts, (_, i) => i), y, { strategy: 'stratified', seed: c.split.seed, validationFraction: c.split.validationFraction, testFraction: c.split.testFraction });
  if (split.test.length === 0) throw new Error(`too few sections per label for a held-out test split (${examples.length} sections, ${labels.length} labels)`);
  const tfidf = fitTfidf(Array.from(split.train, (r) => texts[r]), { ...DEFAULT_TFIDF, ...c.tfidf, lowercase: true, smoothIdf: true, norm: 'l2' });
  const cells = texts.length * tfidf.vocabulary.length;
  if (cells > MAX_DENSE_CELLS) {
    const fit = Math.max(1, Math.floor(MAX_DENSE_CELLS / texts.length));
    throw new Error(`${texts.length.toLocaleString('en-US')} sections × ${tfidf.vocabulary.length.toLocaleString('en-US')} TF-IDF terms is too large for the dense feature matrix (${(cells / 1e6).toFixed(0)} million cells, at most ${MAX_DENSE_CELLS / 1e6} million): set tfidf.maxFeatures to ${fit.toLocaleString('en-US')} or fewer`);
  }
  return { texts, y, labels, split, tfidf, x: tfidfMatrix(tfidf, texts), skipped };
}

export function sectionsNetSpec(p: PreparedSections, c: SectionsConfig): DenseNetSpec {
  return { inputDim: p.tfidf.vocabulary.length, hidden: c.model.kind === 'mlp' ? c.model.hidden.slice() : [], activation: c.model.activation, outputDim: p.labels.length, dropout: 0, l2: c.model.l2, task: 'multiclass' };
}

/** Glorot-uniform kernels and zero biases, as Keras' Dense starts, drawn from the recipe's seed. */
export function initialWeights(spec: DenseNetSpec, seed: number): Float32Array[] {
  const rng = mulberry32(seed + 99);
  return denseLayout(spec).layers.flatMap((L) => {
    const limit = Math.sqrt(6 / (L.inDim + L.outDim));
    return [Float32Array.from({ length: L.inDim * L.outDim }, () => (2 * rng() - 1) * limit), new Float32Array(L.outDim)];
  });
}

function rowsOf(p: PreparedSections, rows: Int32Array): { x: Float32Array; y: Float32Array } {
  const V = p.tfidf.vocabulary.length;
  const k = p.labels.length;
  const x = new Float32Array(rows.length * V);
  const y = new Float32Array(rows.length * k);
  rows.forEach((r, i) => {
    x.set(p.x.subarray(r * V, (r + 1) * V), i * V);
    y[i * k + p.y[r]] = 1;
  });
  return { x, y };
}

export interface SectionsFit {
  model: SectionsModel;
  reason: StopReason;
  epochsRun: number;
  bestEpoch: number;
  message?: string;
  /** Kiln's kernels that trained it ('js', 'wasm-simd', …) */
  kernels: string;
}

/**
 * Trains the network on Kiln's engine (fitDense: Adam, early stopping on the validation loss with
 * the best weights restored, resumable checkpoints), then fits the softmax temperature on the
 * validation rows and measures accuracy on the test rows, which nothing was fitted on.
 */
export async function fitSections(p: PreparedSections, c: SectionsConfig, kernels: KernelFactory = () => jsKernels, hooks: FitHooks = {}, resume?: NetCheckpoint): Promise<SectionsFit> {
  const spec = sectionsNetSpec(p, c);
  const train = rowsOf(p, p.split.train);
  const val = rowsOf(p, p.split.validation);
  const data: FitArrays = { xTrain: train.x, yTrain: train.y, nTrain: p.split.train.length, xVal: val.x, yVal: val.y, nVal: p.split.validation.length, inputDim: spec.inputDim, targetWidth: spec.outputDim };
  const m = c.model;
  const early = { enabled: m.patience > 0, patience: Math.max(1, m.patience), restoreBestWeights: m.patience > 0 };
  const r = await fitDense(spec, initialWeights(spec, m.seed), 'multiclass', data, { learningRate: m.learningRate, batchSize: m.batchSize, epochs: m.epochs, earlyStopping: early, seed: m.seed, readsPerEpoch: 4, checkpointEvery: m.checkpointEvery }, kernels, hooks, resume);
  const model: SectionsModel = { format: 'kiln.sections', version: 1, labels: p.labels, tfidf: p.tfidf, hidden: spec.hidden, activation: c.model.activation, weights: r.weights, temperature: 1, heldOutAccuracy: NaN, floor: c.floor };
  if (m.calibrate) {
    const valTexts = Array.from(p.split.validation, (i) => p.texts[i]);
    model.temperature = fitTemperature(sectionLogits(model, valTexts), Array.from(p.split.validation, (i) => p.y[i]), p.labels.length);
  }
  const testLogits = sectionLogits(model, Array.from(p.split.test, (i) => p.texts[i]));
  model.heldOutAccuracy = accuracy(Array.from(p.split.test, (i) => p.y[i]), argmaxRows(testLogits, p.labels.length));
  return { model, reason: r.reason, epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, message: r.message, kernels: r.kernels };
}
