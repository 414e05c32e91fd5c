import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import * as ortWeb from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { candidateJobScores, candidates, jobs } from '../../../proxy/src/demo/generate';
import { expectClose } from '../../test-utils/close';
import { applyPlatt } from '../calibration/platt';
import { fitMatcherWeights, fitSectionTfidf, matcherScores, sectionSimilarities, type FittedMatcher, type MatcherDocs, type MatcherPairs, type WeightMode } from '../models/matcher/matcher';
import { flattenWorkHistory } from '../models/matcher/sections';
import { DEFAULT_TFIDF, type TfidfParams } from '../text/tfidf';
import { tokenVocabulary } from '../text/token-ids';
import { encodeMatcherBatch, matcherToOnnx, matcherVocabJson, type Int64Feed } from './matcher-onnx';

const EXPORT_DIR = resolve(import.meta.dirname, '../../../test-results/onnx-exports/matcher');
const TRAIN = 3000;
const N = 500;

/** The demo tables as matcher input (column order: proxy/src/demo/schema.ts). */
function demo(): { docs: MatcherDocs; pairs: MatcherPairs } {
  const sections = [
    { name: 'skills', candidateColumn: 'skills_text', jobColumn: 'required_skills_text' },
    { name: 'experience', candidateColumn: 'work_history', jobColumn: 'experience_text' },
    { name: 'education', candidateColumn: 'education', jobColumn: 'education_requirement' },
  ];
  const docs: MatcherDocs = {
    sections,
    candidates: new Map(candidates().map((c) => [String(c[0]), [c[8] as string, flattenWorkHistory(c[4] as string), c[9] as string]])),
    jobs: new Map(jobs().map((j) => [String(j[0]), [j[9] as string, j[10] as string, j[11] as string]])),
  };
  const rows = candidateJobScores();
  const pairs: MatcherPairs = {
    candidate: rows.map((r) => String(r[0])),
    job: rows.map((r) => String(r[1])),
    label: Float64Array.from(rows, (r) => (r[3] === null ? NaN : Number(r[3]))),
    score: Float64Array.from(rows, (r) => Number(r[2])),
  };
  return { docs, pairs };
}

type Out = Record<string, { data: unknown; dims: readonly number[] }>;
type Runtime = { name: string; create: (b: Uint8Array) => Promise<{ inputNames: readonly string[]; outputNames: readonly string[]; run: (f: Record<string, unknown>) => Promise<Out> }>; tensor: (f: Int64Feed) => unknown };
const runtimes: Runtime[] = [
  { name: 'onnxruntime-node', create: (b) => ortNode.InferenceSession.create(b) as never, tensor: (f) => new ortNode.Tensor('int64', f.data, f.dims) },
  { name: 'onnxruntime-web', create: (b) => ortWeb.InferenceSession.create(b) as never, tensor: (f) => new ortWeb.Tensor('int64', f.data, f.dims) },
];
const feeds = (rt: Runtime, f: Record<string, Int64Feed>) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, rt.tensor(v)]));
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

const { docs, pairs } = demo();
const train = Int32Array.from({ length: TRAIN }, (_, i) => i);
// held-out pairs the weights never saw
const held = Array.from({ length: N }, (_, i) => TRAIN + 7 * i);
const texts = (ids: number[]) => ids.map((p) => ({ candidate: docs.candidates.get(pairs.candidate[p]) as string[], job: docs.jobs.get(pairs.job[p]) as string[] }));

const CASES: { name: string; mode: WeightMode; fixed: number[]; params: Partial<TfidfParams> }[] = [
  { name: 'logistic', mode: 'logistic', fixed: [], params: {} },
  { name: 'fixed-0.4-0.4-0.2', mode: 'fixed', fixed: [0.4, 0.4, 0.2], params: {} },
  { name: 'logistic-sublinear-pruned', mode: 'logistic', fixed: [], params: { sublinearTf: true, maxFeatures: 1500, maxDfShare: 0.2 } },
  // n-gram lengths other than (1, 2): the pool then has empty or extra length groups
  { name: 'least-squares-1-3-grams', mode: 'least-squares', fixed: [], params: { ngramRange: [1, 3] } },
  { name: 'logistic-bigrams-only', mode: 'logistic', fixed: [], params: { ngramRange: [2, 2] } },
];

describe.each(CASES)('ONNX export of the section TF-IDF matcher ($name) equals Kiln', (c) => {
  let m: FittedMatcher;
  let bytes: Uint8Array;
  let want: { sims: Float64Array; score: Float64Array; probability: Float64Array };

  beforeAll(() => {
    ortWeb.env.wasm.numThreads = 1;
    mkdirSync(EXPORT_DIR, { recursive: true });
    const sections = fitSectionTfidf(docs, { ...DEFAULT_TFIDF, ...c.params });
    m = fitMatcherWeights(sections, sectionSimilarities(sections, docs, { candidate: pairs.candidate.slice(0, TRAIN), job: pairs.job.slice(0, TRAIN) }), pairs, train, c.mode, c.fixed);
    expect(m.platt).not.toBeNull();
    const sims = sectionSimilarities(sections, docs, { candidate: held.map((p) => pairs.candidate[p]), job: held.map((p) => pairs.job[p]) });
    const s = matcherScores(m, sims);
    want = { sims, score: s.score, probability: s.probability as Float64Array };
    bytes = matcherToOnnx({ matcher: m, modelId: `matcher-${c.name}`, kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(resolve(EXPORT_DIR, `${c.name}.onnx`), bytes);
    writeFileSync(resolve(EXPORT_DIR, `${c.name}.vocab.json`), JSON.stringify(matcherVocabJson(m)));
  });

  if (c.params.maxDfShare !== undefined) {
    it('the pruned vocabulary has bigrams whose words are not unigram terms (the graph must still find them)', () => {
      const orphans = m.sections.map((s) => {
        const unigrams = new Set(s.tfidf.vocabulary.filter((t) => !t.includes(' ')));
        return s.tfidf.vocabulary.filter((t) => t.includes(' ') && t.split(' ').some((w) => !unigrams.has(w))).length;
      });
      expect(orphans.some((n) => n > 0)).toBe(true);
    });
  }

  for (const rt of runtimes) {
    it(`${rt.name}: similarities, score and probability within 1e-5 on ${N} held-out pairs, and batch 1`, async () => {
      const s = await rt.create(bytes);
      expect([...s.inputNames]).toEqual(m.sections.flatMap((x) => [`${x.name}_candidate`, `${x.name}_job`]));
      expect([...s.outputNames]).toEqual(['similarities', 'score', 'probability']);
      const out = await s.run(feeds(rt, encodeMatcherBatch(m, texts(held))));
      expect(out.similarities.dims).toEqual([N, m.sections.length]);
      const got = { sims: out.similarities.data as Float32Array, score: out.score.data as Float32Array, probability: out.probability.data as Float32Array };
      console.log(
        `matcher ${c.name} ${rt.name}: largest |onnx − kiln| over ${N} pairs: similarities ${maxDiff(got.sims, want.sims).toExponential(2)}, score ${maxDiff(got.score, want.score).toExponential(2)}, probability ${maxDiff(got.probability, want.probability).toExponential(2)}`,
      );
      expectClose(got.sims, want.sims, 0, 1e-5);
      expectClose(got.score, want.score, 0, 1e-5);
      expectClose(got.probability, want.probability, 0, 1e-5);
      // the pairs must exercise the graph: nonzero cosines in every section
      for (let k = 0; k < m.sections.length; k++) expect(Array.from(want.sims).some((v, i) => i % m.sections.length === k && v > 0.1)).toBe(true);
      const one = await s.run(feeds(rt, encodeMatcherBatch(m, texts(held.slice(3, 4)))));
      expectClose(one.similarities.data as Float32Array, want.sims.slice(9, 12), 0, 1e-5);
      expectClose(one.probability.data as Float32Array, want.probability.slice(3, 4), 0, 1e-5);
    });

    it(`${rt.name}: an empty text and one of only unknown words give cosine 0, not NaN`, async () => {
      const s = await rt.create(bytes);
      const real = texts(held.slice(0, 1))[0];
      const batch = [
        { candidate: ['', '', ''], job: real.job },
        { candidate: real.candidate, job: ['zzqx qqvv', 'wwpt xxkq zzqx', '—  ✓ a I'] },
        { candidate: ['', '', ''], job: ['', '', ''] },
      ];
      const f = encodeMatcherBatch(m, batch.slice(2));
      expect(f.skills_candidate.dims).toEqual([1, 1]);
      const out = await s.run(feeds(rt, encodeMatcherBatch(m, batch)));
      expect(Array.from(out.similarities.data as Float32Array)).toEqual(new Array(9).fill(0));
      expectClose(out.score.data as Float32Array, [m.linear.bias, m.linear.bias, m.linear.bias], 0, 1e-6);
      expectClose(out.probability.data as Float32Array, applyPlatt(m.platt!, [m.linear.bias, m.linear.bias, m.linear.bias]), 0, 1e-6);
    });
  }

  it('vocab.json lists each section’s tokens (id = index + 1) and the tokenizer', () => {
    const v = matcherVocabJson(m);
    expect(v.sections.map((s) => [s.name, s.candidate_input, s.job_input])).toEqual(m.sections.map((s) => [s.name, `${s.name}_candidate`, `${s.name}_job`]));
    v.sections.forEach((s, k) => expect(s.tokens).toEqual(tokenVocabulary(m.sections[k].tfidf)));
    expect(v.tokenizer.stop_words).toHaveLength(318);
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });

  it('passes the official ONNX checker (full_check)', () => {
    const r = spawnSync(process.env.KILN_PYTHON ?? '/usr/bin/python3', [resolve(import.meta.dirname, '../../../scripts/check-onnx.py'), resolve(EXPORT_DIR, `${c.name}.onnx`)], { encoding: 'utf8' });
    expect(r.status, `${r.stdout}\n${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
  });
});
