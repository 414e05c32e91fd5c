import { multilabelReport, type MultilabelReport } from '../metrics/multilabel';
import type { SkillHit } from './extract';
import type { LabeledDoc, MentionForm } from './generate-labeled';

/**
 * One gold cell: a JSON array of skill names (what a CSV column or a JSONL field holds; a JSONL
 * array arrives already as JSON text), or empty for a document with no skills. `where` names the
 * row and column for the error.
 */
export function parseGoldCell(cell: string | null | undefined, where: string): string[] {
  const s = (cell ?? '').trim();
  if (s === '') return [];
  let v: unknown;
  try {
    v = JSON.parse(s);
  } catch {
    throw new Error(`${where}: gold skills must be a JSON array of strings, got ${JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s)}`);
  }
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`${where}: gold skills must be a JSON array of strings, got ${s.length > 60 ? `${s.slice(0, 60)}…` : s}`);
  return [...new Set((v as string[]).map((x) => x.trim()).filter((x) => x !== ''))];
}

/** The skill names of each document's hits, as the metrics take them. */
export const predictedSkills = (hits: readonly SkillHit[][]): string[][] => hits.map((h) => h.map((x) => x.skill));

/** Micro, macro (per skill) and samples (per document) P/R/F1, the per-skill table and each document's misses and false hits. */
export function evaluateExtraction(gold: readonly string[][], hits: readonly SkillHit[][]): MultilabelReport {
  return multilabelReport(gold, predictedSkills(hits));
}

export interface ResolutionReport {
  mentions: number;
  resolved: number;
  rate: number;
}

/**
 * Of the generated mentions written in the given forms (alias and abbreviation by default), the
 * share resolved to the right canonical skill: a hit for the mention's skill has a span that
 * overlaps the mention's characters. A hit of another skill there, or none, is a failure.
 */
export function mentionResolution(docs: readonly LabeledDoc[], hits: readonly SkillHit[][], forms: readonly MentionForm[] = ['alias', 'abbreviation']): ResolutionReport {
  let mentions = 0;
  let resolved = 0;
  docs.forEach((doc, i) => {
    for (const m of doc.mentions) {
      if (!forms.includes(m.form)) continue;
      mentions++;
      if (hits[i].some((h) => h.skill === m.skill && h.spans.some((s) => s.start < m.end && m.start < s.end))) resolved++;
    }
  });
  return { mentions, resolved, rate: mentions === 0 ? 0 : resolved / mentions };
}
