import { careerPaths, type CareerRole } from './careers';
import { generateEssays } from './essays';
import { matchCandidates, matchJobs, scorePairs, type MatchCandidate, type MatchJob } from './matching';
import { int, pick, rng } from './rng';

/**
 * Deterministic demo rows, as SQL parameter tuples in table column order. Shared by the
 * embedded database, the real-Postgres test fixture and the studio's e2e test.
 */
export type Row = (string | number | boolean | null | string[] | number[])[];

const FIRST = ['Ana', 'Bo', 'Chen', 'Dana', 'Eli', 'Farah', 'Gus', 'Hana', 'Ivo', 'Jia', 'Kofi', 'Lea', 'Mo', 'Nia', 'Omar', 'Pia', 'Raj', 'Sofía', 'Tariq', 'Zoë'];
const LAST = ['Smith', 'Okafor', 'Nguyen', 'García', "O'Neil", 'Müller', 'Kowalski', 'Tanaka', 'Haddad', 'Silva'];
const SKILLS = ['python', 'sql', 'react', 'typescript', 'pytorch', 'statistics', 'excel', 'tableau', 'spark', 'go', 'kubernetes', 'figma', 'sales', 'negotiation', 'teaching'];
const COMPANIES = ['Acme, Inc.', 'Globex', 'Initech', 'Umbrella "Labs"', 'Hooli', 'Vandelay Industries', 'Stark Ind.', 'Wayne Ent.'];
const TITLES = ['junior analyst', 'data analyst', 'senior data analyst', 'data scientist', 'senior data scientist', 'ml engineer', 'sr ml eng', 'engineering mgr', 'product manager', 'teacher', 'sales rep'];
const TAGS = ['relevance', 'clarity', 'impact', 'depth', 'novelty'];
const DAY = 86_400_000;
const EPOCH_2015 = Date.UTC(2015, 0, 1);

const iso = (ms: number) => new Date(ms).toISOString();
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const DEMO_COUNTS = { candidates: 5000, jobs: 300, candidate_job_scores: 8000, essays: 1500, pairwise_preferences: 3000 } as const;

export function candidateId(i: number): string {
  // one id above 2^53 so int8 precision is tested end to end
  return i === DEMO_COUNTS.candidates - 1 ? '9007199254740993' : String(100000 + i);
}

/** Career paths and matching profiles (matching.ts), built once: candidates, jobs and scores all read them. */
let matching: { paths: CareerRole[][]; cands: MatchCandidate[]; jobs: MatchJob[] } | undefined;
function matchingProfiles() {
  if (!matching) {
    const paths = careerPaths(DEMO_COUNTS.candidates);
    matching = { paths, cands: matchCandidates(paths), jobs: matchJobs(jobRows().map((j) => ({ title: j[1] as string, company: j[2] as string }))) };
  }
  return matching;
}

export function candidates(): Row[] {
  const r = rng(101);
  const { paths, cands } = matchingProfiles();
  return Array.from({ length: DEMO_COUNTS.candidates }, (_, i) => {
    const history = paths[i];
    const name = `${pick(r, FIRST)} ${pick(r, LAST)}`;
    const skills = Array.from(new Set(Array.from({ length: int(r, 1, 5) }, () => pick(r, SKILLS))));
    return [
      candidateId(i),
      i === 7 ? 'Line\nbreak, "quoted", and comma' : name,
      r() < 0.1 ? null : `${name.toLowerCase().replace(/[^a-z]+/g, '.')}${i}@example.com`,
      skills,
      JSON.stringify(history),
      r() < 0.05 ? null : (Math.round(r() * 300) / 10).toFixed(1),
      r() < 0.2 ? null : iso(EPOCH_2015 + int(r, 0, 3500) * DAY + int(r, 0, 86_399_999)).replace('Z', ''),
      iso(EPOCH_2015 + int(r, 0, 3600) * DAY + int(r, 0, 86_399) * 1000 + int(r, 0, 999)),
      cands[i].skillsText,
      cands[i].education,
    ];
  });
}

/** The jobs table's original columns; the matching texts are appended by jobs(). */
function jobRows(): Row[] {
  const r = rng(202);
  return Array.from({ length: DEMO_COUNTS.jobs }, (_, i) => {
    const lo = int(r, 40, 120) * 1000 + (r() < 0.5 ? 0.5 : 0);
    return [
      i + 1,
      pick(r, TITLES),
      pick(r, COMPANIES),
      Array.from(new Set(Array.from({ length: int(r, 1, 4) }, () => pick(r, SKILLS)))),
      `We are hiring a ${pick(r, TITLES)}; must know ${pick(r, SKILLS)} & ${pick(r, SKILLS)}. Ünïcödé welcome — ✓.`,
      r() < 0.1 ? null : lo.toFixed(2),
      r() < 0.1 ? null : (lo + int(r, 5, 60) * 1000).toFixed(2),
      r() < 0.4,
      isoDate(EPOCH_2015 + int(r, 2000, 3600) * DAY),
    ];
  });
}

export function jobs(): Row[] {
  const { jobs: texts } = matchingProfiles();
  return jobRows().map((row, i) => [...row, texts[i].requiredSkills, texts[i].experience, texts[i].educationRequirement]);
}

/** Graded relevance of candidate–job pairs from a hidden section-weighted similarity (matching.ts). */
export function candidateJobScores(): Row[] {
  const { cands, jobs: js } = matchingProfiles();
  return scorePairs(cands, js, DEMO_COUNTS.candidate_job_scores).map((p) => [candidateId(p.candidate), p.job + 1, p.score, p.label, iso(EPOCH_2015 + p.day * DAY)]);
}

/** The graded essays live in essays.ts (latent quality, 49 features, embedding); the count is set here with the others. */
export const essays = (): Row[] => generateEssays(DEMO_COUNTS.essays);

export function pairwisePreferences(): Row[] {
  const r = rng(505);
  return Array.from({ length: DEMO_COUNTS.pairwise_preferences }, (_, i) => {
    const a = int(r, 0, DEMO_COUNTS.candidates - 1);
    let b = int(r, 0, DEMO_COUNTS.candidates - 2);
    if (b >= a) b++;
    return [
      i + 1,
      candidateId(a),
      candidateId(b),
      pick(r, [-1, 0, 1, 1]),
      Array.from(new Set(Array.from({ length: int(r, 0, 3) }, () => pick(r, TAGS)))),
      r() < 0.3 ? null : pick(r, ['alice', 'bob', 'chioma']),
      iso(EPOCH_2015 + int(r, 3300, 3600) * DAY + int(r, 0, 86_399) * 1000),
    ];
  });
}

export const DEMO_ROWS: Record<string, () => Row[]> = {
  candidates,
  jobs,
  candidate_job_scores: candidateJobScores,
  essays,
  pairwise_preferences: pairwisePreferences,
};
