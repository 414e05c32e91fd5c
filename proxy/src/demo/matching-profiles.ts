import { CAREERS_TODAY, LADDERS, type CareerRole } from './careers';
import { DEGREE_FORMS, FIELD_SKILLS, FIELD_SUBJECTS, GENERIC_SKILLS, INSTITUTIONS, SENIORITY_OFFSET, SKILL_FORMS, SUBJECTS } from './matching-vocab';
import { int, pick } from './rng';

/**
 * What a person or a posting is, in canonical terms (fields, seniority, skill ids, degrees), and
 * the texts written from it. The hidden relevance (matching.ts) reads the profiles; the tables
 * carry only the texts, with the surface noise real CVs have: synonyms, abbreviations, order,
 * format, soft skills, a side skill from another field, degrees that predate a career change.
 */
export interface Degree {
  /** 0 none, 1 certificate or bootcamp, 2 bachelor, 3 master, 4 doctorate */
  level: number;
  subject: string | null;
}

export interface CandidateProfile {
  /** the field of the latest role */
  current: string;
  seniority: number;
  /** months spent in each field held */
  months: Record<string, number>;
  skills: string[];
  degrees: Degree[];
}

const DAY = 86_400_000;
const LADDER_OF = new Map(Object.entries(LADDERS).flatMap(([field, titles]) => titles.map((t, level) => [t, { field, level }] as const)));
const ABBREVIATIONS: Record<string, string> = { sr: 'senior', jr: 'junior', eng: 'engineer', mgr: 'manager', ml: 'machine learning' };

const parsed = new Map<string, { field: string; level: number; seniority: number }>();

/** The ladder rung a title typed the messy way (careers.ts `surface`) stands for. */
export function parseTitle(title: string): { field: string; level: number; seniority: number } {
  const known = parsed.get(title);
  if (known) return known;
  const words = title.toLowerCase().split(/\s+/).filter((w) => w && w !== '-').map((w) => w.replace(/\.$/, ''));
  const canonical = words.map((w) => ABBREVIATIONS[w] ?? w).join(' ');
  const rung = LADDER_OF.get(canonical);
  if (!rung) throw new Error(`unknown career title ${JSON.stringify(title)}`);
  const out = { ...rung, seniority: Math.min(4, rung.level + (SENIORITY_OFFSET[rung.field] ?? 0)) };
  parsed.set(title, out);
  return out;
}

/** Draws `k` distinct items, the front of the list more likely (rank weight 1 / (1 + rank / 3)). */
export function drawRanked<T>(r: () => number, xs: readonly T[], k: number, exclude: ReadonlySet<T> = new Set()): T[] {
  const pool = xs.filter((x) => !exclude.has(x));
  const out: T[] = [];
  while (out.length < k && pool.length) {
    const w = pool.map((_, i) => 1 / (1 + i / 3));
    let u = r() * w.reduce((a, b) => a + b, 0);
    let i = 0;
    while (i < pool.length - 1 && (u -= w[i]) >= 0) i++;
    out.push(pool.splice(i, 1)[0]);
  }
  return out;
}

/** One written form of a canonical skill: the common one more often than not. */
export const skillForm = (r: () => number, skill: string): string => {
  const forms = SKILL_FORMS[skill];
  return r() < 0.75 ? forms[0] : pick(r, forms);
};

/** One written form of a degree subject, the usual one mostly. */
export const subjectForm = (r: () => number, subject: string): string => (r() < 0.7 ? SUBJECTS[subject][0] : pick(r, SUBJECTS[subject]));

export const listJoin = (xs: string[], and = 'and'): string => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} ${and} ${xs[xs.length - 1]}`);

function weightedIndex(r: () => number, weights: readonly number[]): number {
  let u = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length - 1; i++) if ((u -= weights[i]) < 0) return i;
  return weights.length - 1;
}

/** Level weights (none, certificate, bachelor, master, doctorate) for the field a person started in. */
const LEVEL_WEIGHTS: Record<string, number[]> = {
  datascience: [0, 2, 45, 38, 15],
  ml: [1, 3, 45, 38, 13],
  analytics: [5, 6, 62, 25, 2],
  software: [9, 10, 58, 21, 2],
  product: [3, 4, 60, 32, 1],
  sales: [22, 10, 58, 10, 0],
  teaching: [0, 0, 76, 23, 1],
  recruiting: [15, 12, 60, 13, 0],
};

const ALL_SUBJECTS = Object.keys(SUBJECTS);

function drawDegrees(r: () => number, entry: string, current: string): Degree[] {
  const level = weightedIndex(r, LEVEL_WEIGHTS[entry] ?? LEVEL_WEIGHTS.software);
  if (level === 0) return [{ level: 0, subject: null }];
  const subject = r() < 0.15 ? pick(r, ALL_SUBJECTS) : drawRanked(r, FIELD_SUBJECTS[entry].studied, 1)[0];
  const out: Degree[] = [];
  // a master's or doctorate often comes with the first degree, in the same or a nearby subject
  if (level >= 3 && r() < 0.45) out.push({ level: 2, subject: r() < 0.5 ? subject : pick(r, FIELD_SUBJECTS[entry].studied) });
  out.push({ level, subject: level === 3 && entry === 'product' && r() < 0.5 ? 'business' : subject });
  if (entry === 'teaching' && r() < 0.6) out.push({ level: 1, subject: 'education' });
  // career changers sometimes retrain formally for the field they moved to
  if (current !== entry && r() < 0.35) {
    const to = current === 'datascience' || current === 'analytics' ? ['datasci', ...FIELD_SUBJECTS[current].wanted] : FIELD_SUBJECTS[current].wanted;
    out.push({ level: r() < 0.6 ? 1 : 3, subject: pick(r, to) });
  }
  return out;
}

export function renderDegree(r: () => number, d: Degree): string {
  const forms = DEGREE_FORMS[d.level];
  const form = r() < 0.65 ? forms[0] : pick(r, forms);
  if (d.subject === null) return form;
  const subject = subjectForm(r, d.subject);
  const head = d.level === 3 && d.subject === 'business' ? 'MBA' : `${form} ${subject}`;
  const place = d.level === 1 && r() < 0.5 ? pick(r, ['General Assembly', 'Coursera', 'Le Wagon', 'a teacher training college']) : pick(r, INSTITUTIONS);
  const year = r() < 0.25 ? ` (${int(r, 1995, 2022)})` : '';
  const u = r();
  return u < 0.7 ? head : u < 0.92 ? `${head}, ${place}${year}` : `${place}: ${head}${year}`;
}

const PROFICIENCY = ['expert', 'advanced', 'intermediate', 'basic', 'working knowledge', 'fluent', 'professional'];

/** A skills list the way people write one: comma list, pipes, bullets or sentences. */
export function renderSkills(r: () => number, skills: string[]): string {
  const forms = skills.map((s) => skillForm(r, s));
  const u = r();
  if (u < 0.25) return r() < 0.3 ? forms.join(', ').toLowerCase() : forms.join(', ');
  if (u < 0.35) return `Skills: ${forms.join(' | ')}`;
  if (u < 0.45) return forms.map((f) => `• ${f}`).join(' ');
  // self-rated levels and years, as CV templates ask for them
  if (u < 0.6) return forms.map((f) => (r() < 0.5 ? `${f} (${pick(r, PROFICIENCY)})` : `${f} - ${int(r, 1, 12)} yrs`)).join(', ');
  const cut1 = Math.max(1, Math.ceil(forms.length / 2));
  const cut2 = Math.max(cut1, forms.length - int(r, 0, 2));
  const parts = [`${pick(r, ['Proficient in', 'Strong in', 'Skilled in'])} ${listJoin(forms.slice(0, cut1))}.`];
  if (cut2 > cut1) parts.push(`${pick(r, ['Experienced with', 'Hands-on with', 'Also'])} ${listJoin(forms.slice(cut1, cut2))}.`);
  if (forms.length > cut2) parts.push(`${pick(r, ['Familiar with', 'Some exposure to', 'Learning'])} ${listJoin(forms.slice(cut2))}.`);
  return parts.join(' ');
}

/** Profile and texts (skills_text, education) of one candidate, from their career path. */
export function candidateProfile(r: () => number, history: CareerRole[]): CandidateProfile & { skillsText: string; education: string } {
  const rungs = history.map((role) => parseTitle(role.title));
  const months: Record<string, number> = {};
  history.forEach((role, k) => {
    const end = role.end_date === null ? CAREERS_TODAY : Date.parse(role.end_date);
    months[rungs[k].field] = (months[rungs[k].field] ?? 0) + (end - Date.parse(role.start_date)) / DAY / 30.44;
  });
  const { field: current, seniority } = rungs[rungs.length - 1];
  const entry = rungs[0].field;
  // skills: mostly from the current field, some from earlier ones in proportion to time spent there
  const n = int(r, 5, 10);
  const earlier = Object.entries(months).filter(([f]) => f !== current);
  const earlierMonths = earlier.reduce((a, [, m]) => a + m, 0);
  const shareEarlier = earlierMonths / (earlierMonths + 1.5 * months[current]);
  const skills = drawRanked(r, FIELD_SKILLS[current], Math.max(2, Math.round(n * (1 - shareEarlier))));
  for (const [f, m] of earlier) skills.push(...drawRanked(r, FIELD_SKILLS[f], Math.round((n * m) / (earlierMonths + 1.5 * months[current]) + r() - 0.5), new Set(skills)));
  if (seniority >= 3 && r() < 0.7) skills.push('leadership');
  if (seniority >= 2 && r() < 0.35 && !skills.includes('mentoring')) skills.push('mentoring');
  if (r() < 0.2) {
    // a side skill from any field (a course, a hobby project)
    const side = pick(r, FIELD_SKILLS[pick(r, Object.keys(FIELD_SKILLS))]);
    if (!skills.includes(side)) skills.splice(int(r, 0, skills.length), 0, side);
  }
  skills.push(...drawRanked(r, GENERIC_SKILLS, int(r, 1, 3)).filter((s) => !skills.includes(s)));
  const degrees = drawDegrees(r, entry, current);
  const education = degrees.map((d) => renderDegree(r, d)).reverse().join(r() < 0.5 ? '; ' : '. ');
  return { current, seniority, months, skills, degrees, skillsText: renderSkills(r, skills), education };
}
