import { ENGLISH_STOP_WORDS } from './stop-words';

/**
 * scikit-learn's default analyzer, to the character: lowercase, tokens by `(?u)\b\w\w+\b`, stop
 * words dropped, then word n-grams joined by one space. Python's Unicode `\w` is letters, digits
 * (every numeric category) and `_`; JavaScript's `\w` and `\b` are ASCII-only even with the `u`
 * flag, so the pattern is written as "runs of two or more word characters", which is what
 * `\b\w\w+\b` matches.
 */
const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

export interface AnalyzerOptions {
  lowercase: boolean;
  stopWords: 'english' | null;
  ngramRange: [number, number];
}

export function tokenize(text: string, lowercase = true): string[] {
  return (lowercase ? text.toLowerCase() : text).match(TOKEN) ?? [];
}

/** The terms of one document, in order, as scikit-learn's `build_analyzer()` returns them. */
export function analyze(text: string, o: AnalyzerOptions): string[] {
  let tokens = tokenize(text, o.lowercase);
  if (o.stopWords === 'english') tokens = tokens.filter((t) => !ENGLISH_STOP_WORDS.has(t));
  const [lo, hi] = o.ngramRange;
  if (lo === 1 && hi === 1) return tokens;
  const out: string[] = [];
  for (let n = lo; n <= hi; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' '));
  }
  return out;
}
