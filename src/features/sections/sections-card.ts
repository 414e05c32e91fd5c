import type { SectionsRunRecord } from '../../db/records';
import type { SectionsModel } from '../../ml/models/sections/model';
import type { SectionsRunResult } from '../../ml/models/sections/run-result';
import { sklearnDfText } from '../../ml/text/tfidf';
import { KILN_VERSION } from '../export/build-export';

const f = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—');

/** The model card of a section-classifier export: data, model, per-class figures, the floor and how to call the graph. */
export function sectionsCard(p: { modelId: string; createdAt: string; run: SectionsRunRecord; model: SectionsModel; result: SectionsRunResult }): string {
  const { run, model, result } = p;
  const c = run.config;
  const n = result.counts;
  const prec = result.report.precision_per_class as number[];
  const rec = result.report.recall_per_class as number[];
  const usable = model.heldOutAccuracy >= 0.7;
  return `# ${p.modelId}

Section classifier trained in Kiln ${KILN_VERSION} on ${p.createdAt}: scikit-learn-equal TF-IDF into ${model.hidden.length ? `an MLP (${model.hidden.join('×')}, ${model.activation})` : 'multinomial logistic regression'}, trained with Adam on Kiln's engine, probabilities calibrated by temperature scaling (T = ${model.temperature.toFixed(4)}) on the validation sections.

## Data
\`${run.datasetName}\`: text \`${c.columns.text}\`, label \`${c.columns.label}\`. ${n.train.toLocaleString()} training, ${n.validation.toLocaleString()} validation (early stopping, temperature) and ${n.test.toLocaleString()} test sections (stratified, seed ${c.split.seed}; the test sections were never fitted on)${n.skipped ? `; ${n.skipped} rows skipped without text or label` : ''}. TF-IDF fitted on the training sections: ${n.vocabulary.toLocaleString()} terms, n-grams (${c.tfidf.ngramRange.join(', ')}), ${sklearnDfText(c.tfidf).minDf}, ${sklearnDfText(c.tfidf).maxDf}, max_features ${c.tfidf.maxFeatures ?? 'none'}, stop words ${c.tfidf.stopWords ?? 'none'}${c.tfidf.sublinearTf ? ', sublinear tf' : ''}, smooth idf, l2 norm.

## Held-out evaluation (test sections)
Accuracy ${f(result.metrics.accuracy)} · macro F1 ${f(result.metrics.f1_macro)} · log loss ${f(result.metrics.log_loss)} · top-label ECE ${f(result.metrics.top_label_ece_15_uniform)}

| label | precision | recall | test sections |
|---|---|---|---|
${result.labels.map((l, i) => `| ${l} | ${f(prec[i])} | ${f(rec[i])} | ${result.support[i]} |`).join('\n')}

## Confidence floor
A section whose top probability is under **${model.floor}** is not trusted: use the whole text for it. ${usable ? '' : `**This model's held-out accuracy (${f(model.heldOutAccuracy)}) is under 0.70, so every decision falls back to the whole text.**`}

## Serving
- \`model.onnx\`: input \`token_ids\`, int64 [batch, length] (0 pads); outputs \`logits\` and \`probabilities\` [batch, ${result.labels.length}] in \`vocab.json\`'s \`labels\` order. The graph runs ONNX \`TfIdfVectorizer\` with the idf weights, l2 normalization, the dense layers, division by the temperature and softmax.
- \`vocab.json\`: the tokens (id = index + 1), the tokenizer settings, the labels, the floor and the held-out accuracy.
- \`sections-tokenizer.mjs\` (class \`SectionsTokenizer\`) and \`sections_tokenizer.py\`: split a posting into sections (blank lines and headings), text → token ids, the padded batch, and the floor decision.

## Limits
- TF-IDF is lexical: words never seen in training add nothing.
- Trained on \`${run.datasetName}\` only; postings written differently may fall under the floor more often.
`;
}
