import { STRATEGIES, type SkillHit, type SkillSpan, type Strategy } from './extract';

/**
 * A span as a stored run keeps it: [start, end, matched text, term, strategies (bit i = STRATEGIES[i]),
 * confidence, edits (fuzzy spans; 0 otherwise)]. A tuple rather than an object: a 10,000-row run
 * holds tens of thousands of spans, and IndexedDB stores every object's key names again.
 */
export type StoredSpan = [start: number, end: number, text: string, term: string, strategies: number, confidence: number, edits: number];

/** A hit as stored: its skill, strategies and confidence, and its spans. The category comes back from the run's dictionary snapshot. */
export interface StoredHit {
  skill: string;
  strategies: Strategy[];
  confidence: number;
  spans: StoredSpan[];
}

const mask = (ss: readonly Strategy[]) => ss.reduce((m, s) => m | (1 << STRATEGIES.indexOf(s)), 0);
const unmask = (m: number): Strategy[] => STRATEGIES.filter((_, i) => m & (1 << i));

export function compactHits(rows: readonly SkillHit[][]): StoredHit[][] {
  return rows.map((hits) =>
    hits.map((h) => ({ skill: h.skill, strategies: [...h.strategies], confidence: h.confidence, spans: h.spans.map((s): StoredSpan => [s.start, s.end, s.text, s.term, mask(s.strategies), s.confidence, s.edits ?? 0]) })),
  );
}

/** The hits extractSkills returned, back from their stored form; `categories` is the run's dictionary (skill → category). */
export function expandHits(rows: readonly StoredHit[][], categories: ReadonlyMap<string, string | undefined>): SkillHit[][] {
  return rows.map((hits) =>
    hits.map((h) => {
      const category = categories.get(h.skill);
      return {
        skill: h.skill,
        ...(category ? { category } : {}),
        strategies: [...h.strategies],
        confidence: h.confidence,
        spans: h.spans.map(([start, end, text, term, m, confidence, edits]): SkillSpan => ({ start, end, text, term, strategies: unmask(m), confidence, ...(edits ? { edits } : {}) })),
      };
    }),
  );
}

/**
 * Whether the texts read now are the ones a run matched: the row count agrees and every span's
 * characters are still there. A dataset is not edited in place, but it can be deleted and
 * re-imported under the same id with other rows.
 */
export function hitsMatchTexts(rows: readonly SkillHit[][], texts: readonly (string | null)[]): boolean {
  return rows.length === texts.length && rows.every((hits, r) => hits.every((h) => h.spans.every((s) => texts[r]?.slice(s.start, s.end) === s.text)));
}
