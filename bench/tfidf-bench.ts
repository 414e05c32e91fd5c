// npm run bench:tfidf — fitting the matcher's TF-IDF (unigrams + bigrams, English stop words) on
// 20,000 documents of ~300 words in a worker thread, beside scikit-learn's TfidfVectorizer on the
// same documents in the same run. Medians of BENCH_REPS (3). Writes bench/results/tfidf.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32 } from '../src/ml/data/rng';
import { PEER_PYTHON, peerAvailable } from '../scripts/peer/run-peer';
import { inWorker } from './in-worker';

const DOCS = Number(process.env.BENCH_DOCS ?? 20_000);
const WORDS = 300;
const REPS = Number(process.env.BENCH_REPS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Zipf-distributed words over a 6,000-word vocabulary: text-like term and bigram counts. */
function corpus(): string[] {
  const rng = mulberry32(17);
  const syll = ['da', 'ta', 'sci', 'en', 'tist', 'lead', 'er', 'dev', 'ops', 'ana', 'lyst', 'py', 'thon', 'sql', 'cloud', 'team', 'pro', 'ject', 'man', 'age'];
  const vocab = Array.from({ length: 6000 }, (_, i) => syll[i % 20] + syll[Math.floor(i / 20) % 20] + (i >= 400 ? syll[Math.floor(i / 400) % 20] : ''));
  const cdf: number[] = [];
  let z = 0;
  for (let i = 0; i < vocab.length; i++) cdf.push((z += 1 / (i + 1)));
  const draw = () => {
    const u = rng() * z;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo];
  };
  return Array.from({ length: DOCS }, () => Array.from({ length: WORDS }, draw).join(' '));
}

const docs = corpus();
const dir = mkdtempSync(join(os.tmpdir(), 'kiln-tfidf-'));
writeFileSync(join(dir, 'docs.txt'), docs.join('\n'));
const hasPeer = peerAvailable();
const kiln: number[] = [];
const peer: number[] = [];
let terms = { kiln: 0, peer: 0 };
for (let rep = 0; rep < REPS; rep++) {
  const k = await inWorker<{ seconds: number; terms: number }>('tfidf-fit.worker.ts', docs);
  kiln.push(k.seconds);
  terms.kiln = k.terms;
  if (hasPeer) {
    const p = JSON.parse(execFileSync(PEER_PYTHON, [resolve(import.meta.dirname, 'tfidf_peer.py'), join(dir, 'docs.txt')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
    peer.push(p.seconds);
    terms = { ...terms, peer: p.terms };
  }
  console.log(`rep ${rep + 1}: kiln ${k.seconds.toFixed(2)} s (${k.terms} terms), sklearn ${peer.at(-1)?.toFixed(2) ?? '—'} s`);
}
rmSync(dir, { recursive: true, force: true });
const out = {
  bench: 'tfidf',
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
  data: `${DOCS} documents × ${WORDS} words (Zipf over 6,000 words), unigrams + bigrams, English stop words`,
  reps: REPS,
  medianSeconds: { kilnWorker: median(kiln), sklearn: hasPeer ? median(peer) : null },
  terms,
  all: { kiln, peer },
};
mkdirSync(resolve(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(resolve(import.meta.dirname, 'results/tfidf.json'), JSON.stringify(out, null, 2));
console.log(JSON.stringify(out.medianSeconds), JSON.stringify(terms));
