// Fits TF-IDF inside a worker thread, as the studio's worker will, and reports the time.
import { parentPort } from 'node:worker_threads';
import { DEFAULT_TFIDF, fitTfidf } from '../src/ml/text/tfidf';

parentPort?.on('message', (docs: string[]) => {
  const t0 = performance.now();
  const m = fitTfidf(docs, DEFAULT_TFIDF);
  parentPort?.postMessage({ seconds: (performance.now() - t0) / 1000, terms: m.vocabulary.length });
});
