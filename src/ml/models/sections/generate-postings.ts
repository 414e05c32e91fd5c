import { mulberry32, type Rng } from '../../data/rng';
import type { SectionExample } from './data';

/**
 * A seeded generator of job postings cut into labeled sections, for training and testing the
 * section classifier without private data.
 *
 * Six section kinds: requirements, responsibilities, benefits, about_company, how_to_apply,
 * equal_opportunity. Each section is 1–3 sentences drawn from its kind's templates, with slots
 * (skills, tools, years, company, domain, city, perks) filled at random, written as prose or as
 * bullets, and 30% of the time under a heading drawn from that kind's headings. To keep the task
 * from being a keyword lookup the kinds share vocabulary on purpose: every kind talks about the
 * team, the role, experience and the company; requirements and responsibilities name the same
 * skills and tools; benefits and about_company both speak of growth and culture; with
 * probability 0.3 a section carries one sentence of its neighbouring kind (requirements ↔
 * responsibilities, benefits ↔ about_company, how_to_apply ↔ equal_opportunity), and with
 * probability 0.3 one from a pool every kind draws from. A one-sentence section that borrowed
 * is ambiguous even to a reader, which keeps accuracy under 1.
 * The same seed gives the same postings.
 */

export const SECTION_KINDS = ['requirements', 'responsibilities', 'benefits', 'about_company', 'how_to_apply', 'equal_opportunity'] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

const SKILLS = ['Python', 'SQL', 'TypeScript', 'React', 'Kubernetes', 'Terraform', 'Spark', 'machine learning', 'data modeling', 'Java', 'Go', 'AWS', 'GCP', 'Excel', 'Tableau', 'financial modeling', 'customer success', 'B2B sales', 'UX research', 'Figma', 'technical writing', 'CI/CD', 'PostgreSQL', 'statistics'];
const DOMAINS = ['fintech', 'healthcare', 'logistics', 'e-commerce', 'climate tech', 'education', 'cybersecurity', 'media', 'insurance', 'retail', 'energy', 'travel'];
const COMPANIES = ['Northwind', 'Acme Analytics', 'Bluefin Labs', 'Cedar Health', 'Orbital Freight', 'Lumen Learning', 'Quarry Security', 'Tidewater Energy', 'Pineapple Pay', 'Helix Robotics'];
const CITIES = ['Berlin', 'Austin', 'Toronto', 'Lisbon', 'London', 'Singapore', 'Denver', 'Amsterdam', 'remote in Europe', 'New York'];
const PERKS = ['a yearly learning budget', 'private health insurance', 'a home office stipend', 'four weeks of paid vacation', 'stock options', 'parental leave of 16 weeks', 'a pension plan with employer match', 'flexible working hours', 'a gym membership', 'an annual team offsite', 'mental health support', 'a commuter allowance'];
const ROLES = ['engineer', 'analyst', 'designer', 'data scientist', 'account executive', 'product manager', 'support specialist', 'platform engineer'];

type Slots = Record<string, (r: Rng) => string>;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const SLOTS: Slots = {
  skill: (r) => pick(r, SKILLS),
  skill2: (r) => pick(r, SKILLS),
  domain: (r) => pick(r, DOMAINS),
  company: (r) => pick(r, COMPANIES),
  city: (r) => pick(r, CITIES),
  perk: (r) => pick(r, PERKS),
  perk2: (r) => pick(r, PERKS),
  role: (r) => pick(r, ROLES),
  years: (r) => String(1 + Math.floor(r() * 8)),
  size: (r) => pick(r, ['40', '120', '300', '1,200', '5,000']),
  year: (r) => String(1998 + Math.floor(r() * 24)),
  date: (r) => pick(r, ['March 31', 'the end of the month', 'June 15', 'Friday', 'October 1']),
};

const TEMPLATES: Record<SectionKind, { headings: string[]; sentences: string[] }> = {
  requirements: {
    headings: ['Requirements', 'What you bring', 'Qualifications', 'Who you are', 'Must have', 'What we are looking for', 'Your profile'],
    sentences: [
      '{years}+ years of experience with {skill}',
      'You have solid experience with {skill} and {skill2}',
      'A degree in computer science, statistics or a related field, or equivalent experience',
      'Strong written and verbal communication skills in English',
      'Hands-on knowledge of {skill} in a production setting',
      'Experience in {domain} is a plus but not required',
      'You are comfortable working with {skill2} and learning new tools quickly',
      'Proven track record of shipping work as part of a team',
      'Familiarity with {skill} is nice to have',
      'You should know {skill} well enough to mentor others on the team',
      'Fluency in German or Spanish is an advantage',
      'At least {years} years in a similar {role} role',
    ],
  },
  responsibilities: {
    headings: ['Responsibilities', 'What you will do', 'Your role', 'The role', 'Day to day', 'Your impact', 'What the job involves'],
    sentences: [
      'Design, build and maintain services in {skill} for our {domain} customers',
      'You will own the {skill} pipeline from design to production',
      'Work closely with product, design and the rest of the team to ship features',
      'Mentor junior colleagues and review their work',
      'Analyze data with {skill} and present findings to stakeholders',
      'Take part in the on-call rotation and improve reliability',
      'Lead projects that improve how the company uses {skill2}',
      'Write documentation and share what you learn with the team',
      'Partner with customers in {domain} to understand their needs',
      'You will report to the head of engineering and help shape the roadmap',
      'Build dashboards in {skill2} that the team relies on every day',
      'Own the relationship with key accounts and grow them over time',
    ],
  },
  benefits: {
    headings: ['Benefits', 'What we offer', 'Perks', 'Why you will love working here', 'Compensation and benefits', 'What you get'],
    sentences: [
      'We offer {perk} and {perk2}',
      'Competitive salary and {perk}',
      'You get {perk}, plus {perk2}',
      'A budget for your growth: conferences, courses and books',
      'Hybrid work from our {city} office or from home',
      'Equity in a growing {domain} company',
      'Generous paid time off and {perk}',
      'A team that cares about your wellbeing, with {perk}',
      'Relocation support to {city} if you need it',
      'A new laptop and the tools you need to do your best work',
    ],
  },
  about_company: {
    headings: ['About us', 'Who we are', 'About {company}', 'The company', 'Our story', 'Our mission'],
    sentences: [
      '{company} builds software for the {domain} industry',
      'Founded in {year}, we are a team of {size} people in {city}',
      'Our mission is to make {domain} simpler for everyone',
      'We are backed by leading investors and growing quickly',
      'Our customers include some of the largest {domain} companies in the world',
      '{company} is a remote-first company with teams across three continents',
      'We believe in a culture of ownership, growth and kindness',
      'Since {year} our products have helped millions of people in {domain}',
      'We are profitable, independent and building for the long term',
      'Our team of {size} combines experience from {domain} and technology',
    ],
  },
  how_to_apply: {
    headings: ['How to apply', 'Apply', 'Next steps', 'Interested?', 'Application process', 'Our hiring process'],
    sentences: [
      'Send your CV and a short cover letter to jobs@{company}.com',
      'Apply through our careers page before {date}',
      'Our process has three steps: a call with the recruiter, a technical interview and a meeting with the team',
      'Please include a link to your portfolio or GitHub profile',
      'We review every application and reply within two weeks',
      'Questions about the role? Write to our recruiting team',
      'Click the apply button and upload your resume',
      'Applications close on {date}; we interview on a rolling basis',
      'Tell us in a few sentences why you want to join {company}',
      'After the interviews we check references and make an offer',
    ],
  },
  equal_opportunity: {
    headings: ['Equal opportunity', 'Diversity and inclusion', 'Our commitment', 'EEO statement'],
    sentences: [
      '{company} is an equal opportunity employer',
      'We welcome applicants of every background, gender, age, religion and orientation',
      'We do not discriminate on the basis of race, color, disability or veteran status',
      'If you need an accommodation during the interview process, let us know',
      'We are committed to building a diverse and inclusive team',
      'Candidates from underrepresented groups are especially encouraged to apply',
      'All qualified applicants will receive consideration for employment',
      'Even if you do not meet every requirement, we encourage you to apply',
    ],
  },
};

/** Sentences any section may carry: the shared vocabulary that makes the kinds overlap. */
const SHARED = [
  'You will join a friendly team of {size} people',
  'Experience matters, but so does curiosity',
  'This {role} role is based in {city}',
  'We care about the people on our team',
  'The role works with {skill} every day',
  'Join {company} and grow with us',
];

function fill(r: Rng, template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => SLOTS[name](r));
}

/** The kind whose sentences a section of this kind most often borrows (real postings mix them). */
const NEIGHBOUR: Record<SectionKind, SectionKind> = {
  requirements: 'responsibilities',
  responsibilities: 'requirements',
  benefits: 'about_company',
  about_company: 'benefits',
  how_to_apply: 'equal_opportunity',
  equal_opportunity: 'how_to_apply',
};

function section(r: Rng, kind: SectionKind): string {
  const t = TEMPLATES[kind];
  const n = 1 + Math.floor(r() * 3);
  const pool = t.sentences.slice();
  const lines: string[] = [];
  for (let i = 0; i < n && pool.length; i++) lines.push(fill(r, pool.splice(Math.floor(r() * pool.length), 1)[0]));
  const at = () => Math.floor(r() * (lines.length + 1));
  if (r() < 0.3) lines.splice(at(), 0, fill(r, pick(r, TEMPLATES[NEIGHBOUR[kind]].sentences)));
  if (r() < 0.3) lines.splice(at(), 0, fill(r, pick(r, SHARED)));
  const bullets = r() < 0.5;
  const body = bullets ? lines.map((l) => `${pick(r, ['- ', '• ', '* '])}${l}`).join('\n') : lines.map((l) => `${l}.`).join(' ');
  if (r() >= 0.3) return body;
  const h = fill(r, pick(r, t.headings));
  return `${pick(r, [`${h}:`, `## ${h}`, h.toUpperCase()])}\n${body}`;
}

const ORDERS: readonly (readonly SectionKind[])[] = [
  ['about_company', 'responsibilities', 'requirements', 'benefits', 'how_to_apply', 'equal_opportunity'],
  ['responsibilities', 'requirements', 'benefits', 'about_company', 'equal_opportunity', 'how_to_apply'],
];

export interface GeneratedPosting {
  id: string;
  /** the sections joined by blank lines, as a posting reads */
  text: string;
  sections: SectionExample[];
}

/**
 * `n` postings, each with 3–6 sections of distinct kinds (responsibilities and requirements in
 * most, the others less often), in a typical order.
 */
export function generatePostings(n: number, seed = 1): GeneratedPosting[] {
  const r = mulberry32(seed);
  const share: Record<SectionKind, number> = { about_company: 0.7, responsibilities: 0.9, requirements: 0.9, benefits: 0.7, how_to_apply: 0.6, equal_opportunity: 0.45 };
  return Array.from({ length: n }, (_, i) => {
    const order = r() < 0.5 ? ORDERS[0] : ORDERS[1];
    let kinds = order.filter((k) => r() < share[k]);
    if (kinds.length < 3) kinds = order.slice(0, 3 + Math.floor(r() * 3));
    const sections = kinds.map((label) => ({ label, text: section(r, label) }));
    return { id: `posting-${i + 1}`, text: sections.map((s) => s.text).join('\n\n'), sections };
  });
}

/** The labeled sections of `n` generated postings, flattened: the classifier's training table. */
export function generateSectionExamples(n: number, seed = 1): SectionExample[] {
  return generatePostings(n, seed).flatMap((p) => p.sections);
}

/** The same, as JSONL (one `{"text", "label"}` object a line), the shape an annotation tool exports. */
export function sectionExamplesJsonl(examples: readonly SectionExample[]): string {
  return examples.map((e) => JSON.stringify({ text: e.text, label: e.label })).join('\n') + '\n';
}
