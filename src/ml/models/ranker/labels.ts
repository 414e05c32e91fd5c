/** 1: A is better, −1: B is better, 0: equal (a tie). */
export type PairValue = 1 | 0 | -1;

export type SamplerKind = 'random' | 'coverage' | 'active';

/** One pairwise judgement. Items are referred to by their pool id. */
export interface PairLabel {
  id: string;
  /** the pool (dataset) the items belong to */
  poolId: string;
  a: string;
  b: string;
  label: PairValue;
  reasonTags: string[];
  note?: string;
  similarity?: number;
  /** epoch milliseconds */
  labeledAt: number;
  labeler?: string;
  /** how the pair was chosen ('import' for labels read from JSONL) */
  origin: SamplerKind | 'import';
}

/** The same unordered pair whichever side each item was shown on. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function isPairValue(v: unknown): v is PairValue {
  return v === 1 || v === 0 || v === -1;
}

/** Labels as index arrays into a pool, for training; labels whose items left the pool are counted, not used. */
export function labelsToPairs(labels: readonly PairLabel[], ids: readonly string[]): { a: Int32Array; b: Int32Array; y: Int8Array; missing: number } {
  const index = new Map(ids.map((id, i) => [id, i]));
  // one order whatever the labels were read in (the page's list, IndexedDB on a resume): the same labels give the same pairs, split and batches
  const keep = labels.filter((l) => index.has(l.a) && index.has(l.b)).sort((x, y) => x.labeledAt - y.labeledAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return {
    a: Int32Array.from(keep, (l) => index.get(l.a)!),
    b: Int32Array.from(keep, (l) => index.get(l.b)!),
    y: Int8Array.from(keep, (l) => l.label),
    missing: labels.length - keep.length,
  };
}

/** How often each item has been shown in a labeled pair: the coverage the labeling view reports. */
export function itemCoverage(labels: readonly PairLabel[], ids: readonly string[]): Int32Array {
  const index = new Map(ids.map((id, i) => [id, i]));
  const counts = new Int32Array(ids.length);
  for (const l of labels) {
    const ia = index.get(l.a);
    const ib = index.get(l.b);
    if (ia !== undefined) counts[ia]++;
    if (ib !== undefined) counts[ib]++;
  }
  return counts;
}
