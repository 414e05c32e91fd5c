import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export function readSample(name: string): string {
  return readFileSync(resolve(root, 'public/samples', name), 'utf8');
}

export function sampleBytes(name: string): ArrayBuffer {
  const b = readFileSync(resolve(root, 'public/samples', name));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

export function textBytes(s: string): ArrayBuffer {
  return new TextEncoder().encode(s).buffer as ArrayBuffer;
}

/** Seeds of every reference file present, so a newly copied fixture is tested without code changes. */
export function referenceSeeds(): number[] {
  return readdirSync(resolve(root, 'test/fixtures/reference'))
    .map((f) => /^reference-(\d+)\.json$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The scikit-learn reference values copied from shared/fixtures/reference (never edited). */
export function reference(seed: number): Record<string, Record<string, unknown>> {
  return JSON.parse(readFileSync(resolve(root, `test/fixtures/reference/reference-${seed}.json`), 'utf8'));
}

/** The scikit-learn clustering and multilabel reference (clustering-<seed>.json, copied from shared, never edited). */
export interface ClusteringReference {
  seed: number;
  partitions: { labels_true: number[]; labels_pred: number[] } & Record<string, number | number[]>;
  internal: {
    X: number[][];
    labels: number[];
    silhouette_score: number;
    davies_bouldin_score: number;
    calinski_harabasz_score: number;
    kmeans: { init: number[][]; max_iter: number; tol: number; algorithm: string; labels: number[]; cluster_centers: number[][]; inertia: number; n_iter: number };
  };
  sets: { gold: string[][]; pred: string[][]; labels: string[] } & Record<string, number | string[] | string[][]>;
}

export function clusteringSeeds(): number[] {
  return readdirSync(resolve(root, 'test/fixtures/reference'))
    .map((f) => /^clustering-(\d+)\.json$/.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

export function clusteringReference(seed: number): ClusteringReference {
  return JSON.parse(readFileSync(resolve(root, `test/fixtures/reference/clustering-${seed}.json`), 'utf8'));
}
