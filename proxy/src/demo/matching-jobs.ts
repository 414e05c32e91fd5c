import { LADDERS } from './careers';
import { drawRanked, listJoin, skillForm, subjectForm } from './matching-profiles';
import { COLLABORATORS, DUTIES, FIELD_SKILLS, FIELD_SUBJECTS, GENERIC_SKILLS, JOB_TITLES, NEIGHBOURS, SENIORITY_OFFSET, SENIORITY_WORDS } from './matching-vocab';
import { int, pick } from './rng';

/**
 * A posting in canonical terms (field and seniority from its title, must-have and nice-to-have
 * skills, the degree it asks for) and its three section texts: required_skills_text,
 * experience_text (title, seniority, duties, roles it draws from) and education_requirement.
 */
export interface JobProfile {
  field: string;
  seniority: number;
  must: string[];
  nice: string[];
  /** the lowest degree level asked for (0: none); `subjects` null when any subject will do */
  minLevel: number;
  subjects: { wanted: string[]; related: string[] } | null;
}

export interface JobTexts {
  requiredSkills: string;
  experience: string;
  educationRequirement: string;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const expandTitle = (r: () => number, t: string) =>
  t.replace(/\bsr\b/, 'senior').replace(/\beng\b/, 'engineer').replace(/\bmgr\b/, 'manager').replace(/\bml\b/, r() < 0.5 ? 'ML' : 'machine learning');

function skillsText(r: () => number, must: string[], nice: string[]): string {
  const m = must.map((s) => skillForm(r, s));
  const n = nice.map((s) => skillForm(r, s));
  const u = r();
  if (u < 0.4) return `Must have: ${m.join(', ')}. Nice to have: ${n.join(', ')}.`;
  if (u < 0.7) return `Requirements: ${m.join('; ')}. Bonus: ${n.join(', ')}.`;
  return `You know ${listJoin(m)}. Experience with ${listJoin(n)} is a plus.`;
}

/** Titles of the rungs near a seniority on a field's ladder (the roles a posting draws from). */
function nearbyRungs(field: string, seniority: number): string[] {
  const level = seniority - (SENIORITY_OFFSET[field] ?? 0);
  return LADDERS[field].filter((_, l) => Math.abs(l - level) <= 1 && l <= level);
}

function experienceText(r: () => number, title: string, company: string, p: JobProfile): string {
  const duties = drawRanked(r, DUTIES[p.field], 1);
  const rungs = nearbyRungs(p.field, p.seniority);
  const parts = [`${cap(expandTitle(r, title))}, ${pick(r, SENIORITY_WORDS[p.seniority])}.`, `${r() < 0.8 ? `At ${company} you will` : 'You will'} ${listJoin(duties)}.`];
  if (rungs.length && r() < 0.65) parts.push(`${pick(r, ['Background as', 'Previous experience as', 'Ideally you have worked as'])} ${rungs.map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`)).join(' or ')}.`);
  if (r() < 0.9) parts.push(`${pick(r, ['You will work closely with the', 'You will partner with the', 'Reporting to and working with the'])} ${listJoin(drawRanked(r, COLLABORATORS[p.field], int(r, 2, 3)))}.`);
  if (r() < 0.3) parts.push(`${cap(pick(r, SENIORITY_WORDS[p.seniority]))}.`);
  if (r() < 0.5) parts.push(`${company} is an equal opportunity employer.`);
  return parts.join(' ');
}

const LEVEL_WORDS: Record<number, string[]> = {
  2: ["Bachelor's degree", "Bachelor's degree", 'BSc/BA degree', 'University degree'],
  3: ["Master's degree", "Master's degree", 'MSc degree', "Master's or PhD degree"],
};

function educationText(r: () => number, p: JobProfile): string {
  if (p.minLevel === 0) return pick(r, ['No degree required.', 'No formal qualifications required; attitude matters more.', 'Degree not required.']);
  if (p.subjects === null) return pick(r, ['Degree or equivalent practical experience.', 'A university degree in any subject.', "Bachelor's degree or equivalent experience."]);
  const wanted = p.subjects.wanted.map((s) => subjectForm(r, s));
  let text = `${pick(r, LEVEL_WORDS[p.minLevel])} in ${listJoin(wanted, 'or')}${r() < 0.6 ? ' or a related field' : ''}.`;
  // postings often name the related subjects too, which a rater weighs less than the wanted ones
  if (r() < 0.5) text += ` ${pick(r, ['Subjects such as', 'Graduates of', 'We also welcome'])} ${listJoin(drawRanked(r, p.subjects.related, int(r, 1, 2)).map((s) => subjectForm(r, s)))}${r() < 0.5 ? ' considered' : ''}.`;
  if (p.field === 'datascience' && r() < 0.4) text += ' PhD a plus.';
  if (p.field === 'teaching') text += ` ${pick(r, ['Qualified teacher status (QTS) or PGCE required.', 'Teaching certification required.'])}`;
  return text;
}

/** Some of the field's wanted subjects; the others count as related. */
function wantedSubjects(r: () => number, s: { wanted: string[]; related: string[] }): JobProfile['subjects'] {
  const wanted = drawRanked(r, s.wanted, int(r, 1, s.wanted.length));
  return { wanted, related: [...s.wanted.filter((x) => !wanted.includes(x)), ...s.related] };
}

/** Profile and texts of one job from its title and company. */
export function jobProfile(r: () => number, title: string, company: string): JobProfile & JobTexts {
  const { field, seniority } = JOB_TITLES[title];
  const core = FIELD_SKILLS[field].slice(0, 8);
  const must = drawRanked(r, core, int(r, 3, 5));
  if (seniority >= 3 && !must.includes('leadership')) must.push('leadership');
  const extra = [...FIELD_SKILLS[field].slice(4), ...NEIGHBOURS[field].flatMap((f) => FIELD_SKILLS[f].slice(0, 3))];
  const nice = [...new Set(drawRanked(r, extra, int(r, 1, 3), new Set(must)))];
  if (r() < 0.25) nice.push(pick(r, GENERIC_SKILLS.slice(0, 3)));
  const quantitative = field === 'datascience' || field === 'ml';
  const minLevel = field === 'sales' && r() < 0.5 ? 0 : quantitative && r() < 0.45 ? 3 : 2;
  const anySubject = minLevel > 0 && field !== 'teaching' && r() < 0.2;
  const s = FIELD_SUBJECTS[field];
  const p: JobProfile = { field, seniority, must, nice, minLevel, subjects: anySubject || minLevel === 0 ? null : wantedSubjects(r, s) };
  return { ...p, requiredSkills: skillsText(r, must, nice), experience: experienceText(r, title, company, p), educationRequirement: educationText(r, p) };
}
