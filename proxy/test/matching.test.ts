import { describe, expect, it } from 'vitest';
import { careerPaths } from '../src/demo/careers';
import { candidateJobScores, candidates, DEMO_COUNTS, jobs } from '../src/demo/generate';
import { CANDIDATE_MATCH_COLUMNS, hiddenRelevance, JOB_MATCH_COLUMNS, matchCandidates, matchJobs, scorePairs } from '../src/demo/matching';
import { parseTitle } from '../src/demo/matching-profiles';
import { DEMO_SCHEMA_SQL } from '../src/demo/schema';

/**
 * The candidate–job matching data's contract: rows follow the DDL, the original columns keep
 * their values (work_history above all, which the career sequence model reads), every text is
 * there and fits the person's career or the job's title, and the scores are a graded relevance
 * whose labels agree with them, with both classes well represented. Bounds are loose on purpose:
 * they catch a broken generator, not a retuned one.
 */
const cands = candidates();
const jobRows = jobs();
const scores = candidateJobScores();

const ddlColumns = (table: string) =>
  new RegExp(`CREATE TABLE ${table} \\(([\\s\\S]*?)\\n\\);`)
    .exec(DEMO_SCHEMA_SQL)![1]
    .split(',\n')
    .map((l) => l.trim().split(/\s+/)[0])
    .filter((n) => n !== 'PRIMARY');
const col = (table: string, rows: unknown[][], name: string) => {
  const i = ddlColumns(table).indexOf(name);
  expect(i, `${table}.${name}`).toBeGreaterThanOrEqual(0);
  return rows.map((r) => r[i]);
};

describe('candidate–job matching demo data', () => {
  it('rows follow the DDL, with the matching texts appended after the original columns', () => {
    for (const [table, rows, count] of [
      ['candidates', cands, DEMO_COUNTS.candidates],
      ['jobs', jobRows, DEMO_COUNTS.jobs],
      ['candidate_job_scores', scores, DEMO_COUNTS.candidate_job_scores],
    ] as const) {
      expect(rows).toHaveLength(count);
      expect(rows.every((r) => r.length === ddlColumns(table).length), table).toBe(true);
    }
    expect(ddlColumns('candidates').slice(-2)).toEqual([...CANDIDATE_MATCH_COLUMNS]);
    expect(ddlColumns('candidates').slice(0, 8)).toEqual(['id', 'name', 'email', 'skills', 'work_history', 'years_experience', 'last_login', 'created_at']);
    expect(ddlColumns('jobs').slice(-3)).toEqual([...JOB_MATCH_COLUMNS]);
    expect(ddlColumns('candidate_job_scores')).toEqual(['candidate_id', 'job_id', 'score', 'label', 'scored_at']);
  });

  it('keeps work_history and the quirky rows as they were', () => {
    const paths = careerPaths(DEMO_COUNTS.candidates);
    expect(col('candidates', cands, 'work_history')).toEqual(paths.map((p) => JSON.stringify(p)));
    expect(cands[7][1]).toBe('Line\nbreak, "quoted", and comma');
    expect(cands[DEMO_COUNTS.candidates - 1][0]).toBe('9007199254740993');
    expect(col('jobs', jobRows, 'description').every((d) => (d as string).includes('Ünïcödé'))).toBe(true);
    // every messy title maps to a ladder rung, so the experience section is well defined
    for (const p of paths.slice(0, 1000)) for (const role of p) expect(() => parseTitle(role.title)).not.toThrow();
  });

  it('is deterministic', () => {
    const paths = careerPaths(300);
    const postings = jobRows.slice(0, 40).map((j) => ({ title: j[1] as string, company: j[2] as string }));
    const a = matchCandidates(paths);
    const b = matchCandidates(paths);
    expect(a.map((c) => [c.skillsText, c.education])).toEqual(b.map((c) => [c.skillsText, c.education]));
    const ja = matchJobs(postings);
    expect(ja).toEqual(matchJobs(postings));
    expect(scorePairs(a, ja, 500)).toEqual(scorePairs(b, matchJobs(postings), 500));
  });

  it('every text is non-empty, and texts follow the career or the title', () => {
    for (const name of CANDIDATE_MATCH_COLUMNS) expect(col('candidates', cands, name).every((t) => typeof t === 'string' && t.trim().length > 1), name).toBe(true);
    for (const name of JOB_MATCH_COLUMNS) expect(col('jobs', jobRows, name).every((t) => typeof t === 'string' && t.trim().length > 5), name).toBe(true);
    const paths = careerPaths(DEMO_COUNTS.candidates);
    const skills = col('candidates', cands, 'skills_text') as string[];
    const share = (field: string, re: RegExp) => {
      const idx = paths.map((p, i) => [parseTitle(p[p.length - 1].title).field, i] as const).filter(([f]) => f === field).map(([, i]) => i);
      return idx.filter((i) => re.test(skills[i])).length / idx.length;
    };
    const data = /python|statistic|\bstats\b|machine learning|\bML\b|scikit|sklearn/i;
    expect(share('datascience', data)).toBeGreaterThan(0.9);
    expect(share('teaching', data)).toBeLessThan(0.3);
    expect(share('teaching', /lesson|classroom|behaviou?r management|curriculum|assessment|marking/i)).toBeGreaterThan(0.9);
    const jobSkills = col('jobs', jobRows, 'required_skills_text') as string[];
    const titles = col('jobs', jobRows, 'title') as string[];
    const teacherJobs = titles.map((t, i) => [t, i] as const).filter(([t]) => t === 'teacher');
    expect(teacherJobs.length).toBeGreaterThan(5);
    expect(teacherJobs.every(([, i]) => /lesson|classroom|behaviou?r management|curriculum|assessment|marking|differentiat|safeguarding|child protection|schemes of work|SEN/i.test(jobSkills[i]))).toBe(true);
    const experience = col('jobs', jobRows, 'experience_text') as string[];
    const headWord: Record<string, string> = { eng: 'engineer', mgr: 'manager' };
    expect(titles.every((t, i) => experience[i].toLowerCase().includes(headWord[t.split(' ').at(-1)!] ?? t.split(' ').at(-1)!))).toBe(true);
  });

  it('pairs are distinct, reference real rows, and scores are graded relevance in [0, 1]', () => {
    const ids = new Set(cands.map((c) => c[0]));
    const keys = new Set(scores.map((s) => `${s[0]}:${s[1]}`));
    expect(keys.size).toBe(scores.length);
    expect(scores.every((s) => ids.has(s[0]) && Number.isInteger(s[1]) && (s[1] as number) >= 1 && (s[1] as number) <= DEMO_COUNTS.jobs)).toBe(true);
    const score = scores.map((s) => s[2] as number);
    expect(score.every((x) => x >= 0 && x <= 1)).toBe(true);
    // graded, not two-valued: every tenth of the range is used
    for (let k = 0; k < 10; k++) expect(score.filter((x) => Math.min(9, Math.floor(x * 10)) === k).length, `decile ${k}`).toBeGreaterThan(100);
  });

  it('labels agree with the scores, about 15% are NULL and 30–45% of the rest positive', () => {
    const labeled = scores.filter((s) => s[3] !== null);
    const nulls = 1 - labeled.length / scores.length;
    expect(nulls).toBeGreaterThan(0.12);
    expect(nulls).toBeLessThan(0.18);
    // the label is the score past 0.5, also after the real column's float32 rounding
    expect(labeled.every((s) => s[3] === (Math.fround(s[2] as number) >= 0.5 ? 1 : 0))).toBe(true);
    const positives = labeled.filter((s) => s[3] === 1).length / labeled.length;
    expect(positives).toBeGreaterThan(0.3);
    expect(positives).toBeLessThan(0.45);
  });

  it('scores follow the hidden relevance, and applications to related fields outnumber random pairs', () => {
    const mc = matchCandidates(careerPaths(DEMO_COUNTS.candidates));
    const mj = matchJobs(jobRows.map((j) => ({ title: j[1] as string, company: j[2] as string })));
    const index = new Map(cands.map((c, i) => [c[0], i]));
    const pairs = scores.map((s) => ({ c: mc[index.get(s[0])!], j: mj[(s[1] as number) - 1], score: s[2] as number }));
    const same = pairs.filter((p) => p.c.current === p.j.field);
    expect(same.length / pairs.length).toBeGreaterThan(0.45);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(same.map((p) => p.score))).toBeGreaterThan(mean(pairs.filter((p) => p.c.current !== p.j.field).map((p) => p.score)) + 0.25);
    // monotone in the hidden relevance up to rater noise: high-relevance pairs score high
    const h = pairs.map((p) => ({ g: hiddenRelevance(p.c, p.j).graded, score: p.score }));
    expect(mean(h.filter((p) => p.g > 0.7).map((p) => p.score))).toBeGreaterThan(0.8);
    expect(mean(h.filter((p) => p.g < 0.3).map((p) => p.score))).toBeLessThan(0.15);
  });
});
