import { dictionaryVersion, type SkillDictionary } from './dictionary';
import { allowedEdits, boundedDamerau } from './distance';
import { tokenize, tokenKey, type Token } from './normalize';

/** The strategies, in the order they run. */
export const STRATEGIES = ['exact', 'alias', 'normalized', 'fuzzy'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/**
 * Confidence of a span, by the strategy that found it: exact 1.0 (the canonical name as written in
 * the dictionary), alias 0.95 (an alias as written), normalized 0.9 (a name or alias equal after
 * normalize.ts's rule), fuzzy 0.9 − 0.1 per edit (0.8 or 0.7). A skill's confidence is its best span's.
 */
export const CONFIDENCE: Record<Exclude<Strategy, 'fuzzy'>, number> & { fuzzy: (edits: number) => number } = {
  exact: 1,
  alias: 0.95,
  normalized: 0.9,
  fuzzy: (edits) => Math.round((0.9 - 0.1 * edits) * 100) / 100,
};

/** The shortest normalized key (spaces excluded) the normalized strategy matches: "go", "r", "ml" are ordinary words in lower case. */
export const MIN_NORMALIZED_CHARS = 3;

export interface SkillSpan {
  /** [start, end) in the original text */
  start: number;
  end: number;
  text: string;
  /** the dictionary term (canonical name or alias) it matched */
  term: string;
  strategies: Strategy[];
  confidence: number;
  /** edits from the term, for fuzzy spans */
  edits?: number;
}

export interface SkillHit {
  skill: string;
  category?: string;
  strategies: Strategy[];
  confidence: number;
  spans: SkillSpan[];
}

interface TermRef {
  skill: string;
  term: string;
}

interface FuzzyTerm extends TermRef {
  form: string;
  tokens: number;
  edits: number;
}

/** A dictionary turned into the lookups the strategies use; compile once, extract from many texts. */
export interface CompiledDictionary {
  version: string;
  categories: Map<string, string | undefined>;
  literals: { exact: TermRef[]; alias: TermRef[] };
  byKey: Map<string, TermRef>;
  maxTokens: number;
  /** every token of a normalized term: a window holding any other token cannot match one */
  termTokens: Set<string>;
  /** fuzzy terms by bucket(length, first character) of their normalized form (fuzzy keeps the first character) */
  fuzzyByLength: Map<number, FuzzyTerm[]>;
  /** the shortest and longest fuzzy form: windows outside [min − 2, max + 2] characters are not compared */
  fuzzyLengths: [number, number];
  /** normalized keys shared by two skills: matched by neither (the dictionary should say which is meant) */
  ambiguous: string[];
}

/** A number for (length, first UTF-16 unit): cheaper to look up than a string key, and a window makes hundreds of lookups. */
const bucketOf = (length: number, form: string) => length * 65536 + form.charCodeAt(0);

export function compileDictionary(dict: SkillDictionary): CompiledDictionary {
  const exact: TermRef[] = [];
  const alias: TermRef[] = [];
  const keyed = new Map<string, TermRef[]>();
  const fuzzyByLength = new Map<number, FuzzyTerm[]>();
  const termTokens = new Set<string>();
  let maxTokens = 1;
  for (const s of dict.skills) {
    exact.push({ skill: s.name, term: s.name });
    for (const a of s.aliases) alias.push({ skill: s.name, term: a });
    if (s.caseSensitive) continue;
    for (const term of [s.name, ...s.aliases]) {
      const norms = tokenize(term).map((t) => t.norm);
      if (norms.length === 0 || norms.join('').length < MIN_NORMALIZED_CHARS) continue;
      const key = tokenKey(norms);
      for (const t of norms) termTokens.add(t);
      const list = keyed.get(key) ?? [];
      if (!list.some((r) => r.skill === s.name)) list.push({ skill: s.name, term });
      keyed.set(key, list);
      maxTokens = Math.max(maxTokens, norms.length);
      const form = norms.join(' ');
      const edits = allowedEdits(form.length);
      if (edits === 0) continue;
      const bucketKey = bucketOf(form.length, form);
      const bucket = fuzzyByLength.get(bucketKey) ?? [];
      bucket.push({ skill: s.name, term, form, tokens: norms.length, edits });
      fuzzyByLength.set(bucketKey, bucket);
    }
  }
  const byKey = new Map<string, TermRef>();
  const ambiguous: string[] = [];
  for (const [key, refs] of keyed) {
    if (refs.length === 1) byKey.set(key, refs[0]);
    else ambiguous.push(key);
  }
  if (ambiguous.length) {
    const bad = new Set(ambiguous.flatMap((k) => (keyed.get(k) ?? []).map((r) => r.term)));
    for (const [k, terms] of fuzzyByLength) fuzzyByLength.set(k, terms.filter((t) => !bad.has(t.term)));
  }
  // longest terms first, so "GitHub Actions" is tried before "GitHub" (the overlap rule decides anyway)
  const longestFirst = (a: TermRef, b: TermRef) => b.term.length - a.term.length || (a.term < b.term ? -1 : 1);
  return {
    version: dictionaryVersion(dict),
    categories: new Map(dict.skills.map((s) => [s.name, s.category])),
    literals: { exact: exact.sort(longestFirst), alias: alias.sort(longestFirst) },
    byKey,
    maxTokens,
    fuzzyByLength,
    termTokens,
    fuzzyLengths: [...fuzzyByLength.values()].flat().reduce<[number, number]>((acc, t) => [Math.min(acc[0], t.form.length), Math.max(acc[1], t.form.length)], [Infinity, -Infinity]),
    ambiguous,
  };
}

const WORD = /[\p{L}\p{M}\p{N}]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

/** Case-sensitive occurrences of a term with a word boundary on each side that is a word character. */
function literalMatches(text: string, term: string): [number, number][] {
  const out: [number, number][] = [];
  if (term === '') return out;
  const first = term[0];
  const last = term[term.length - 1];
  for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) {
    const end = at + term.length;
    if (isWord(first) && isWord(text[at - 1])) continue;
    if (isWord(last) && isWord(text[end])) continue;
    if ((last === '+' || last === '#') && (text[end] === '+' || text[end] === '#' || isWord(text[end]))) continue;
    out.push([at, end]);
  }
  return out;
}

interface Candidate extends TermRef {
  start: number;
  end: number;
  strategy: Strategy;
  confidence: number;
  edits?: number;
}

function literalCandidates(text: string, refs: TermRef[], strategy: 'exact' | 'alias'): Candidate[] {
  const out: Candidate[] = [];
  for (const ref of refs) for (const [start, end] of literalMatches(text, ref.term)) out.push({ ...ref, start, end, strategy, confidence: CONFIDENCE[strategy] });
  return out;
}

/** Token windows [i, i+n) of up to `maxTokens` tokens that form one phrase (see normalize.ts). */
function* windows(tokens: Token[], maxTokens: number): Generator<[number, number]> {
  for (let i = 0; i < tokens.length; i++) {
    for (let n = 1; n <= maxTokens && i + n <= tokens.length; n++) {
      if (n > 1 && !tokens[i + n - 1].joins) break;
      yield [i, n];
    }
  }
}

function normalizedCandidates(c: CompiledDictionary, tokens: Token[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    // a window holding a token no term has cannot match: stop growing it there
    for (let n = 1; n <= c.maxTokens && i + n <= tokens.length; n++) {
      const last = tokens[i + n - 1];
      if ((n > 1 && !last.joins) || !c.termTokens.has(last.norm)) break;
      const ref = c.byKey.get(n === 1 ? last.norm : tokenKey(tokens.slice(i, i + n).map((t) => t.norm)));
      if (ref) out.push({ ...ref, start: tokens[i].start, end: last.end, strategy: 'normalized', confidence: CONFIDENCE.normalized });
    }
  }
  return out;
}

/**
 * Fuzzy: a window of the text's normalized tokens, joined by single spaces in text order, within
 * allowedEdits(term length) Damerau–Levenshtein edits of a term's normalized form, with the same
 * first character (people rarely misspell the first letter, and requiring it keeps "reach" from
 * being "React"). Windows span the term's token count ± 1, so "scikitlearn" finds "scikit learn".
 */
function fuzzyCandidates(c: CompiledDictionary, tokens: Token[]): Candidate[] {
  const out: Candidate[] = [];
  let form = '';
  for (const [i, n] of windows(tokens, c.maxTokens + 1)) {
    // windows come as (i, 1), (i, 2), …: each form extends the previous one
    form = n === 1 ? tokens[i].norm : `${form} ${tokens[i + n - 1].norm}`;
    if (form.length < c.fuzzyLengths[0] - 2 || form.length > c.fuzzyLengths[1] + 2) continue;
    for (let len = form.length - 2; len <= form.length + 2; len++) {
      for (const t of c.fuzzyByLength.get(bucketOf(len, form)) ?? []) {
        if (Math.abs(t.tokens - n) > 1 || Math.abs(len - form.length) > t.edits) continue;
        const d = boundedDamerau(form, t.form, t.edits);
        if (d === 0 || d > t.edits) continue;
        out.push({ skill: t.skill, term: t.term, start: tokens[i].start, end: tokens[i + n - 1].end, strategy: 'fuzzy', confidence: CONFIDENCE.fuzzy(d), edits: d });
      }
    }
  }
  return out;
}

/**
 * The skills a text mentions. The strategies (exact, alias, normalized, fuzzy, or the subset
 * given) each propose spans; the same span proposed for the same skill by several strategies is
 * one span listing them all, at the best of their confidences. A fuzzy span that contains a span
 * another strategy found for the same skill is dropped (it only adds a neighbouring word). Then
 * overlaps are settled longest span first, then higher confidence, then earlier start, then skill
 * name, so "LinkedIn sourcing" wins over "sourcing" inside it and the answer never depends on
 * dictionary order.
 */
export function extractSkills(c: CompiledDictionary, text: string, strategies: readonly Strategy[] = STRATEGIES): SkillHit[] {
  const merged = new Map<string, Candidate & { strategies: Strategy[] }>();
  let tokens: Token[] | undefined;
  for (const strategy of STRATEGIES) {
    if (!strategies.includes(strategy)) continue;
    let cands: Candidate[];
    if (strategy === 'exact' || strategy === 'alias') cands = literalCandidates(text, c.literals[strategy], strategy);
    else {
      tokens ??= tokenize(text);
      cands = strategy === 'normalized' ? normalizedCandidates(c, tokens) : fuzzyCandidates(c, tokens);
    }
    for (const cand of cands) {
      const key = `${cand.start}:${cand.end}:${cand.skill}`;
      const prev = merged.get(key);
      if (!prev) merged.set(key, { ...cand, strategies: [strategy] });
      // a fuzzy match of a span another strategy already found says nothing more about it
      else if (strategy !== 'fuzzy' && !prev.strategies.includes(strategy)) {
        prev.strategies.push(strategy);
        if (cand.confidence > prev.confidence) Object.assign(prev, { confidence: cand.confidence, term: cand.term, strategy, edits: cand.edits });
      }
    }
  }
  const all = [...merged.values()];
  const firm = all.filter((m) => m.strategy !== 'fuzzy' || m.strategies.length > 1);
  const pool = all.filter((m) => m.strategies.some((s) => s !== 'fuzzy') || !firm.some((f) => f.skill === m.skill && f.start >= m.start && f.end <= m.end));
  pool.sort((a, b) => b.end - b.start - (a.end - a.start) || b.confidence - a.confidence || a.start - b.start || (a.skill < b.skill ? -1 : a.skill > b.skill ? 1 : 0));
  const accepted: SkillSpan[] = [];
  const spanSkill = new Map<SkillSpan, string>();
  for (const cand of pool) {
    if (accepted.some((a) => a.start < cand.end && cand.start < a.end)) continue;
    const fuzzy = cand.strategies.length === 1 && cand.strategy === 'fuzzy';
    const span: SkillSpan = { start: cand.start, end: cand.end, text: text.slice(cand.start, cand.end), term: cand.term, strategies: cand.strategies, confidence: cand.confidence, ...(fuzzy && cand.edits !== undefined ? { edits: cand.edits } : {}) };
    accepted.push(span);
    spanSkill.set(span, cand.skill);
  }
  const bySkill = new Map<string, SkillSpan[]>();
  for (const span of accepted.sort((a, b) => a.start - b.start)) {
    const skill = spanSkill.get(span) as string;
    bySkill.set(skill, [...(bySkill.get(skill) ?? []), span]);
  }
  return [...bySkill].map(([skill, spans]) => {
    const category = c.categories.get(skill);
    return {
      skill,
      ...(category ? { category } : {}),
      strategies: STRATEGIES.filter((s) => spans.some((sp) => sp.strategies.includes(s))),
      confidence: Math.max(...spans.map((s) => s.confidence)),
      spans,
    };
  });
}
