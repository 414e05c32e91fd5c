// Writes public/samples/projects.csv: a small item pool for pairwise labeling (seeded, so the file is reproducible).
// Run: npx tsx scripts/make-projects-sample.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mulberry32 } from '../src/ml/data/rng';

const rng = mulberry32(2026);
const pick = <T,>(xs: T[]) => xs[Math.floor(rng() * xs.length)];
const gauss = () => Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12))) * Math.cos(2 * Math.PI * rng());
const topics = ['resume parser', 'skills taxonomy', 'interview scheduler', 'essay feedback', 'job matcher', 'career path explorer', 'grading rubric tool', 'mentor finder', 'course recommender', 'salary benchmark'];
const stacks = ['React + FastAPI', 'Vue + Node', 'Django', 'Rails', 'Svelte + Go', 'Flutter', 'Next.js', 'Spring Boot'];
const adjectives = ['minimal', 'accessible', 'multilingual', 'offline-first', 'explainable', 'privacy-preserving', 'real-time', 'open-source'];
const DIM = 8;
const w = Array.from({ length: DIM }, gauss);
const rows: string[] = ['project_id,title,summary,stars,contributors,test_coverage,relevance,embedding'];
for (let i = 1; i <= 40; i++) {
  const emb = Array.from({ length: DIM }, () => Math.round(gauss() * 1000) / 1000);
  const stars = Math.round(Math.exp(3 + 1.5 * rng()));
  const contributors = 1 + Math.floor(rng() * 12);
  const coverage = Math.round(rng() * 100);
  const utility = emb.reduce((s, v, j) => s + v * w[j], 0) + 0.01 * coverage + 0.2 * Math.log(stars);
  const relevance = Math.max(0, Math.min(3, Math.round(1.5 + utility / 2)));
  const title = `${pick(adjectives)} ${pick(topics)}`;
  const summary = `${/^[aeiou]/.test(title) ? "An" : "A"} ${title} built with ${pick(stacks)}; ${contributors} contributor${contributors > 1 ? 's' : ''}, ${coverage}% test coverage.`;
  rows.push([`P${String(i).padStart(3, '0')}`, title, `"${summary}"`, stars, contributors, coverage, relevance, `"[${emb.join(',')}]"`].join(','));
}
writeFileSync(resolve(import.meta.dirname, '../public/samples/projects.csv'), rows.join('\n') + '\n');
