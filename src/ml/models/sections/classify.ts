import { MIN_USEFUL_ACCURACY } from './config';
import { sectionProbabilities, type SectionsModel } from './model';

/**
 * Splitting a posting into sections, and the confidence floor.
 *
 * The split rule: a section ends at a blank line (one or more empty or whitespace-only lines),
 * and a heading line starts a new one. A heading is a line of at most 60 characters that is a
 * Markdown heading (`# …`), ends with a colon, or is written in capitals (at least one letter,
 * no lowercase), and is not a bullet (`- `, `* `, `• `); the heading stays with the lines under it (it is the strongest cue of the
 * section's kind). Lines are trimmed; sections with no word character are dropped.
 */
export function splitSections(text: string): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    const s = cur.join('\n').trim();
    if (/[\p{L}\p{N}]/u.test(s)) out.push(s);
    cur = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      flush();
      continue;
    }
    if (isHeading(line) && cur.length > 0) flush();
    cur.push(line);
  }
  flush();
  return out;
}

export function isHeading(line: string): boolean {
  // a bullet is a list item however it is written ("- SQL" is not a heading)
  if (line.length > 60 || /^[-*•·–]\s/.test(line)) return false;
  if (/^#{1,6}\s/.test(line)) return true;
  if (/:\s*$/.test(line)) return true;
  return /\p{L}/u.test(line) && !/\p{Ll}/u.test(line);
}

/** One section's decision: a label it is trusted with, or the whole-text fallback and why. */
export type SectionDecision =
  | { text: string; label: string; confidence: number; useWholeText: false }
  | { text: string; label: string; confidence: number; useWholeText: true; reason: 'below-floor' | 'model-accuracy' };

export interface ClassifiedPosting {
  sections: SectionDecision[];
  /** true when no section got a trusted label: the caller reads the whole posting */
  useWholeText: boolean;
}

export interface FloorRule {
  floor: number;
  /** the model's held-out accuracy: under MIN_USEFUL_ACCURACY nothing is trusted (the pipeline's rule) */
  heldOutAccuracy: number;
}

/**
 * The decisions for sections whose class probabilities (row-major, one row per section) are
 * given: the top class, trusted when its probability reaches the floor and the model is useful.
 * Pure, so the rule is tested apart from any model.
 */
export function decideSections(texts: readonly string[], probs: ArrayLike<number>, labels: readonly string[], rule: FloorRule): ClassifiedPosting {
  const k = labels.length;
  const useless = !(rule.heldOutAccuracy >= MIN_USEFUL_ACCURACY);
  const sections = texts.map((text, i): SectionDecision => {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    const confidence = probs[i * k + best];
    const label = labels[best];
    if (useless) return { text, label, confidence, useWholeText: true, reason: 'model-accuracy' };
    if (!(confidence >= rule.floor)) return { text, label, confidence, useWholeText: true, reason: 'below-floor' };
    return { text, label, confidence, useWholeText: false };
  });
  return { sections, useWholeText: sections.every((s) => s.useWholeText) };
}

/** A posting split by `splitSections`, each section classified by the model under its floor (or `floor` given here). */
export function classifySections(m: SectionsModel, text: string, floor = m.floor): ClassifiedPosting {
  const parts = splitSections(text);
  if (parts.length === 0) return { sections: [], useWholeText: true };
  return decideSections(parts, sectionProbabilities(m, parts), m.labels, { floor, heldOutAccuracy: m.heldOutAccuracy });
}
