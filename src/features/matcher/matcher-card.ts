import type { MatcherModelArtifact, MatcherRunRecord } from '../../db/records';
import type { MatcherRunResult } from '../../ml/models/matcher/train-matcher';
import { sklearnDfText } from '../../ml/text/tfidf';
import { KILN_VERSION } from '../export/build-export';

const f = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(4) : '—');

/** The model card of a matcher export: sections, weights, the held-out comparison and how to call the graph. */
export function matcherCard(p: { modelId: string; createdAt: string; run: MatcherRunRecord; model: MatcherModelArtifact; result: Omit<MatcherRunResult, 'sections'>; shipped: 'learned' | 'fixed' }): string {
  const { run, model, result } = p;
  const v = model[p.shipped];
  const tf = run.config.tfidf;
  const keys = [...new Set([...Object.keys(result.fixed.metrics), ...Object.keys(result.learned.metrics)])];
  const c = result.counts;
  return `# ${p.modelId}

Candidate–job matcher trained in Kiln ${KILN_VERSION} on ${p.createdAt}: TF-IDF per section, cosine per section, score = Σ wᵢ·cosᵢ + b, P(match) by Platt scaling. This bundle ships the **${p.shipped}** weights${p.shipped === 'learned' ? ` (${v.mode})` : ''}.

## Data
Pairs from \`${run.tables.pairs.name}\` (${c.pairs.toLocaleString()} pairs, ${c.labeled.toLocaleString()} labeled \`${run.columns.label ?? '—'}\`, ${c.graded.toLocaleString()} graded \`${run.columns.score ?? '—'}\`); candidates from \`${run.tables.candidates.name}\` (${c.candidates.toLocaleString()}), jobs from \`${run.tables.jobs.name}\` (${c.jobs.toLocaleString()}). ${Math.round(run.config.heldOutFraction * 100)}% of candidates held out (seed ${run.config.seed}): ${c.train.toLocaleString()} training pairs, ${c.heldOut.toLocaleString()} held-out pairs. TF-IDF was fitted on every candidate's and job's text (no labels read).

## Sections
| section | candidate column | job column | vocabulary | weight |
|---|---|---|---|---|
${run.columns.sections.map((s, i) => `| ${s.name} | \`${s.candidateColumn}\` | \`${s.jobColumn}\` | ${model.sections[i].tfidf.vocabulary.length} | ${v.linear.weights[i].toFixed(4)} |`).join('\n')}

Bias ${v.linear.bias.toFixed(4)}${v.platt ? `; Platt P(match) = 1 / (1 + exp(${v.platt.a.toFixed(4)}·score + ${v.platt.b.toFixed(4)}))` : ''}. TF-IDF: scikit-learn TfidfVectorizer semantics, n-grams (1, ${tf.ngramRange[1]}), ${sklearnDfText(tf).minDf}, ${sklearnDfText(tf).maxDf}, max_features ${tf.maxFeatures ?? 'none'}, stop words ${tf.stopWords ?? 'none'}, smooth idf, l2 norm${tf.sublinearTf ? ', sublinear tf' : ''}.

## Held-out evaluation (fixed vs learned)
| metric | fixed ${run.config.fixedWeights.join(' / ')} | learned (${result.learned.mode}) |
|---|---|---|
${keys.map((k) => `| ${k} | ${f(result.fixed.metrics[k])} | ${f(result.learned.metrics[k])} |`).join('\n')}

Classification metrics at P(match) ≥ 0.5 (both weightings calibrated by Platt on the training pairs); MSE, MAE, Pearson and Spearman against the graded score; NDCG of each candidate's jobs.

## Serving
- \`model.onnx\`: inputs \`<section>_candidate\` and \`<section>_job\`, int64 [batch, length] token ids (0 pads); outputs \`similarities\` [batch, sections], \`score\` [batch]${v.platt ? ', `probability` [batch]' : ''}. Each section runs the ONNX \`TfIdfVectorizer\` op with the idf weights, then l2 normalization and the weighted sum.
- \`vocab.json\`: per section, the token list (id = index + 1) and the tokenizer's settings.
- \`matcher-tokenizer.mjs\` (JavaScript, class \`MatcherTokenizer\`) and \`matcher_tokenizer.py\` (Python, stdlib only): text → token ids, the same normalization as training (lowercase, \`(?u)\\b\\w\\w+\\b\`, English stop words removed before bigrams, unknown words = 0).
- \`work-history.mjs\` (JavaScript, \`flattenWorkHistory\`) and \`work_history.py\` (Python, \`flatten_work_history\`): a work-history JSON cell → the experience text the matcher was trained on; the studio ran it on every section text (candidate and job side) before tokenizing, so a service does the same; text that is not a JSON array passes through unchanged.
- \`calibrator.json\`: the Platt calibrator of the score (Kiln's calibrator format), when binary labels were given.

## Limits
- Words never seen in training add nothing; synonyms do not match (TF-IDF is lexical).
- A candidate's work-history JSON is flattened to titles, companies and descriptions, most recent first; the service must flatten it the same way (\`work-history.mjs\` / \`work_history.py\` do exactly that).
`;
}
