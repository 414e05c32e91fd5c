import { cellText, getColumn, isNumericColumn, type Frame } from '../../data/frame';
import type { MatcherDocs, MatcherPairs } from './matcher';
import { flattenWorkHistory, type SectionSpec } from './sections';

/**
 * Where a matcher's inputs live. Pairs come either from one scores table that carries both sides'
 * texts (candidates = jobs = pairs table), or from a candidates table and a jobs table joined by a
 * labeled pairs table on their id columns. Ids are compared as text, so a bigint id exported as a
 * string still joins an integer column that holds the same digits.
 */
export interface MatcherColumns {
  candidateId: string;
  jobId: string;
  pairCandidate: string;
  pairJob: string;
  /** 0/1 (or boolean) match label; empty cells are unlabeled pairs */
  label: string | null;
  /** graded relevance; empty cells are ungraded pairs */
  score: string | null;
  sections: SectionSpec[];
}

export interface MatcherTables {
  candidates: { name: string; frame: Frame };
  jobs: { name: string; frame: Frame };
  pairs: { name: string; frame: Frame };
}

export interface MatcherInputs {
  docs: MatcherDocs;
  pairs: MatcherPairs;
  /** pair rows dropped because an id is not in its table (the first few, 1-based rows) */
  skipped: { count: number; examples: string[] };
}

function textsById(t: { name: string; frame: Frame }, idColumn: string, columns: string[]): Map<string, string[]> {
  const id = getColumn(t.frame, idColumn);
  const cols = columns.map((c) => getColumn(t.frame, c));
  const out = new Map<string, string[]>();
  for (let r = 0; r < t.frame.rowCount; r++) {
    const key = cellText(id, r);
    if (key === null) continue;
    const texts = cols.map((c) => flattenWorkHistory(cellText(c, r)));
    const seen = out.get(key);
    // a scores table repeats each candidate once per pair: the same texts are fine, different ones are not
    if (seen && seen.some((s, k) => s !== texts[k])) {
      throw new Error(`${t.name}, row ${r + 1}: id "${key}" appears twice with different section texts; give each ${idColumn} one row`);
    }
    out.set(key, texts);
  }
  if (out.size === 0) throw new Error(`${t.name}: column "${idColumn}" has no ids`);
  return out;
}

function numberCells(t: { name: string; frame: Frame }, column: string | null, kind: 'label' | 'score'): Float64Array {
  const n = t.frame.rowCount;
  if (column === null) return new Float64Array(n).fill(NaN);
  const c = getColumn(t.frame, column);
  if (!isNumericColumn(c)) throw new Error(`${t.name}: the ${kind} column "${column}" holds text (${c.dtype}); it must be numeric${kind === 'label' ? ' 0 / 1 or boolean' : ''}`);
  if (kind === 'label') {
    const bad = Array.from(c.values).findIndex((v) => !Number.isNaN(v) && v !== 0 && v !== 1);
    if (bad >= 0) throw new Error(`${t.name}, row ${bad + 1}: the label column "${column}" holds ${c.values[bad]}; labels must be 0, 1 or empty`);
  }
  return Float64Array.from(c.values);
}

/** Section texts per id and the labeled pairs, with pairs whose ids are missing counted, not fatal. */
export function matcherInputs(tables: MatcherTables, cols: MatcherColumns): MatcherInputs {
  if (cols.sections.length === 0) throw new Error('choose at least one section (a candidate column and a job column)');
  if (cols.label === null && cols.score === null) throw new Error('choose a label column, a score column, or both: the matcher learns and is evaluated on them');
  const candidates = textsById(tables.candidates, cols.candidateId, cols.sections.map((s) => s.candidateColumn));
  const jobs = textsById(tables.jobs, cols.jobId, cols.sections.map((s) => s.jobColumn));
  const p = tables.pairs;
  const pc = getColumn(p.frame, cols.pairCandidate);
  const pj = getColumn(p.frame, cols.pairJob);
  const label = numberCells(p, cols.label, 'label');
  const score = numberCells(p, cols.score, 'score');
  const pairs: MatcherPairs = { candidate: [], job: [], label: new Float64Array(0), score: new Float64Array(0) };
  const keep: number[] = [];
  const skipped = { count: 0, examples: [] as string[] };
  for (let r = 0; r < p.frame.rowCount; r++) {
    const c = cellText(pc, r);
    const j = cellText(pj, r);
    const why = c === null || !candidates.has(c) ? `candidate "${c ?? ''}"` : j === null || !jobs.has(j) ? `job "${j ?? ''}"` : null;
    if (why) {
      skipped.count++;
      if (skipped.examples.length < 3) skipped.examples.push(`row ${r + 1}: ${why} not found`);
      continue;
    }
    pairs.candidate.push(c as string);
    pairs.job.push(j as string);
    keep.push(r);
  }
  if (keep.length === 0) throw new Error(`${p.name}: no pair's ids are in ${tables.candidates.name}.${cols.candidateId} and ${tables.jobs.name}.${cols.jobId} (${skipped.examples.join('; ')})`);
  pairs.label = Float64Array.from(keep, (r) => label[r]);
  pairs.score = Float64Array.from(keep, (r) => score[r]);
  return { docs: { sections: cols.sections, candidates, jobs }, pairs, skipped };
}
