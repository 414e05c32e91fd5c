import { describe, expect, it } from 'vitest';
import { columnStats } from '../../data/column-stats';
import { fitTfidf, transformTfidf } from '../../text/tfidf';
import { clusterFamily } from './family';
import { defaultClusterRecipe, KMEANS_MODEL_ID, type ClusterRecipe } from './defaults';
import { fitSpace, readRaw, tfidfParams, transform } from './features';
import { assignRows, fitCluster, prepareCluster } from './model';
import { miniBatchKmeans } from './minibatch';
import { kmeans } from './kmeans';
import { pca2, principalAxes, project, PROJECTION_ROWS, umap2 } from './projection';
import { assignmentsCsv, clusterReport } from './report';
import { runStability, subsampleRows } from './stability';
import { blobsFrame, jobsFrame } from './test-tables';

const jobs = { frame: jobsFrame(), source: 'jobs' };
const jobsRecipe = (over: Partial<ClusterRecipe> = {}): ClusterRecipe => ({ ...defaultClusterRecipe(jobs.frame.columns.map(columnStats)), sweep: { kMin: 2, kMax: 10 }, ...over });

describe('features', () => {
  it('text columns: a row is Kiln’s (scikit-learn-equal) TF-IDF of its columns joined by a newline', () => {
    const f = { text: ['title', 'description'], numeric: [], embedding: null };
    const t = jobsRecipe().tfidf;
    const rows = Int32Array.from({ length: 50 }, (_, i) => i);
    const raw = readRaw(jobs.frame, f, rows, 'jobs');
    const space = fitSpace(raw, f, t);
    const X = transform(space, raw);
    const ref = fitTfidf(raw.text!, tfidfParams(t));
    expect(space.names).toEqual(ref.vocabulary);
    expect(space.names.length).toBeLessThanOrEqual(t.maxFeatures);
    const v = transformTfidf(ref, raw.text![7]);
    v.indices.forEach((col, k) => expect(X.data[7 * X.d + col]).toBe(v.values[k]));
    let norm = 0;
    for (let j = 0; j < X.d; j++) norm += X.data[7 * X.d + j] ** 2;
    expect(norm).toBeCloseTo(1, 12);
  });

  it('numeric columns are z-scores of the fitted rows (missing → 0); an embedding column is read as is', () => {
    const frame = blobsFrame();
    const f = { text: [], numeric: ['x0', 'x1'], embedding: 'vec' };
    const rows = Int32Array.from({ length: frame.rowCount }, (_, i) => i);
    const raw = readRaw(frame, f, rows, 'blobs');
    const X = transform(fitSpace(raw, f, jobsRecipe().tfidf), raw);
    expect(X.d).toBe(2 + 4);
    let s = 0;
    let q = 0;
    for (let i = 0; i < X.n; i++) {
      s += X.data[i * X.d];
      q += X.data[i * X.d] ** 2;
    }
    expect(Math.abs(s / X.n)).toBeLessThan(1e-12);
    expect(q / X.n).toBeCloseTo(1, 12);
    expect(X.data[5 * X.d + 1]).toBe(0);
    expect(X.data[3 * X.d + 2]).toBe(JSON.parse((frame.columns[4].values as string[])[3])[0]);
  });

  it('a bad vector or a missing column names the table, column and row', () => {
    const frame = blobsFrame(10);
    (frame.columns[4].values as (string | null)[])[6] = '[1, 2, "x"]';
    expect(() => readRaw(frame, { text: [], numeric: [], embedding: 'vec' }, [0, 6], 'blobs.csv')).toThrow('blobs.csv, column "vec", row 7: expected a list of numbers');
    (frame.columns[4].values as (string | null)[])[6] = '[1, 2]';
    expect(() => readRaw(frame, { text: [], numeric: [], embedding: 'vec' }, [0, 6], 'blobs.csv')).toThrow('row 7: 2 numbers, expected 4');
    expect(() => readRaw(frame, { text: [], numeric: ['nope'], embedding: null }, [0], 'blobs.csv')).toThrow(/blobs.csv: Column "nope" is not in this dataset/);
    expect(() => readRaw(frame, { text: [], numeric: ['name'], embedding: null }, [0], 'blobs.csv')).toThrow('column "name" is text, not numeric');
  });
});

describe('projection', () => {
  it('PCA finds the principal axes of rotated data with known variances', () => {
    // variances 9, 4, 0.25 along a rotated orthonormal basis
    const c = Math.cos(0.6);
    const s = Math.sin(0.6);
    const basis = [
      [c, s, 0],
      [-s, c, 0],
      [0, 0, 1],
    ];
    const n = 400;
    const data = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) {
      const z = [3 * Math.sin(i * 1.7), 2 * Math.cos(i * 2.3), 0.5 * Math.sin(i * 0.37 + 1)];
      for (let j = 0; j < 3; j++) data[i * 3 + j] = z[0] * basis[0][j] + z[1] * basis[1][j] + z[2] * basis[2][j] + 5;
    }
    const { axes, eigenvalues } = principalAxes({ data, n, d: 3 }, 2);
    expect(Math.abs(axes[0][0] * c + axes[0][1] * s)).toBeCloseTo(1, 2);
    expect(Math.abs(-axes[1][0] * s + axes[1][1] * c)).toBeCloseTo(1, 2);
    expect(eigenvalues[0]).toBeGreaterThan(eigenvalues[1]);
    const p = pca2({ data, n, d: 3 });
    expect(p.explained![0] + p.explained![1]).toBeGreaterThan(0.95);
  });

  it('projects a seeded sample of PROJECTION_ROWS rows of a larger set', () => {
    const n = PROJECTION_ROWS + 500;
    const X = { data: Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i)), n, d: 2 };
    const p = project(X, 'pca', 3);
    expect(p.at).toHaveLength(PROJECTION_ROWS);
    expect(p.points).toHaveLength(2 * PROJECTION_ROWS);
    expect(Array.from(p.at)).toEqual(Array.from(project(X, 'pca', 3).at));
    expect(p.at.every((v, i) => i === 0 || v > p.at[i - 1])).toBe(true);
  });

  it('UMAP through umap-js is reproducible from the seed', () => {
    const prepared = prepareCluster({ frame: blobsFrame(120), source: 'blobs' }, { ...jobsRecipe(), features: { text: [], numeric: ['x0', 'x1', 'x2', 'x3'], embedding: null }, labelColumn: 'name' });
    const a = umap2(prepared.X, 4);
    const b = umap2(prepared.X, 4);
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    expect(a.points.every(Number.isFinite)).toBe(true);
  });
});

describe('a clustering run on the demo jobs', () => {
  const c = jobsRecipe({ k: 8, seed: 1 });
  const p = prepareCluster(jobs, c);
  const m = fitCluster(p, c);

  it('holds out rows, fits, reports the sweep, projection, top terms and identity', () => {
    expect(p.heldOutRows.length).toBe(Math.round(jobs.frame.rowCount * 0.1));
    expect(p.fitRows.length + p.heldOutRows.length).toBe(jobs.frame.rowCount);
    expect(m.modelId).toBe(KMEANS_MODEL_ID);
    expect(m.modelId).toMatch(/^kmeans_v\d+\.\d+$/);
    const r = clusterReport(m, p, c);
    expect(r.sweep.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // the elbow: more clusters never fit worse by much (k-means++ is a heuristic, so allow a little)
    expect(r.sweep[r.sweep.length - 1].inertia).toBeLessThan(r.sweep[0].inertia);
    r.sweep.forEach((s) => expect(s.silhouette).toBeGreaterThan(-1));
    expect(r.projection.points.length).toBe(2 * p.fitRows.length);
    expect(r.topTerms).toHaveLength(8);
    r.topTerms.forEach((t) => expect(t.length).toBeGreaterThan(0));
    expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(p.fitRows.length);
    expect(r.assignments.length).toBe(jobs.frame.rowCount);
    const csv = assignmentsCsv(r).split('\n');
    expect(csv[0]).toBe('row,cluster,held_out');
    expect(csv).toHaveLength(jobs.frame.rowCount + 2);
  });

  it('the same seed reruns to the same clusters; another seed agrees partly; a 90% subsample shares its rows', async () => {
    const again = fitCluster(prepareCluster(jobs, c), c);
    expect(Array.from(again.labels)).toEqual(Array.from(m.labels));
    const other = fitCluster(prepareCluster(jobs, { ...c, seed: 2 }), { ...c, seed: 2 });
    const s = runStability({ rows: m.rows, labels: m.labels }, { rows: other.rows, labels: other.labels });
    expect(s.sharedRows).toBe(m.rows.length);
    expect(s.adjusted_rand_score).toBeGreaterThan(0);
    const sub = { ...c, subsample: 0.9 };
    const ps = prepareCluster(jobs, sub);
    expect(ps.fitRows.length).toBe(Math.round(p.fitRows.length * 0.9));
    expect(Array.from(ps.heldOutRows)).toEqual(Array.from(p.heldOutRows));
    const ms = fitCluster(ps, sub);
    const st = runStability({ rows: m.rows, labels: m.labels }, { rows: ms.rows, labels: ms.labels });
    expect(st.sharedRows).toBe(ps.fitRows.length);
    expect(st.a).toHaveLength(8);
    st.a.forEach((x) => expect(['stayed', 'split', 'merged', 'dissolved']).toContain(x.fate));
    expect(await clusterFamily.evaluate(m, p)).toMatchObject({ k: 8 });
  });

  it('ships the vocabulary and every row’s assignment beside the graph (what kiln train writes)', async () => {
    const b = await clusterFamily.toOnnx(m, p, { modelId: 'kmeans_v1.0-k8', kilnVersion: 'test', createdAt: '2026-01-01T00:00:00Z' });
    const csv = String(b.files['assignments.csv']).trim().split('\n');
    expect(csv).toHaveLength(jobs.frame.rowCount + 1);
    expect(csv.filter((l) => l.endsWith(',1'))).toHaveLength(p.heldOutRows.length);
    expect(JSON.parse(String(b.files['vocab.json'])).tokens.length).toBeGreaterThan(0);
  });

  it('assigns held-out rows to the nearest centre', () => {
    const { labels, distances } = assignRows(m, p.heldOutX);
    labels.forEach((l, i) => {
      const row = distances.subarray(i * 8, i * 8 + 8);
      expect(row[l]).toBe(Math.min(...row));
    });
  });
});

describe('limits', () => {
  it('refuses a dense matrix past MAX_DENSE_VALUES before clustering, saying what to lower', () => {
    const n = 2000;
    const frame = { rowCount: n, columns: [{ name: 'text', dtype: 'text' as const, values: Array.from({ length: n }, (_, i) => `w${i} v${i % 97} u${i % 89}`) }] };
    const c = { ...defaultClusterRecipe(frame.columns.map(columnStats)), tfidf: { ...jobsRecipe().tfidf, minDf: 1, maxFeatures: 100_000 } };
    const small = { ...c, tfidf: { ...c.tfidf, maxFeatures: 50 } };
    expect(prepareCluster({ frame, source: 'docs.csv' }, small).space.names).toHaveLength(50);
    const big = { rowCount: 30_000, columns: [{ name: 'text', dtype: 'text' as const, values: Array.from({ length: 30_000 }, (_, i) => `w${i} x${i}`) }] };
    expect(() => prepareCluster({ frame: big, source: 'docs.csv' }, { ...c, sweep: null })).toThrow(/docs.csv: 30,000 rows × [\d,]+ features .* lower tfidf.maxFeatures/);
  });
});

describe('mini-batch k-means and subsamples', () => {
  it('finds the blobs about as well as Lloyd', () => {
    const p = prepareCluster({ frame: blobsFrame(3000), source: 'blobs' }, { ...jobsRecipe(), features: { text: [], numeric: ['x0', 'x1', 'x2', 'x3'], embedding: null }, labelColumn: 'name' });
    const full = kmeans(p.X, { k: 4, maxIter: 100, tol: 1e-4, nInit: 3, seed: 1 });
    const mini = miniBatchKmeans(p.X, { k: 4, maxIter: 100, tol: 1e-4, nInit: 3, seed: 1, batchSize: 256 });
    expect(mini.inertia).toBeLessThan(full.inertia * 1.05);
  });
  it('a subsample is seeded and sorted', () => {
    const rows = Int32Array.from({ length: 100 }, (_, i) => i * 2);
    const a = subsampleRows(rows, 0.9, 7);
    expect(a).toHaveLength(90);
    expect(Array.from(a)).toEqual(Array.from(subsampleRows(rows, 0.9, 7)));
    expect(Array.from(a)).toEqual(Array.from(a).sort((x, y) => x - y));
    expect(() => subsampleRows(rows, 0, 1)).toThrow('subsample: 0');
  });
});
