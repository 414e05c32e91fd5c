import type { ColumnStats } from '../../data/column-stats';
import { jsKernels } from '../../engine/js-kernels';
import { softmaxRows } from '../../calibration/softmax';
import { evaluateTask } from '../../metrics/evaluate';
import { encodeSectionsBatch, SECTIONS_INPUT, sectionsToOnnx, sectionsVocabJson } from '../../onnx/sections-onnx';
import { SECTIONS_TOKENIZER_FILES, SECTIONS_TOKENIZER_MJS, SECTIONS_TOKENIZER_PY } from '../../onnx/sections-service-tokenizer';
import { checkpointBytes, checkpointTransferables, type NetCheckpoint } from '../checkpoint';
import type { ModelFamily, NamedFrame } from '../family';
import { defaultSectionsConfig, sectionsConfigProblems, type SectionsConfig } from './config';
import { parseSectionsJsonl, sectionExamplesOf, type SectionExample } from './data';
import { heldOutProbabilities, sectionsEvaluation, sectionsHeldOut } from './evaluate';
import type { SectionsModel } from './model';
import { sectionsSearch } from './search';
import { fitSections, prepareSections, type PreparedSections } from './train';

/** Labeled sections, from a table's text and label columns or from JSONL. */
export interface SectionsInput {
  examples: SectionExample[];
  /** rows without a text or label */
  skipped: number;
  source: string;
}

export function sectionsInputFromJsonl(text: string, source: string): SectionsInput {
  return { examples: parseSectionsJsonl(text, source), skipped: 0, source };
}

/** Label columns: a few distinct values (2 to 100), as text. */
const labelLike = (c: ColumnStats) => (c.dtype === 'categorical' || c.dtype === 'text') && c.distinct >= 2 && c.distinct <= 100;

/** The recipe's columns on a table: the text column with the most distinct values, and a label column (one named like a label first). */
export function guessSectionColumns(columns: readonly ColumnStats[]): { text: string; label: string } | null {
  const labels = columns.filter(labelLike).sort((a, b) => Number(/label|section|kind|type|class/i.test(b.name)) - Number(/label|section|kind|type|class/i.test(a.name)));
  const label = labels[0];
  const texts = columns.filter((c) => c.dtype === 'text' && c.name !== label?.name).sort((a, b) => b.distinct - a.distinct);
  return label && texts[0] ? { text: texts[0].name, label: label.name } : null;
}

/**
 * Job-posting sections (requirements, benefits, …) from their text: scikit-learn-equal TF-IDF
 * into multinomial logistic regression or an MLP trained on Kiln's engine, temperature-calibrated,
 * with a confidence floor under which the caller uses the whole text (classify.ts).
 */
export const sectionsFamily: ModelFamily<SectionsInput, SectionsConfig, PreparedSections, SectionsModel, SectionsModel, NetCheckpoint> = {
  id: 'sections',
  title: 'Section classifier',
  detail: 'a text column and its section label; TF-IDF into logistic regression or an MLP',
  unit: 'epoch',
  modelArtifacts: ['sections-model'],
  fits: (data) => (guessSectionColumns(data.columns) ? { ok: true } : { ok: false, reason: 'needs a text column and a label column with 2 to 100 distinct values (the section kinds)' }),
  defaults: (data) => defaultSectionsConfig(guessSectionColumns(data.columns) ?? { text: '', label: '' }),
  validate: sectionsConfigProblems,
  prepare: (input, c) => prepareSections(input.examples, c, input.skipped),
  async fit(p, c, hooks, options = {}) {
    const kernels = options.engine?.kind === 'kiln' ? options.engine.kernels : () => jsKernels;
    const k = p.labels.length;
    const yVal = Array.from(p.split.validation, (r) => p.y[r]);
    const r = await fitSections(
      p,
      c,
      kernels,
      {
        onStage: hooks.onStage,
        onBatch: hooks.onBatch,
        shouldStop: hooks.shouldStop,
        onCheckpoint: hooks.onCheckpoint,
        onEpoch: (e) => hooks.onEpoch?.({ epoch: e.epoch, trainLoss: e.trainLoss, valLoss: e.valLoss, metrics: evaluateTask('multiclass', yVal, softmaxRows(e.valLogits, k), k), isBest: e.isBest, elapsedMs: e.elapsedMs }),
      },
      options.resume,
    );
    return { model: r.model, reason: r.reason, epochsRun: r.epochsRun, bestEpoch: r.bestEpoch, message: r.message };
  },
  predict: async (m, p) => ({ probabilities: Float32Array.from(heldOutProbabilities(m, p)) }),
  evaluate: async (m, p) => sectionsEvaluation(m, p).metrics,
  save: async (m) => structuredClone(m),
  load: (saved) => {
    if (saved?.format !== 'kiln.sections') throw new Error('not a saved section classifier (format "kiln.sections")');
    return saved;
  },
  dispose: () => {},
  // the tokenizers travel with the graph: a service cannot call it without turning text into ids
  toOnnx: async (m, _p, meta) => ({
    model: sectionsToOnnx({ model: m, ...meta }),
    files: { 'vocab.json': JSON.stringify(sectionsVocabJson(m)), [SECTIONS_TOKENIZER_FILES.mjs]: SECTIONS_TOKENIZER_MJS, [SECTIONS_TOKENIZER_FILES.py]: SECTIONS_TOKENIZER_PY },
  }),
  onnxFeeds(m, p) {
    const f = encodeSectionsBatch(m, Array.from(p.split.test, (r) => p.texts[r]));
    return { [SECTIONS_INPUT]: { type: 'int64', data: f.data, dims: f.dims } };
  },
  engines: { supported: true, webgpu: false },
  checkpoints: { supported: true, epochOf: (cp) => cp.epoch, bytes: checkpointBytes, transferables: checkpointTransferables },
  search: sectionsSearch,
  studyOf: {
    base: (c) => c,
    input: (i) => ({ examples: i.examples, skipped: i.skipped }),
    join: (_c, base) => base as SectionsConfig,
  },
  tables: {
    roles: [{ name: 'data', detail: 'labeled sections: a text column and a label column (one row per section)' }],
    optionsProblems: (o) => (o === undefined || o === null ? [] : ['this family takes no options']),
    input(tables: Record<string, NamedFrame>, config: unknown) {
      const t = tables.data;
      const { examples, skipped } = sectionExamplesOf(t.frame, (config as SectionsConfig).columns, t.name);
      return { examples, skipped, source: t.name };
    },
  },
  calibration: { supported: true, heldOut: async (m, p) => sectionsHeldOut(m, p) },
  cv: { supported: false, reason: 'The classifier is judged on one stratified held-out split (validation for early stopping and the temperature, test for the figures); folds are not built yet.' },
  report: [
    { id: 'curves', title: 'Training curves' },
    { id: 'sections-report', title: 'Per-class report and confusion matrix' },
    { id: 'sections-calibration', title: 'Calibration and the confidence floor' },
    { id: 'sections-try', title: 'Try a posting' },
  ],
};
