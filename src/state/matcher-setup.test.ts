import { describe, expect, it } from 'vitest';
import type { DatasetRecord } from '../db/records';
import type { ColumnStats } from '../ml/data/column-stats';
import { defaultMatcherSetup, matcherSetupProblems } from './matcher-setup';

const col = (name: string, dtype: ColumnStats['dtype']): ColumnStats => ({ name, dtype, missing: 0, missingFraction: 0, distinct: 10 });
const ds = (id: string, name: string, stats: ColumnStats[]): DatasetRecord => ({ id, name, fileName: name, source: 'proxy', origin: { kind: 'proxy' } as DatasetRecord['origin'], rowCount: 10, columnCount: stats.length, bytes: 0, stats, createdAt: 0 });

const candidates = ds('c', 'candidates', [col('id', 'id'), col('name', 'text'), col('skills', 'categorical'), col('work_history', 'text'), col('skills_text', 'text'), col('education', 'text')]);
const jobs = ds('j', 'jobs', [col('id', 'numeric'), col('title', 'categorical'), col('required_skills', 'categorical'), col('description', 'text'), col('required_skills_text', 'text'), col('experience_text', 'text'), col('education_requirement', 'text')]);
const scores = ds('s', 'candidate_job_scores', [col('candidate_id', 'id'), col('job_id', 'numeric'), col('score', 'numeric'), col('label', 'numeric'), col('scored_at', 'datetime')]);

describe('matcher setup guess', () => {
  // the demo tables' column order puts skills / required_skills / description before the matching texts
  it('finds the demo tables, join keys, label, score and the three sections with 0.4 / 0.4 / 0.2', () => {
    const s = defaultMatcherSetup(scores, [candidates, jobs, scores]);
    expect([s.candidatesId, s.jobsId]).toEqual(['c', 'j']);
    expect(s.columns).toMatchObject({ candidateId: 'id', jobId: 'id', pairCandidate: 'candidate_id', pairJob: 'job_id', label: 'label', score: 'score' });
    expect(s.columns.sections.map((x) => `${x.name}:${x.candidateColumn}/${x.jobColumn}`)).toEqual(['skills:skills_text/required_skills_text', 'experience:work_history/experience_text', 'education:education/education_requirement']);
    expect(s.config.fixedWeights).toEqual([0.4, 0.4, 0.2]);
    expect(s.config.learnedMode).toBe('logistic');
    expect(matcherSetupProblems(s)).toEqual([]);
  });

  it('falls back to one scores table for both sides, and says what is missing', () => {
    const flat = ds('f', 'pairs.csv', [col('candidate_id', 'id'), col('job_id', 'id'), col('skills', 'text'), col('required_skills', 'text'), col('score', 'numeric')]);
    const s = defaultMatcherSetup(flat, [flat]);
    expect([s.candidatesId, s.jobsId]).toEqual(['f', 'f']);
    expect([s.columns.candidateId, s.columns.jobId]).toEqual(['candidate_id', 'job_id']);
    expect(s.columns.sections).toEqual([{ name: 'skills', candidateColumn: 'skills', jobColumn: 'required_skills' }]);
    expect(s.config.learnedMode).toBe('least-squares');
    expect(matcherSetupProblems(s)).toEqual([]);
    expect(matcherSetupProblems({ ...s, config: { ...s.config, learnedMode: 'logistic' } })).toContain('logistic weights learn from binary labels: choose a label column or use least squares');
    expect(matcherSetupProblems({ ...s, columns: { ...s.columns, sections: [] } })[0]).toMatch(/add at least one section/);
  });
});
