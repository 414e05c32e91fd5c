import type { GbdtRunRecord } from '../../db/records';
import type { GbdtRunResult } from '../../ml/models/gbdt/train-gbdt';
import { KILN_VERSION } from '../export/build-export';
import { describeTreeOptions } from '../../ml/models/gbdt/constraints';
import type { DType } from '../../ml/data/frame';
import { gbdtInputFeeds, inputsTable } from '../../ml/onnx/input-feeds';

const f = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—');

/** How categorical columns reach the trees, and how a service feeds them. */
function categoricalNote(result: GbdtRunResult, sets: boolean): string {
  const cats = result.categorical ?? [];
  if (cats.length === 0) return '';
  const list = cats.map((c) => `\`${c.feature}\` (${c.categories.length} values)`).join(', ');
  if (sets)
    return `
- Categorical columns ${list}: each is one feature holding its category's code (the order listed in \`metadata.json\` → \`categorical\`), split by category sets: a node sends a learned set of categories left (in the graph, a membership column computed before the tree ensemble). The graph takes them as strings in its \`categorical\` input and codes them itself; "" is missing, and a value not seen in training counts as missing, routed by each split's learned direction.`;
  return `
- Categorical columns ${list}: each is one ordinal-coded feature, its values ordered by ${result.kind === 'multiclass' ? 'training frequency' : 'their mean target on the training rows'} (so one split separates high from low), the order listed in \`metadata.json\` → \`categorical\`. The graph takes them as strings in its \`categorical\` input and codes them itself; "" is missing, and a value not seen in training counts as missing.`;
}

/** The model card of a GBDT export: task, features, trees, held-out figures and how to read the outputs. */
export function gbdtCard({ modelId, createdAt, run, result, dtypes }: { modelId: string; createdAt: string; run: GbdtRunRecord; result: GbdtRunResult; dtypes?: Map<string, DType> }): string {
  const c = run.model;
  const v = result.validation?.metrics ?? {};
  const t = result.test?.metrics ?? {};
  const keys = Object.keys(v).filter((k) => typeof v[k] === 'number');
  const labels = result.labels ?? [];
  return `# ${modelId}

Gradient-boosted trees (${run.task.kind}) trained in Kiln ${KILN_VERSION} on ${createdAt}, on \`${run.datasetName}\`, target \`${run.task.target}\`.

## Model
- Histogram GBDT: ${result.bestRound} rounds kept of ${c.rounds} (${result.reason}); ${c.growth} growth, max depth ${c.maxDepth || 'none'}, up to ${c.numLeaves} leaves, min ${c.minSamplesLeaf} samples per leaf, L2 ${c.l2}, learning rate ${c.learningRate}, row / column subsample ${c.rowSubsample} / ${c.colSubsample}, ≤ ${c.maxBins} bins + a missing bin, seed ${c.seed}.
- Objective: ${run.task.kind === 'ordinal' ? `cumulative link (proportional odds): one latent score s, P(grade ≤ k) = σ(θ_k − s); grades lowest first: ${labels.join(' < ')}` : run.task.kind === 'multiclass' ? `softmax over ${labels.join(', ')}` : run.task.kind === 'binary' ? `log loss, positive class "${labels[1]}"` : 'squared error'}.
- Inputs: ${result.featureNames.length} features from ${result.widths.map((w) => (w.kind === 'embedding' ? `${w.column} (embedding, ${w.width} dims)` : w.kind === 'categorical' ? `${w.column} (categorical)` : w.column)).join(', ')}; NaN = missing, routed by each split's learned direction.${categoricalNote(result, c.categoricalSplits !== false)}
- Constraints: ${describeTreeOptions(c, result.categorical?.length ?? 0)}.
- Files: \`model.onnx\` (ai.onnx.ml TreeEnsemble${run.task.kind === 'regression' || run.task.kind === 'ordinal' ? 'Regressor' : 'Classifier'}${run.task.kind === 'ordinal' ? ' + the cumulative-link ops' : ''}; outputs ${run.task.kind === 'regression' ? '`prediction`' : '`label` (class index) and `probabilities`'}), \`gbdt-model.json\` (the trees as Kiln stores them), \`metadata.json\` (feature order, labels).

## Inputs
${result.categorical?.length ? `\`input\` float32 [batch, ${result.featureNames.length - result.categorical.length}] and \`categorical\` string [batch, ${result.categorical.length}]` : `One float32 tensor \`input\` [batch, ${result.featureNames.length}]`}, each column at the position given here (\`feature_names\` / \`inputs\` in metadata.json):

${inputsTable(gbdtInputFeeds(result.widths, (c) => dtypes?.get(c), (c) => result.categorical?.find((k) => k.feature === c)?.categories)).join('\n')}

## Evaluation
| metric | validation | test |
|---|---|---|
${keys.map((k) => `| ${k} | ${f(v[k])} | ${f(t[k])} |`).join('\n')}

${result.sizes ? `${result.sizes.train} training, ${result.sizes.validation} validation (early stopping), ${result.sizes.test} test rows.` : ''}

## Limits
- Free-text and id columns are not used; embed text first (a column of JSON number arrays).
- Probabilities are the model's own; check the reliability table before using them as calibrated.
`;
}
