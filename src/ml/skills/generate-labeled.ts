import { mulberry32, type Rng } from '../data/rng';
import type { SkillDictionary, SkillEntry } from './dictionary';
import { tokenize } from './normalize';

/**
 * A labeled skill-extraction set generated from a dictionary (the demo jobs' one in the tests): job
 * postings whose gold skills are written the ways people write them, so an extractor's gain from
 * aliases and fuzzy matching can be measured. Seeded (mulberry32): the same seed and dictionary give
 * the same documents.
 *
 * Per document: a field (a dictionary category other than "general") is drawn, 2–5 of its skills
 * (front of the list likelier) and, half the time, one "general" skill. Each gold skill is written
 * once, in one of these forms (drawn with the weights below; a form that does not apply to the
 * skill falls back to the canonical name):
 *  - canonical: the name as the dictionary writes it;
 *  - alias / abbreviation: one of its aliases (an abbreviation when it is 1–5 capitals/digits or has a digit: "k8s", "GTM");
 *  - misspelling: one edit (adjacent transposition, deletion or substitution) of the name or an
 *    alias of 5+ normalized characters, never on the first character;
 *  - case: the name or an alias of 3+ characters lower-cased, or upper/title-cased if already lower;
 *  - punctuation: hyphens ↔ spaces, slashes → spaces, a dot dropped ("React.js" → "Reactjs");
 *  - number: a final plural "s" dropped, or one added to a multi-word term.
 * Mentions sit in template sentences among filler sentences that contain no dictionary term.
 */
export type MentionForm = 'canonical' | 'alias' | 'abbreviation' | 'misspelling' | 'case' | 'punctuation' | 'number';

export interface Mention {
  skill: string;
  form: MentionForm;
  /** the dictionary term it was written from */
  source: string;
  text: string;
  start: number;
  end: number;
}

export interface LabeledDoc {
  id: string;
  text: string;
  skills: string[];
  mentions: Mention[];
}

export const FORM_WEIGHTS: [MentionForm, number][] = [
  ['canonical', 0.25],
  ['alias', 0.27],
  ['misspelling', 0.15],
  ['case', 0.15],
  ['punctuation', 0.06],
  ['number', 0.12],
];

const TITLES = ['Data Analyst', 'Senior Data Scientist', 'Software Engineer', 'Engineering Manager', 'Product Manager', 'Account Executive', 'Teacher', 'Recruiter'];
const COMPANIES = ['Northwind', 'Acme Corp', 'Lakeside Health', 'Brightpath', 'Kernstadt Labs', 'Bluefin'];
const FILLER = [
  'We offer flexible hours and a generous learning budget.',
  'You will join a friendly group of twelve people.',
  'The office is close to the station and dogs are welcome.',
  'Our customers range from small shops to large retailers.',
  'We are an equal opportunity employer.',
  'Applications close at the end of the month.',
  'You will report to the head of the department.',
  'Remote work is possible two days a week.',
];
/** sentence openings and endings around a list of skills */
const LEADS: [string, string][] = [
  ['You have hands-on experience with ', '.'],
  ['Must have: ', '.'],
  ['Nice to have: ', '.'],
  ['Day to day you will use ', '.'],
  ['We value ', '.'],
  ['Experience in ', ' is a plus.'],
  ['Requirements: ', '.'],
];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const normLength = (s: string) => tokenize(s).map((t) => t.norm).join('').length;
const isAbbreviation = (a: string) => /^[A-Z0-9]{1,5}$/.test(a) || (/\d/.test(a) && a.length <= 5);

/** One edit at a letter position ≥ 1 (a misspelling keeps the first letter). */
export function misspell(r: Rng, term: string): string {
  const spots = [...term].map((ch, i) => (i > 0 && /\p{L}/u.test(ch) ? i : -1)).filter((i) => i > 0);
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = pick(r, spots);
    const kind = r();
    let out: string;
    if (kind < 0.34 && i + 1 < term.length && /\p{L}/u.test(term[i + 1]) && term[i] !== term[i + 1]) out = term.slice(0, i) + term[i + 1] + term[i] + term.slice(i + 2);
    else if (kind < 0.67) out = term.slice(0, i) + term.slice(i + 1);
    else {
      const c = pick(r, LETTERS);
      out = term.slice(0, i) + (term[i] === term[i].toUpperCase() ? c.toUpperCase() : c) + term.slice(i + 1);
    }
    if (out !== term && out.toLowerCase() !== term.toLowerCase()) return out;
  }
  return term.slice(0, 1) + term.slice(2);
}

function write(r: Rng, s: SkillEntry, form: MentionForm): { form: MentionForm; source: string; text: string } {
  const terms = [s.name, ...s.aliases];
  const canonical = { form: 'canonical' as const, source: s.name, text: s.name };
  if (form === 'alias') {
    if (s.aliases.length === 0) return canonical;
    const a = pick(r, s.aliases);
    return { form: isAbbreviation(a) ? 'abbreviation' : 'alias', source: a, text: a };
  }
  if (form === 'misspelling') {
    const long = terms.filter((t) => normLength(t) >= 5);
    if (long.length === 0) return canonical;
    const t = pick(r, long);
    return { form, source: t, text: misspell(r, t) };
  }
  if (form === 'case') {
    const t = pick(r, terms.filter((x) => x.length >= 3 && !isAbbreviation(x)));
    if (!t) return canonical;
    const lower = t.toLowerCase();
    const text = lower !== t ? lower : r() < 0.5 ? t.toUpperCase() : t.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    return text === t ? canonical : { form, source: t, text };
  }
  if (form === 'punctuation') {
    const t = terms.find((x) => /[-/ .]/.test(x.trim()));
    if (!t) return canonical;
    const text = t.includes('-') ? t.replace(/-/g, ' ') : t.includes('/') ? t.replace(/\//g, ' ') : t.includes('.') ? t.replace(/\./g, '') : t.replace(/ /g, '-');
    return { form, source: t, text };
  }
  if (form === 'number') {
    const t = terms.find((x) => /[a-z]s$/.test(x) && !/ss$/.test(x)) ?? terms.find((x) => / [a-z]{4,}$/.test(x) && !/(s|ing|ment|ion)$/.test(x));
    if (!t) return canonical;
    return { form, source: t, text: /s$/.test(t) ? t.slice(0, -1) : `${t}s` };
  }
  return canonical;
}

function drawForm(r: Rng): MentionForm {
  let u = r() * FORM_WEIGHTS.reduce((a, [, w]) => a + w, 0);
  for (const [f, w] of FORM_WEIGHTS) if ((u -= w) < 0) return f;
  return 'canonical';
}

export function generateLabeledSkills(dict: SkillDictionary, opts: { docs?: number; seed?: number } = {}): LabeledDoc[] {
  const r = mulberry32(opts.seed ?? 24);
  const byField = new Map<string, SkillEntry[]>();
  for (const s of dict.skills) byField.set(s.category ?? 'general', [...(byField.get(s.category ?? 'general') ?? []), s]);
  const general = byField.get('general') ?? [];
  const fields = [...byField.keys()].filter((f) => f !== 'general');
  if (fields.length === 0) throw new Error('generateLabeledSkills: the dictionary needs skills with a category other than "general"');
  const docs: LabeledDoc[] = [];
  for (let d = 0; d < (opts.docs ?? 400); d++) {
    const pool = [...(byField.get(pick(r, fields)) ?? [])];
    const chosen: SkillEntry[] = [];
    const want = Math.min(pool.length, 2 + Math.floor(r() * 4));
    while (chosen.length < want) chosen.push(pool.splice(Math.floor(r() * r() * pool.length), 1)[0]);
    if (general.length && r() < 0.5) chosen.push(pick(r, general));
    let text = `${pick(r, TITLES)} at ${pick(r, COMPANIES)}.`;
    const mentions: Mention[] = [];
    const queue = [...chosen];
    while (queue.length) {
      text += ` ${r() < 0.4 ? `${pick(r, FILLER)} ` : ''}`;
      const group = queue.splice(0, 1 + Math.floor(r() * 3));
      const written = group.map((s) => ({ s, ...write(r, s, drawForm(r)) }));
      const [lead, tail] = pick(r, LEADS);
      text += lead;
      written.forEach((w, i) => {
        if (i > 0) text += i === written.length - 1 ? ' and ' : ', ';
        mentions.push({ skill: w.s.name, form: w.form, source: w.source, text: w.text, start: text.length, end: text.length + w.text.length });
        text += w.text;
      });
      text += tail;
    }
    docs.push({ id: `doc-${d + 1}`, text, skills: chosen.map((s) => s.name), mentions });
  }
  return docs;
}
