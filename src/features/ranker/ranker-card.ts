import type { RankerRunRecord } from '../../db/records';
import type { RankerRunResult } from '../../ml/models/ranker/run-result';
import { KILN_VERSION } from '../export/build-export';

const f = (v: number) => (Number.isFinite(v) ? v.toFixed(4) : '—');

/** The model card of a pairwise ranker: what it scores, how it was trained, how well it orders held-out pairs. */
export function rankerCard({ modelId, createdAt, run, result }: { modelId: string; createdAt: string; run: RankerRunRecord; result: RankerRunResult }): string {
  const c = run.model;
  const r = result.report;
  return `# ${modelId}

Pairwise ranker trained in Kiln ${KILN_VERSION} on ${createdAt}, from ${run.labelCount} pairwise labels on the pool \`${run.datasetName}\` (${result.ids.length} items).

## Model
- Shared scorer: ${c.hiddenLayers ? `${c.hiddenLayers} × (Dense ${c.hiddenUnits} → ReLU → Dropout ${c.dropout}) → Dense 1` : 'linear (Dense 1)'}; features: ${run.featureNames?.length ?? '?'} (metrics standardized with the pool's mean and std, embedding as is; a missing metric reads as the mean).
- Loss: margin ranking max(0, ${c.margin} − y·(s_a − s_b)) for A/B labels, max(0, |s_a − s_b| − ${c.margin}) for ties; L2 ${c.weightDecay}; Adam lr ${c.learningRate}, batch ${c.batchSize}, up to ${c.epochs} epochs${c.earlyStopping.enabled ? `, early stopping (patience ${c.earlyStopping.patience})` : ''}; backend ${run.backend ?? '?'}.
- Files: \`model.onnx\` (input [batch, dim] → score [batch]), \`pairwise.onnx\` (input_a, input_b → score_diff = s_a − s_b), \`labels.jsonl\` (the labels), \`tfjs/model.json\` + \`tfjs/weights.bin\` (the scorer in TF.js's layers-model format, for \`tf.loadLayersModel\`; it takes normalized features, see metadata.json's \`tfjs\`).

## Evaluation (held-out pairs, split by ${r.split.by})
| metric | value |
|---|---|
| pairwise accuracy (decisive pairs) | ${f(r.validation.accuracy)} |
| Kendall's tau-b (labels vs score differences) | ${f(r.validation.kendallTau)} |
| ties kept under the margin | ${f(r.validation.tieAgreement)} |
| training pairwise accuracy | ${f(r.train.accuracy)} |
${r.ndcg ? `| NDCG@${r.ndcg.k} of the pool vs relevance | ${f(r.ndcg.pool)} |\n` : ''}
${r.split.train} training and ${r.split.validation} held-out pairs${r.split.by === 'item' ? ` (${r.split.dropped} pairs across the item split unused)` : ''}.

## Limits
Scores are comparable only within this feature layout; they are not probabilities. Labels reflect the labelers' judgement and reason tags; check them before reusing the ranker for another purpose.
`;
}
