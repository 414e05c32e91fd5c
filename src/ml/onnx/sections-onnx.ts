import type { SectionsModel } from '../models/sections/model';
import { ENGLISH_STOP_WORDS } from '../text/stop-words';
import { encodeTokenIds, tokenIdIndex, tokenVocabulary } from '../text/token-ids';
import { FLOAT, GraphBuilder, INT64 } from './graph-builder';
import { scalars, sectionVectors, TOKEN_PATTERN, type Int64Feed } from './matcher-onnx';

export interface SectionsExport {
  model: SectionsModel;
  modelId: string;
  kilnVersion: string;
  createdAt: string;
}

/** The graph's one input: int64 [batch, length] token ids of each section text (vocab.json), 0-padded. */
export const SECTIONS_INPUT = 'token_ids';

/** The vocab.json a service needs to turn a section's text into the graph's input. Token id = index + 1; 0 pads and stands for unknown words. */
export function sectionsVocabJson(m: SectionsModel) {
  const p = m.tfidf.params;
  return {
    format: 'kiln.sections-vocab' as const,
    version: 1 as const,
    input: SECTIONS_INPUT,
    padding_id: 0,
    unknown_id: 0,
    tokenizer: {
      lowercase: p.lowercase,
      token_pattern: TOKEN_PATTERN,
      stop_words: p.stopWords === 'english' ? [...ENGLISH_STOP_WORDS].sort() : null,
      ngram_range: [...p.ngramRange],
    },
    tokens: tokenVocabulary(m.tfidf),
    labels: m.labels.slice(),
    floor: m.floor,
    held_out_accuracy: m.heldOutAccuracy,
    temperature: m.temperature,
  };
}

/** Section texts → the graph's input, 0-padded to the longest; at least one column so an all-empty batch is still a valid tensor. */
export function encodeSectionsBatch(m: SectionsModel, texts: readonly string[]): Int64Feed {
  const index = tokenIdIndex(tokenVocabulary(m.tfidf));
  const rows = texts.map((t) => encodeTokenIds(t, m.tfidf.params, index));
  const len = rows.reduce((n, r) => Math.max(n, r.length), 1);
  const data = new BigInt64Array(texts.length * len);
  rows.forEach((r, i) => r.forEach((id, j) => (data[i * len + j] = BigInt(id))));
  return { data, dims: [texts.length, len] };
}

/**
 * Raw text token ids → TfIdfVectorizer (n-grams, counts, idf; as the matcher's export) → L2 norm
 * → the dense layers (Gemm-free MatMul + Add, the hidden activation between) → logits / T →
 * Softmax. Outputs: `logits` [batch, classes] (before the temperature) and `probabilities`
 * [batch, classes], the calibrated probabilities the confidence floor reads; classes in
 * vocab.json's `labels` order.
 */
export function sectionsToOnnx(e: SectionsExport): Uint8Array {
  const m = e.model;
  const k = m.labels.length;
  const g = new GraphBuilder();
  const c = { scalar: scalars(g), axis1: g.ints('axis1', [1], [1]) };
  let h = sectionVectors(g, m.tfidf, g.input(SECTIONS_INPUT, INT64, ['batch', 'length']), c);
  const widths = [m.tfidf.vocabulary.length, ...m.hidden, k];
  for (let l = 0; l + 1 < widths.length; l++) {
    if (l > 0) h = g.op(m.activation === 'relu' ? 'Relu' : 'Tanh', [h]);
    const z = g.op('MatMul', [h, g.floats(`w${l}`, [widths[l], widths[l + 1]], m.weights[2 * l])]);
    h = l + 2 === widths.length ? z : g.op('Add', [z, g.floats(`b${l}`, [widths[l + 1]], m.weights[2 * l + 1])]);
  }
  g.node('Add', [h, g.floats(`b${widths.length - 2}`, [k], m.weights[2 * (widths.length - 2) + 1])], { outputs: ['logits'] });
  g.output('logits', FLOAT, ['batch', k]);
  const scaled = m.temperature === 1 ? 'logits' : g.op('Div', ['logits', c.scalar(m.temperature)]);
  g.node('Softmax', [scaled], { outputs: ['probabilities'], attrs: { axis: 1 } });
  g.output('probabilities', FLOAT, ['batch', k]);
  const p = m.tfidf.params;
  const tokenizer = `lowercase=${p.lowercase}; tokens ${TOKEN_PATTERN}; ${p.stopWords === 'english' ? "scikit-learn's English stop words removed before n-grams" : 'no stop words'}; ids from vocab.json (id = index + 1 in tokens), unknown = 0, padding = 0; n-grams ${p.ngramRange.join('–')} are formed in the graph`;
  return g.build({
    name: 'kiln-sections',
    docString:
      `Kiln section classifier (${m.hidden.length ? `MLP ${m.hidden.join('×')} ${m.activation}` : 'multinomial logistic regression'} on TF-IDF; ${k} labels: ${m.labels.join(', ')}). ` +
      `Input ${SECTIONS_INPUT}: int64 [batch, length] token ids of one section's text, 0-padded, made by the tokenizer shipped with vocab.json. ` +
      `Outputs: logits float [batch, ${k}], probabilities float [batch, ${k}] = softmax(logits / ${m.temperature}) (temperature-calibrated). ` +
      `A section whose top probability is under ${m.floor} is not trusted: use the whole text${m.heldOutAccuracy < 0.7 ? '; this model is under 70% held-out accuracy, so always use the whole text' : ''}.`,
    producerVersion: e.kilnVersion,
    metadata: {
      model_id: e.modelId,
      kiln_version: e.kilnVersion,
      created_at: e.createdAt,
      labels: JSON.stringify(m.labels),
      temperature: String(m.temperature),
      floor: String(m.floor),
      held_out_accuracy: String(m.heldOutAccuracy),
      tokenizer,
    },
  });
}
