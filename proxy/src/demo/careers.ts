import { int, pick, rng } from './rng';

/**
 * Seeded career paths that behave like real ones: ladders climbed one rung at a time (junior →
 * mid → senior → lead), lateral moves to another company at the same level, career changers who
 * restart lower on a neighbouring ladder (often after a gap), and tenure that grows with
 * seniority. People differ in a latent drive (fast climbers are promoted more and stay shorter;
 * others move sideways more), and changers often return to a ladder they held before: the next
 * role depends on the whole history, not just the current title, as in real careers.
 * Titles are written the messy way people type them ("Sr. Data Scientist",
 * "SOFTWARE ENG", "engineering mgr"), so normalization has real work to do.
 */
export interface CareerRole {
  company: string;
  title: string;
  start_date: string;
  end_date: string | null;
}

export const LADDERS: Record<string, string[]> = {
  analytics: ['junior data analyst', 'data analyst', 'senior data analyst', 'lead data analyst', 'analytics manager'],
  datascience: ['junior data scientist', 'data scientist', 'senior data scientist', 'lead data scientist', 'principal data scientist'],
  ml: ['machine learning engineer', 'senior machine learning engineer', 'staff machine learning engineer'],
  software: ['junior software engineer', 'software engineer', 'senior software engineer', 'staff software engineer', 'principal software engineer'],
  engmgmt: ['engineering manager', 'senior engineering manager', 'director of engineering'],
  product: ['associate product manager', 'product manager', 'senior product manager', 'group product manager', 'director of product'],
  sales: ['sales development representative', 'account executive', 'senior account executive', 'sales manager', 'director of sales'],
  teaching: ['teaching assistant', 'teacher', 'senior teacher', 'head of department', 'deputy head teacher'],
  recruiting: ['recruiting coordinator', 'recruiter', 'senior recruiter', 'talent acquisition manager'],
};

/** Where a career changer goes: a neighbouring ladder, entering `levelShift` rungs from their current level (never below 0). */
const CHANGES: Record<string, { to: string; levelShift: number }[]> = {
  analytics: [{ to: 'datascience', levelShift: -1 }, { to: 'product', levelShift: -1 }],
  datascience: [{ to: 'ml', levelShift: -1 }, { to: 'product', levelShift: -1 }],
  ml: [{ to: 'software', levelShift: 0 }, { to: 'engmgmt', levelShift: -2 }],
  software: [{ to: 'ml', levelShift: -1 }, { to: 'engmgmt', levelShift: -2 }],
  engmgmt: [{ to: 'product', levelShift: 1 }],
  product: [{ to: 'engmgmt', levelShift: -1 }, { to: 'analytics', levelShift: 0 }],
  sales: [{ to: 'product', levelShift: -1 }, { to: 'recruiting', levelShift: 0 }],
  teaching: [{ to: 'analytics', levelShift: -9 }, { to: 'recruiting', levelShift: -1 }, { to: 'software', levelShift: -9 }],
  recruiting: [{ to: 'sales', levelShift: 0 }, { to: 'analytics', levelShift: -9 }],
};

const ENTRY_WEIGHTS: [string, number][] = [
  ['analytics', 3], ['datascience', 2], ['software', 4], ['product', 1], ['sales', 3], ['teaching', 3], ['recruiting', 1],
];

const COMPANIES = ['Acme, Inc.', 'Globex', 'Initech', 'Umbrella "Labs"', 'Hooli', 'Vandelay Industries', 'Stark Ind.', 'Wayne Ent.', 'Northwind', 'Contoso', 'Oakridge School District', 'Lakeside Academy'];
const DAY = 86_400_000;
/** Paths are generated up to this "today"; a role running past it has end_date null. */
export const CAREERS_TODAY = Date.UTC(2025, 5, 30);

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function weighted(r: () => number, entries: [string, number][]): string {
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let x = r() * total;
  for (const [k, w] of entries) if ((x -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

/** How people actually type a title: abbreviations, case and punctuation vary; the role does not. */
function surface(r: () => number, title: string): string {
  let t = title;
  if (r() < 0.35) t = t.replace(/\bsenior\b/, pick(r, ['sr', 'Sr.', 'SR']));
  if (r() < 0.3) t = t.replace(/\bjunior\b/, pick(r, ['jr', 'Jr.']));
  if (r() < 0.3) t = t.replace(/\bengineer\b/, pick(r, ['eng', 'Eng.']));
  if (r() < 0.3) t = t.replace(/\bmanager\b/, pick(r, ['mgr', 'Mgr.']));
  if (r() < 0.3) t = t.replace(/\bmachine learning\b/, 'ML');
  const style = r();
  if (style < 0.4) t = t.replace(/\b\w/g, (c) => c.toUpperCase());
  else if (style < 0.5) t = t.toUpperCase();
  if (r() < 0.1) t = `  ${t.replace(/ /g, '  ')} `;
  if (r() < 0.05) t = t.replace(/ /, ' - ');
  return t;
}

/** Months in a role: longer with seniority, longer for teachers, heavy-tailed. */
function tenureDays(r: () => number, ladder: string, level: number, drive: number): number {
  const months = (10 + 5 * level) * (ladder === 'teaching' ? 1.5 : 1) * (drive ? 0.75 : 1.25) * Math.exp((r() - 0.5) * 0.9);
  return Math.max(60, Math.round(months * 30.44));
}

export function careerPath(r: () => number): CareerRole[] {
  const drive = r() < 0.5 ? 1 : 0;
  let ladder = weighted(r, ENTRY_WEIGHTS);
  const held = new Set<string>();
  let level = r() < 0.75 ? 0 : 1;
  let company = pick(r, COMPANIES);
  let t = Date.UTC(2006, 0, 1) + int(r, 0, 12 * 365) * DAY;
  const roles: CareerRole[] = [];
  for (let k = 0; k < 10 && t < CAREERS_TODAY; k++) {
    held.add(ladder);
    const end = t + tenureDays(r, ladder, level, drive) * DAY;
    const title = LADDERS[ladder][level];
    roles.push({ company, title: surface(r, title), start_date: isoDate(t), end_date: end >= CAREERS_TODAY ? null : isoDate(end) });
    if (end >= CAREERS_TODAY || r() < 0.04) break;
    // the next move: change ladders, climb, or move sideways to another company
    const top = LADDERS[ladder].length - 1;
    const u = r();
    let gapDays: number;
    const pChange = 0.12 + (ladder === 'teaching' ? 0.18 : 0);
    const pUp = drive ? 0.85 : 0.25;
    if (u < pChange) {
      const back = [...held].filter((l) => l !== ladder);
      if (back.length && r() < 0.7) {
        // a return to an earlier ladder, at the level the person now has
        ladder = pick(r, back);
        level = Math.min(LADDERS[ladder].length - 1, level);
      } else {
        const ch = pick(r, CHANGES[ladder]);
        ladder = ch.to;
        level = Math.max(0, Math.min(LADDERS[ladder].length - 1, level + ch.levelShift));
      }
      company = pick(r, COMPANIES);
      // changers often retrain first
      gapDays = r() < 0.55 ? int(r, 120, 420) : int(r, 0, 60);
    } else if (u < pChange + pUp * (1 - pChange) && level < top) {
      level++;
      const internal = r() < 0.5;
      if (!internal) company = pick(r, COMPANIES.filter((c) => c !== company));
      gapDays = internal ? 0 : r() < 0.12 ? int(r, 91, 240) : int(r, 0, 45);
    } else {
      company = pick(r, COMPANIES.filter((c) => c !== company));
      // seniors find the next job faster; sales and teaching take longer
      const slow = 0.3 - 0.05 * level - 0.1 * drive + (ladder === 'sales' || ladder === 'teaching' ? 0.15 : 0);
      gapDays = r() < slow ? int(r, 91, 365) : int(r, 0, 60);
    }
    t = end + gapDays * DAY;
  }
  return roles;
}

/** `n` seeded career paths; the proxy's candidates table and the sequence tests use the same ones. */
export function careerPaths(n: number, seed = 606): CareerRole[][] {
  const r = rng(seed);
  return Array.from({ length: n }, () => careerPath(r));
}
