import type { SequenceDataConfig, SequenceModelConfig } from '../models/sequence/config';
import type { SequenceRunResult } from '../models/sequence/run-result';

const fmt = (v: number | null | undefined) => (v !== null && v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The model card of a career-sequence model: inputs, split, every head's figures, the changer slice and the limits. */
export function sequenceCard(c: { modelId: string; createdAt: string; kilnVersion: string; datasetName: string; data: SequenceDataConfig; model: SequenceModelConfig; result: SequenceRunResult; backend?: string }): string {
  const r = c.result.report;
  const m = c.model;
  const L = c.result.leakage;
  const row = (name: string, v: { top1: number; top5: number; tenureMae: number; tenureExamples: number; hireAuc: number; top1Ece: number; examples: number }) =>
    `| ${name} | ${v.examples} | ${fmt(v.top1)} | ${fmt(v.top5)} | ${fmt(v.tenureMae)} (n=${v.tenureExamples}) | ${fmt(v.hireAuc)} | ${fmt(v.top1Ece)} |`;
  return [
    `# Model card: ${c.modelId}`,
    '',
    `Created ${c.createdAt} by Kiln ${c.kilnVersion}${c.backend ? ` (trained on the ${c.backend} backend)` : ''}.`,
    '',
    '## Task',
    `From a person's work history (oldest role first), predict the next job title, the tenure of that next role in months, and hireability: the probability that the next role starts within ${c.data.hireGapDays} days of the previous one ending.`,
    '',
    `Model: title embedding (${m.embeddingDim}) → ${m.layers} ${m.bidirectional ? 'bidirectional ' : ''}LSTM layer(s) of ${m.hiddenUnits} units → three heads. Loss = cross-entropy + ${m.lossWeights.tenure}·MSE(tenure, standardized) + ${m.lossWeights.hire}·BCE(hireability).`,
    '',
    '## Inputs',
    `\`title_ids\` int64 [batch, seq]: each title normalized as vocab.json describes, mapped to its index (1 for unknown titles), oldest first, right-padded with 0. The vocabulary holds ${c.result.vocab.tokens.length} entries (min frequency ${c.data.vocab.minFrequency}, max size ${c.data.vocab.maxSize}); it covers ${(100 * c.result.coverage.heldOut.occurrences).toFixed(1)}% of held-out title occurrences. Prefixes of ${c.data.minPrefix}–${c.data.maxPrefix} roles were trained on (longer histories keep their latest ${c.data.maxPrefix}).`,
    '',
    '## Data and split',
    `Dataset \`${c.datasetName}\`, ${c.result.entities} people. Split by person on the end date of their latest finished role: before ${day(L.validationFrom)} train, before ${day(L.testFrom)} validation, after test. Each split scores only targets that start inside its window, so no held-out target precedes a training target.`,
    '',
    '| split | people | examples | history-only roles | targets from | to |',
    '| --- | --- | --- | --- | --- | --- |',
    ...(['train', 'validation', 'test'] as const).map((s) => {
      const x = L.splits[s];
      return `| ${s} | ${x.entities} | ${x.examples} | ${x.contextOnly} | ${x.targetFrom === null ? '—' : day(x.targetFrom)} | ${x.targetTo === null ? '—' : day(x.targetTo)} |`;
    }),
    '',
    '## Metrics',
    '| split | examples | top-1 | top-5 | tenure MAE, months | hireability AUC | top-1 ECE |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('validation', r.validation),
    row('test', r.test),
    '',
    `Most-frequent-transition baseline top-1: validation ${fmt(r.baseline.validation.top1)}, test ${fmt(r.baseline.test.top1)}.`,
    '',
    '## Career changers',
    `Test examples whose next title is in another family than the current one: ${r.test.changers.examples} (${(100 * r.test.changers.share).toFixed(1)}%). Top-1 on them ${fmt(r.test.changers.top1)}; the model predicts the title the person already holds for ${(100 * r.test.changers.samePredictionRate).toFixed(1)}% of them (baseline ${(100 * r.baseline.test.samePredictionRate).toFixed(1)}%).${r.test.changers.warning ? ` **Warning:** ${r.test.changers.warning}` : ''}`,
    '',
    '## Calibration',
    r.calibration
      ? `Isotonic calibration of the top-1 confidence, fitted on validation and measured on test: ECE ${fmt(r.calibration.testEceBefore)} → ${fmt(r.calibration.testEceAfter)}. \`calibrator.json\` maps the top-1 softmax probability of \`next_title_logits\` to a calibrated one.`
      : 'No calibrator was fitted (too few validation examples).',
    '',
    '## Intended use and limitations',
    '- Trained on the careers in this dataset; other industries, countries or periods need their own evaluation.',
    '- Tenure is only known for finished roles: held-out tenure figures rest on few, shorter roles and are biased low.',
    '- Titles outside the vocabulary all read as "unknown".',
    '- The model predicts; decisions about people (hiring, promotion) need human review and a fairness check on the relevant groups, which this card does not contain.',
    '',
  ].join('\n');
}
