import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import { expectClose } from '../../../test-utils/close';
import { explainPair, matcherMetrics } from './evaluate-matcher';
import { fitMatcherWeights, fitSectionTfidf, matcherScores, sectionSimilarities, type MatcherDocs, type MatcherPairs } from './matcher';

const SKILLS = ['python', 'sql', 'statistics', 'react', 'typescript', 'kubernetes', 'excel', 'negotiation', 'teaching', 'pytorch'];
const DEGREES = ['computer science', 'statistics', 'education', 'business', 'nursing'];
const TITLES = ['data scientist', 'frontend engineer', 'sales manager', 'teacher', 'platform engineer'];

/** Candidates and jobs with overlapping vocabularies; the hidden score weighs skills most, education least. */
function world(seed = 1) {
  const r = mulberry32(seed);
  const pickSome = (xs: string[], n: number) => Array.from({ length: n }, () => xs[Math.floor(r() * xs.length)]).join(', ');
  const sections = [
    { name: 'skills', candidateColumn: 'skills', jobColumn: 'required_skills' },
    { name: 'experience', candidateColumn: 'work_history', jobColumn: 'experience_text' },
    { name: 'education', candidateColumn: 'education', jobColumn: 'education_requirement' },
  ];
  const docs: MatcherDocs = { sections, candidates: new Map(), jobs: new Map() };
  for (let i = 0; i < 120; i++) docs.candidates.set(`c${i}`, [pickSome(SKILLS, 4), `${pickSome(TITLES, 2)} at acme`, `MSc ${pickSome(DEGREES, 1)}`]);
  for (let j = 0; j < 30; j++) docs.jobs.set(`j${j}`, [pickSome(SKILLS, 3), `senior ${pickSome(TITLES, 1)}`, `degree in ${pickSome(DEGREES, 1)}`]);
  const pairs: MatcherPairs = { candidate: [], job: [], label: new Float64Array(600), score: new Float64Array(600) };
  for (let p = 0; p < 600; p++) {
    pairs.candidate.push(`c${Math.floor(r() * 120)}`);
    pairs.job.push(`j${Math.floor(r() * 30)}`);
  }
  return { docs, pairs, r };
}

describe('section-weighted TF-IDF matcher', () => {
  const { docs, pairs, r } = world();
  const sections = fitSectionTfidf(docs);
  const sims = sectionSimilarities(sections, docs, pairs);
  for (let p = 0; p < 600; p++) {
    const s = 0.7 * sims[p * 3] + 0.25 * sims[p * 3 + 1] + 0.05 * sims[p * 3 + 2] + 0.05 * (r() - 0.5);
    pairs.score[p] = s;
    pairs.label[p] = p % 7 === 0 ? NaN : s > 0.25 ? 1 : 0;
  }
  const train = Int32Array.from({ length: 400 }, (_, i) => i);
  const test = Int32Array.from({ length: 200 }, (_, i) => 400 + i);

  it('cosines lie in [0, 1], one per section, and an unknown id names the pair', () => {
    expect(sims.length).toBe(1800);
    for (const v of sims) expect(v >= 0 && v <= 1 + 1e-12).toBe(true);
    expect(() => sectionSimilarities(sections, docs, { candidate: ['c1', 'nobody'], job: ['j1', 'j2'] })).toThrow('pair 2: candidate "nobody" is not in the candidates table');
  });

  it('learned weights beat the fixed 0.4 / 0.4 / 0.2 on held-out pairs (Spearman and F1), and recover the hidden order', () => {
    const fixed = fitMatcherWeights(sections, sims, pairs, train, 'fixed', [0.4, 0.4, 0.2]);
    const ls = fitMatcherWeights(sections, sims, pairs, train, 'least-squares', []);
    const lr = fitMatcherWeights(sections, sims, pairs, train, 'logistic', []);
    const evalOf = (m: typeof fixed) => {
      const s = matcherScores(m, sims);
      return matcherMetrics(m, pairs, test, s.score, s.probability);
    };
    const [f, l, g] = [evalOf(fixed), evalOf(ls), evalOf(lr)];
    expect(l.spearman).toBeGreaterThan(f.spearman);
    expect(g.f1).toBeGreaterThan(f.f1);
    expectClose(ls.linear.weights, [0.7, 0.25, 0.05], 0, 0.02);
    expect(f.ndcg_at_5).toBeGreaterThan(0);
  });

  it('explains a pair: per section the cosine equals the sum of its term contributions', () => {
    const m = fitMatcherWeights(sections, sims, pairs, train, 'least-squares', []);
    const ex = explainPair(m, docs.candidates.get(pairs.candidate[0]) as string[], docs.jobs.get(pairs.job[0]) as string[], 1000);
    ex.forEach((e, k) => {
      expectClose(e.terms.reduce((a, t) => a + t.contribution, 0), sims[k], 0, 1e-12);
      for (let i = 1; i < e.terms.length; i++) expect(e.terms[i - 1].contribution).toBeGreaterThanOrEqual(e.terms[i].contribution);
    });
  });
});
