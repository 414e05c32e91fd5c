import type { CareerRole } from './careers';
import { jobProfile, type JobProfile, type JobTexts } from './matching-jobs';
import { candidateProfile, type CandidateProfile } from './matching-profiles';
import { NEIGHBOURS } from './matching-vocab';
import { gauss, int, pick, rng } from './rng';

/**
 * Candidate–job matching demo data. Candidates get `skills_text` and `education` written from
 * their career path (the experience section is their work_history titles and companies); jobs
 * get `required_skills_text`, `experience_text` and `education_requirement` written from their
 * title. `candidate_job_scores.score` is a rater's graded relevance: a HIDDEN section-weighted
 * similarity of what the texts mean (canonical skills, fields and seniority, degrees), not of
 * their words, plus rater noise, through a logistic link. The hidden weights are skills 0.6,
 * experience 0.3, education 0.1. Section TF-IDF cosines see that meaning through the texts'
 * surface (synonyms, formats, company names, titles of colleagues a posting mentions), the
 * experience and education cosines least faithfully, so fixed 0.4/0.4/0.2 weights rank pairs
 * clearly worse than learned ones (holdout Spearman ≈ 0.65 against ≈ 0.74). `label` is the score
 * past 0.5 (about 39% of labeled pairs), NULL for about 15%. 90% of pairs are applications (a
 * job in the field the person works in, or one they held or border on) and 10% random, so both
 * classes are well filled and most of the ranking is within related fields.
 */
export const CANDIDATE_MATCH_COLUMNS = ['skills_text', 'education'] as const;
export const JOB_MATCH_COLUMNS = ['required_skills_text', 'experience_text', 'education_requirement'] as const;

/** The hidden section weights and link: graded = Σ w·sim + noise, score = σ(SLOPE · (graded − CUT)). */
export const HIDDEN_WEIGHTS = { skills: 0.6, experience: 0.3, education: 0.1 } as const;
const RATER_NOISE_SD = 0.07;
const SLOPE = 9;
const CUT = 0.52;
const P_APPLICATION = 0.9;
const P_UNLABELED = 0.15;

export type MatchCandidate = CandidateProfile & { skillsText: string; education: string };
export type MatchJob = JobProfile & JobTexts;

export const matchCandidates = (paths: CareerRole[][]): MatchCandidate[] => {
  const r = rng(111);
  return paths.map((h) => candidateProfile(r, h));
};

export const matchJobs = (postings: { title: string; company: string }[]): MatchJob[] => {
  const r = rng(212);
  return postings.map((p) => jobProfile(r, p.title, p.company));
};

/** Share of the posting's skills the person has: must-haves count double the nice-to-haves. */
export function skillsSimilarity(c: CandidateProfile, j: JobProfile): number {
  const has = new Set(c.skills);
  const got = j.must.filter((s) => has.has(s)).length + 0.5 * j.nice.filter((s) => has.has(s)).length;
  return got / (j.must.length + 0.5 * j.nice.length);
}

/** How a seniority gap (person − posting) reads to a rater: a step up is a stretch, far above is a poor fit too. */
const SENIORITY_FIT: Record<number, number> = { [-4]: 0.02, [-3]: 0.05, [-2]: 0.15, [-1]: 0.5, 0: 1, 1: 0.65, 2: 0.3, 3: 0.15, 4: 0.1 };

/** Relevant field experience (current field full, earlier fields by time spent, neighbours in part) times seniority fit. */
export function experienceSimilarity(c: CandidateProfile, j: JobProfile): number {
  let field = 0;
  for (const [f, months] of Object.entries(c.months)) {
    const base = f === j.field ? 1 : NEIGHBOURS[f].includes(j.field) ? 0.45 : 0.05;
    const weight = f === c.current ? 1 : 0.75 * Math.min(1, months / 36);
    field = Math.max(field, base * weight);
  }
  return field * SENIORITY_FIT[Math.max(-4, Math.min(4, c.seniority - j.seniority))];
}

/** The best of the person's degrees against what the posting asks: subject relevance times level. */
export function educationSimilarity(c: CandidateProfile, j: JobProfile): number {
  let best = 0;
  for (const d of c.degrees) {
    let s: number;
    if (j.minLevel === 0) s = 0.6 + 0.1 * Math.min(d.level, 4);
    else if (j.subjects === null) s = d.level >= 2 ? 0.85 : d.level === 1 ? 0.55 : 0.3;
    else {
      const subject = d.subject === null ? 0.1 : j.subjects.wanted.includes(d.subject) ? 1 : j.subjects.related.includes(d.subject) ? 0.55 : 0.15;
      const level = d.level >= j.minLevel ? 1 : d.level === j.minLevel - 1 ? 0.6 : 0.3;
      s = subject * level;
    }
    best = Math.max(best, s);
  }
  return best;
}

export function hiddenRelevance(c: CandidateProfile, j: JobProfile): { skills: number; experience: number; education: number; graded: number } {
  const skills = skillsSimilarity(c, j);
  const experience = experienceSimilarity(c, j);
  const education = educationSimilarity(c, j);
  const w = HIDDEN_WEIGHTS;
  return { skills, experience, education, graded: w.skills * skills + w.experience * experience + w.education * education };
}

/** Fields with postings a person would apply to: their own (or, with none posted, its neighbours), then earlier ones. */
function applicationFields(c: CandidateProfile, posted: ReadonlySet<string>): string[] {
  const held = Object.keys(c.months).sort((a, b) => (a === c.current ? -1 : b === c.current ? 1 : c.months[b] - c.months[a]));
  const out = held.flatMap((f) => (posted.has(f) ? [f] : NEIGHBOURS[f].filter((n) => posted.has(n))));
  return out.length ? [...new Set(out)] : [...posted];
}

export interface ScoredPair {
  candidate: number;
  job: number;
  score: number;
  label: 0 | 1 | null;
  /** days after 2015-01-01 */
  day: number;
}

/** `count` distinct (candidate, job) pairs with their rated score and label. */
export function scorePairs(cands: MatchCandidate[], jobs: MatchJob[], count: number, seed = 303): ScoredPair[] {
  const r = rng(seed);
  const byField = new Map<string, number[]>();
  jobs.forEach((j, i) => byField.set(j.field, [...(byField.get(j.field) ?? []), i]));
  const posted = new Set(byField.keys());
  const seen = new Set<string>();
  const out: ScoredPair[] = [];
  while (out.length < count) {
    const c = int(r, 0, cands.length - 1);
    let j: number;
    if (r() < P_APPLICATION) {
      const fields = applicationFields(cands[c], posted);
      j = pick(r, byField.get(r() < 0.85 ? fields[0] : pick(r, fields))!);
    } else j = int(r, 0, jobs.length - 1);
    const key = `${c}:${j}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const graded = hiddenRelevance(cands[c], jobs[j]).graded + RATER_NOISE_SD * gauss(r);
    const score = Math.round(1e6 / (1 + Math.exp(-SLOPE * (graded - CUT)))) / 1e6;
    out.push({ candidate: c, job: j, score, label: r() < P_UNLABELED ? null : score >= 0.5 ? 1 : 0, day: int(r, 3000, 3600) });
  }
  return out;
}
