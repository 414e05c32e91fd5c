import type { CalibratorJson } from '../calibration/calibrator';
import { calibrationRegressions, describeRegressions } from '../calibration/regressions';
import type { MetricMap } from '../metrics/evaluate';
import type { SplitConfig, SplitSizes, TaskSpec } from '../task';
import { inputsTable, type InputFeed } from './input-feeds';

export interface CardInput {
  modelId: string;
  createdAt: string;
  kilnVersion: string;
  task: TaskSpec;
  datasetName: string;
  datasetSource: string;
  split: SplitConfig;
  splitSizes?: SplitSizes;
  architecture: string;
  metrics?: MetricMap;
  calibration?: { method: CalibratorJson['method']; before: Record<string, number>; after: Record<string, number> } | null;
  backend?: string;
  /** each input column with how a caller must encode it (dates as epoch ms, categories as strings) */
  inputs?: InputFeed[];
  /** binary: the decision threshold the label output applies */
  threshold?: number;
  /** one line per feature: its type and how the file wrote it (see featureTypeLines) */
  featureTypes?: string[];
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

/** The model card shipped in the bundle: what the model is for, how it was made and measured, and its limits. */
export function modelCard(c: CardInput): string {
  const lines = [
    `# Model card: ${c.modelId}`,
    '',
    `Created ${c.createdAt} by Kiln ${c.kilnVersion}${c.backend ? ` (trained on the ${c.backend} backend)` : ''}.`,
    '',
    '## Task',
    `${c.task.kind} prediction of \`${c.task.target}\`${c.task.labels ? ` (classes, in order: ${c.task.labels.join(', ')})` : ''} from ${c.task.features.length} features: ${c.task.features.map((f) => `\`${f}\``).join(', ')}.`,
    '',
    `Model: ${c.architecture}.`,
    '',
    '## Data',
    `Dataset \`${c.datasetName}\` (${c.datasetSource}). Split: ${c.split.strategy}, seed ${c.split.seed}${c.splitSizes ? `, ${c.splitSizes.train} train / ${c.splitSizes.validation} validation / ${c.splitSizes.test} test rows` : ''}.`,
    '',
    ...(c.featureTypes?.length ? ['## Feature types', ...c.featureTypes.map((l) => `- ${l}`), ''] : []),
    '## Metrics (validation split)',
    ...(c.metrics ? ['| metric | value |', '| --- | --- |', ...Object.entries(c.metrics).map(([k, v]) => `| ${k} | ${fmt(v)} |`)] : ['None recorded.']),
    '',
    '## Calibration',
    ...(c.calibration
      ? [
          `${c.calibration.method}, fitted on the validation split and measured on the test split:`,
          '',
          '| metric | before | after |',
          '| --- | --- | --- |',
          ...Object.keys(c.calibration.before).map((k) => `| ${k} | ${fmt(c.calibration!.before[k])} | ${fmt(c.calibration!.after[k] ?? NaN)} |`),
          '',
          'The ONNX output `probabilities_calibrated` applies it; `calibrator.json` holds it for other runtimes.',
          ...(calibrationRegressions(c.calibration.before, c.calibration.after).length
            ? ['', `**Warning:** this calibrator made the test split's scores worse (${describeRegressions(calibrationRegressions(c.calibration.before, c.calibration.after))}); prefer \`probabilities\` until it is refitted.`]
            : []),
        ]
      : ['No calibrator was fitted.']),
    '',
    ...(c.task.kind === 'binary' ? [thresholdSection(c.threshold, c.task.labels?.[1])] : []),
    '## Using it',
    'Feed raw feature values: `numeric` float32 [batch, n] in the order of the `numeric_inputs` metadata (NaN for missing) and, when present, `categorical` string [batch, m] in the order of `categorical_inputs` ("" for missing). Scaling and encoding happen inside the graph.',
    '',
    ...(c.inputs ? ['### Inputs', '', ...inputsTable(c.inputs), ''] : []),
    '## Intended use and limitations',
    `- Intended for the population \`${c.datasetName}\` describes; performance on other populations, time periods or sources is unknown until measured.`,
    '- Metrics come from one seeded split; small validation or test splits make them noisy.',
    '- Categories unseen in training share one "other" slot; numeric values far outside the training range extrapolate without warning.',
    '- The model predicts; decisions about people (hiring, grading) need human review and a fairness check on the relevant groups, which this card does not contain.',
    '',
  ];
  return lines.join('\n');
}

/** The decision-threshold paragraph of a binary model's card (every classifier's card shares it). */
export function thresholdSection(threshold: number | undefined, positive: string | undefined): string {
  const t = threshold ?? 0.5;
  return `## Decision threshold\nThe \`label\` output is ${positive ? `"${positive}"` : 'the positive class'} (1) where \`probabilities[:, 1]\` ≥ **${t}**, chosen on the validation split${t === 0.5 ? ' (the default)' : ''}; metadata \`decision_threshold\` holds it. Apply the same rule to \`probabilities_calibrated\` only after re-choosing the threshold on calibrated scores.\n`;
}
