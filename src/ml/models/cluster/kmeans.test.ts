import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kmeans, kmeansPlusPlus, type Dense } from './kmeans';
import { mulberry32 } from '../../data/rng';

interface Fixture {
  internal: { X: number[][]; kmeans: { init: number[][]; max_iter: number; tol: number; labels: number[]; cluster_centers: number[][]; inertia: number; n_iter: number } };
}

const load = (seed: number): Fixture => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/reference/clustering-${seed}.json`, import.meta.url), 'utf8'));
const dense = (rows: number[][]): Dense => ({ data: Float64Array.from(rows.flat()), n: rows.length, d: rows[0].length });

describe.each([11, 12])('k-means from the fixture %i initial centres (Lloyd, n_init 1) equals scikit-learn 1.2', (seed) => {
  const f = load(seed).internal;
  const r = kmeans(dense(f.X), { k: f.kmeans.init.length, maxIter: f.kmeans.max_iter, tol: f.kmeans.tol, nInit: 1, seed: 0, init: Float64Array.from(f.kmeans.init.flat()) });
  it('labels, inertia (1e-6 relative), centres and iterations', () => {
    expect(Array.from(r.labels)).toEqual(f.kmeans.labels);
    expect(Math.abs(r.inertia - f.kmeans.inertia) / f.kmeans.inertia).toBeLessThan(1e-6);
    const want = f.kmeans.cluster_centers.flat();
    want.forEach((v, i) => expect(Math.abs(r.centers[i] - v)).toBeLessThan(1e-6 * Math.max(1, Math.abs(v))));
    expect(r.nIter).toBe(f.kmeans.n_iter);
    expect(r.converged).toBe(true);
  });
});

describe('k-means++ and n_init', () => {
  const f = load(11).internal;
  const X = dense(f.X);
  it('is reproducible from the seed and more starts never raise the inertia', () => {
    const a = kmeans(X, { k: 4, maxIter: 300, tol: 1e-4, nInit: 1, seed: 5 });
    const b = kmeans(X, { k: 4, maxIter: 300, tol: 1e-4, nInit: 1, seed: 5 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    const many = kmeans(X, { k: 4, maxIter: 300, tol: 1e-4, nInit: 8, seed: 5 });
    expect(many.inertia).toBeLessThanOrEqual(a.inertia + 1e-9);
    // the fixture's blobs are well separated: k-means++ with a few starts finds scikit-learn's optimum
    expect(Math.abs(many.inertia - f.kmeans.inertia) / f.kmeans.inertia).toBeLessThan(1e-9);
  });
  it('picks k distinct rows as centres', () => {
    const c = kmeansPlusPlus(X, 6, mulberry32(1));
    const rows = new Set<string>();
    for (let i = 0; i < 6; i++) rows.add(Array.from(c.subarray(i * 6, i * 6 + 6)).join(','));
    expect(rows.size).toBe(6);
  });
  it('refills an empty cluster with the farthest point and rejects bad settings by name', () => {
    // two identical initial centres: the second gets no rows on the first step and is refilled
    const pts = dense([[0], [0.1], [10], [10.2], [20]]);
    const r = kmeans(pts, { k: 2, maxIter: 50, tol: 0, nInit: 1, seed: 0, init: Float64Array.from([0, 0]) });
    expect(new Set(r.labels).size).toBe(2);
    expect(() => kmeans(pts, { k: 9, maxIter: 10, tol: 0, nInit: 1, seed: 0 })).toThrow(/k: 9 clusters need at least 9 rows/);
  });
});
