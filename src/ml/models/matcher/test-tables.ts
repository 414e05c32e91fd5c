import { candidateJobScores, candidates, jobs } from '../../../../proxy/src/demo/generate';
import type { Frame } from '../../data/frame';
import type { MatcherColumns } from './matcher-data';

/**
 * The proxy's demo tables, as the studio imports them: candidates and jobs joined to the rated
 * pairs on their ids (shared by the matcher's tests).
 */
export const text = (name: string, v: unknown[]) => ({ name, dtype: 'text' as const, values: v.map((x) => (x === null ? null : String(x))) });
export const num = (name: string, v: unknown[]) => ({ name, dtype: 'numeric' as const, values: Float64Array.from(v, (x) => (x === null ? NaN : Number(x))) });

export function demoTables() {
  const c = candidates();
  const j = jobs();
  const s = candidateJobScores();
  const cf: Frame = { rowCount: c.length, columns: [text('id', c.map((r) => r[0])), text('work_history', c.map((r) => r[4])), text('skills_text', c.map((r) => r[8])), text('education', c.map((r) => r[9]))] };
  const jf: Frame = { rowCount: j.length, columns: [num('id', j.map((r) => r[0])), text('required_skills_text', j.map((r) => r[9])), text('experience_text', j.map((r) => r[10])), text('education_requirement', j.map((r) => r[11]))] };
  const pf: Frame = { rowCount: s.length, columns: [text('candidate_id', s.map((r) => r[0])), num('job_id', s.map((r) => r[1])), num('score', s.map((r) => r[2])), num('label', s.map((r) => r[3]))] };
  return { candidates: { name: 'candidates', frame: cf }, jobs: { name: 'jobs', frame: jf }, pairs: { name: 'candidate_job_scores', frame: pf } };
}

export const COLUMNS: MatcherColumns = {
  candidateId: 'id',
  jobId: 'id',
  pairCandidate: 'candidate_id',
  pairJob: 'job_id',
  label: 'label',
  score: 'score',
  sections: [
    { name: 'skills', candidateColumn: 'skills_text', jobColumn: 'required_skills_text' },
    { name: 'experience', candidateColumn: 'work_history', jobColumn: 'experience_text' },
    { name: 'education', candidateColumn: 'education', jobColumn: 'education_requirement' },
  ],
};
