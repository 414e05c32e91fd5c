import type { Rng } from '../../data/rng';
import type { SamplerKind } from './labels';

/** The unordered pair {i, j} of pool indices as one number (i < j), for sets of pairs already labeled. */
export function indexPairKey(i: number, j: number, n: number): number {
  return i < j ? i * n + j : j * n + i;
}

export interface SamplerState {
  /** pool size */
  n: number;
  /** indexPairKey of every pair labeled so far */
  labeled: ReadonlySet<number>;
  /** how often each item has been shown */
  coverage: ArrayLike<number>;
  /** the current ranker's score per item (active sampling) */
  scores?: ArrayLike<number> | null;
  rng: Rng;
}

/** A pair to show: `a` on the left. */
export interface SampledPair {
  a: number;
  b: number;
  /** |score_a − score_b| for active picks */
  gap?: number;
}

function orient(i: number, j: number, rng: Rng, gap?: number): SampledPair {
  return rng() < 0.5 ? { a: i, b: j, gap } : { a: j, b: i, gap };
}

/** Distinct unlabeled non-self pairs drawn uniformly; fewer when the pool runs out. */
function randomPairs(s: SamplerState, count: number, taken: Set<number>): [number, number][] {
  const total = (s.n * (s.n - 1)) / 2;
  const out: [number, number][] = [];
  let tries = 0;
  while (out.length < count && s.labeled.size + taken.size < total && tries < count * 50 + 1000) {
    tries++;
    const i = Math.floor(s.rng() * s.n);
    const j = Math.floor(s.rng() * s.n);
    if (i === j) continue;
    const k = indexPairKey(i, j, s.n);
    if (s.labeled.has(k) || taken.has(k)) continue;
    taken.add(k);
    out.push([i, j]);
  }
  if (out.length < count && s.labeled.size + taken.size < total) {
    // a nearly exhausted pool: enumerate what is left rather than keep guessing
    for (let i = 0; i < s.n && out.length < count; i++) {
      for (let j = i + 1; j < s.n && out.length < count; j++) {
        const k = indexPairKey(i, j, s.n);
        if (!s.labeled.has(k) && !taken.has(k)) {
          taken.add(k);
          out.push([i, j]);
        }
      }
    }
  }
  return out;
}

/** Each next pair joins the two least-shown items that have not been compared yet. */
function coveragePairs(s: SamplerState, count: number, taken: Set<number>): [number, number][] {
  const seen = Float64Array.from(s.coverage);
  const out: [number, number][] = [];
  const jitter = Float64Array.from({ length: s.n }, () => s.rng());
  for (let c = 0; c < count; c++) {
    const order = Array.from({ length: s.n }, (_, i) => i).sort((x, y) => seen[x] - seen[y] || jitter[x] - jitter[y]);
    let found: [number, number] | null = null;
    for (let p = 0; p < order.length && !found; p++) {
      for (let q = p + 1; q < order.length; q++) {
        const k = indexPairKey(order[p], order[q], s.n);
        if (!s.labeled.has(k) && !taken.has(k)) {
          found = [order[p], order[q]];
          taken.add(k);
          break;
        }
      }
    }
    if (!found) break;
    seen[found[0]]++;
    seen[found[1]]++;
    out.push(found);
  }
  return out;
}

const EXHAUSTIVE_PAIRS = 20_000;

/**
 * Uncertainty sampling: among all unlabeled pairs (a large uniform draw of them in a big pool), the ones whose score
 * difference is nearest zero, each item at most once per batch so one ambiguous item cannot
 * take the whole batch. Drawing candidates uniformly keeps the pairs diverse.
 */
function activePairs(s: SamplerState & { scores: ArrayLike<number> }, count: number, taken: Set<number>): SampledPair[] {
  const left = (s.n * (s.n - 1)) / 2 - s.labeled.size;
  // a small pool is searched exhaustively; a large one through a uniform draw of candidates
  const candidates = randomPairs(s, left <= EXHAUSTIVE_PAIRS ? left : Math.max(2000, count * 40), new Set<number>());
  const scored = candidates.map(([i, j]) => ({ i, j, gap: Math.abs(s.scores[i] - s.scores[j]) })).sort((x, y) => x.gap - y.gap);
  const used = new Set<number>();
  const out: SampledPair[] = [];
  for (const c of scored) {
    if (out.length >= count) break;
    if (used.has(c.i) || used.has(c.j)) continue;
    used.add(c.i);
    used.add(c.j);
    taken.add(indexPairKey(c.i, c.j, s.n));
    out.push(orient(c.i, c.j, s.rng, c.gap));
  }
  for (const c of scored) {
    if (out.length >= count) break;
    const k = indexPairKey(c.i, c.j, s.n);
    if (taken.has(k)) continue;
    taken.add(k);
    out.push(orient(c.i, c.j, s.rng, c.gap));
  }
  return out;
}

/**
 * The next `count` pairs to label: never a self-pair, never a pair already labeled or repeated
 * within the batch. Active sampling needs scores; without them it samples for coverage.
 */
export function samplePairs(kind: SamplerKind, s: SamplerState, count: number): SampledPair[] {
  if (s.n < 2 || count <= 0) return [];
  const taken = new Set<number>();
  if (kind === 'active' && s.scores && s.scores.length === s.n) return activePairs({ ...s, scores: s.scores }, count, taken);
  const pairs = kind === 'random' ? randomPairs(s, count, taken) : coveragePairs(s, count, taken);
  return pairs.map(([i, j]) => orient(i, j, s.rng));
}
