import { codePointOrder, type TfidfModel } from './tfidf';
import { analyze, type AnalyzerOptions } from './tokenize';

/**
 * A fitted TF-IDF seen as integer token ids, the form an ONNX TfIdfVectorizer takes (its string
 * mode cannot lowercase, tokenize or drop stop words, so that part stays with the caller).
 * Id 0 is both "not in the vocabulary" and padding: an unknown word must still break the
 * n-grams around it, and 0 is never part of a pooled n-gram, so it does.
 */

/**
 * Every word of every vocabulary term, sorted by code point as Python sorts str. Words of n-gram
 * terms are included even when min_df, max_df or max_features pruned them as unigrams, since the
 * n-gram can only be matched if each of its words has an id. Token id = index + 1.
 */
export function tokenVocabulary(m: TfidfModel): string[] {
  const words = new Set<string>();
  for (const term of m.vocabulary) for (const w of term.split(' ')) words.add(w);
  const all = [...words];
  return all.sort(codePointOrder(all));
}

/** token → id (index + 1) for a list from tokenVocabulary. */
export function tokenIdIndex(tokens: readonly string[]): Map<string, number> {
  return new Map(tokens.map((t, i) => [t, i + 1]));
}

/** The analyzer's tokens before n-grams are joined (lowercased, stop words dropped), as ids; unknown → 0. */
export function encodeTokenIds(text: string, params: Pick<AnalyzerOptions, 'lowercase' | 'stopWords'>, index: ReadonlyMap<string, number>): number[] {
  return analyze(text, { lowercase: params.lowercase, stopWords: params.stopWords, ngramRange: [1, 1] }).map((t) => index.get(t) ?? 0);
}
