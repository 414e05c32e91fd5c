/**
 * Title vocabulary: index 0 is padding, 1 is "unknown"; the rest are the most frequent
 * normalized titles of the training split with at least `minFrequency` occurrences, at most
 * `maxSize` entries in all. Ties break alphabetically so a vocabulary is reproducible.
 */
export const PAD = 0;
export const UNK = 1;
export const PAD_TOKEN = '<pad>';
export const UNK_TOKEN = '<unk>';

export interface VocabOptions {
  minFrequency: number;
  maxSize: number;
}

export interface Vocabulary {
  tokens: string[];
  /** training-split occurrences per token (0 for pad; unk counts the titles left out) */
  counts: number[];
}

export interface VocabCoverage {
  /** share of title occurrences that map to a known token */
  occurrences: number;
  /** share of distinct titles that are in the vocabulary */
  distinct: number;
  distinctTitles: number;
  unknownOccurrences: number;
}

export function buildVocabulary(titles: Iterable<string>, opts: VocabOptions): Vocabulary {
  if (opts.maxSize < 3) throw new Error(`the vocabulary needs room for padding, unknown and at least one title (max size ${opts.maxSize} < 3)`);
  const freq = new Map<string, number>();
  for (const t of titles) if (t) freq.set(t, (freq.get(t) ?? 0) + 1);
  const ranked = [...freq.entries()].filter(([, c]) => c >= opts.minFrequency).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.slice(0, opts.maxSize - 2);
  const keptCount = kept.reduce((a, [, c]) => a + c, 0);
  const total = [...freq.values()].reduce((a, c) => a + c, 0);
  return { tokens: [PAD_TOKEN, UNK_TOKEN, ...kept.map(([t]) => t)], counts: [0, total - keptCount, ...kept.map(([, c]) => c)] };
}

export function vocabIndex(v: Vocabulary): Map<string, number> {
  return new Map(v.tokens.map((t, i) => [t, i]));
}

export function encodeTitle(index: Map<string, number>, title: string): number {
  const i = index.get(title);
  return i === undefined || i === PAD ? UNK : i;
}

export function vocabCoverage(v: Vocabulary, titles: Iterable<string>): VocabCoverage {
  const index = vocabIndex(v);
  let n = 0;
  let known = 0;
  const distinct = new Set<string>();
  let distinctKnown = 0;
  for (const t of titles) {
    n++;
    const hit = index.has(t) && index.get(t)! > UNK;
    if (hit) known++;
    if (!distinct.has(t)) {
      distinct.add(t);
      if (hit) distinctKnown++;
    }
  }
  return { occurrences: n ? known / n : 1, distinct: distinct.size ? distinctKnown / distinct.size : 1, distinctTitles: distinct.size, unknownOccurrences: n - known };
}
