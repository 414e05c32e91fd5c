import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../test-utils/close';
import { clusteringReference, clusteringSeeds } from '../test-utils/fixtures';
import { kiln, kilnFast } from '../test-utils/kiln-cli';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiln-eval-sets-'));
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}



const PARTITION = ['adjusted_rand_score', 'normalized_mutual_info_score', 'adjusted_mutual_info_score', 'homogeneity_score', 'completeness_score', 'v_measure_score', 'fowlkes_mallows_score'];
const INTERNAL = ['silhouette_score', 'davies_bouldin_score', 'calinski_harabasz_score'] as const;
const SETS = ['precision_micro', 'recall_micro', 'f1_micro', 'precision_macro', 'recall_macro', 'f1_macro', 'precision_samples', 'recall_samples', 'f1_samples'];

describe.each(clusteringSeeds())('kiln evaluate reproduces clustering-%i.json end to end', (seed) => {
  const ref = clusteringReference(seed);

  it('--task extraction on JSONL {gold, pred}', () => {
    const lines = ref.sets.gold.map((g, i) => JSON.stringify({ gold: g, pred: ref.sets.pred[i] })).join('\n');
    const r = kiln(['evaluate', '--task', 'extraction', '--input', file(`sets-${seed}.jsonl`, `${lines}\n`)]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { metrics: Record<string, number>; per_label: { label: string }[]; per_document: { misses: string[]; false_hits: string[] }[] };
    expect(Object.keys(out.metrics).sort()).toEqual([...SETS].sort());
    for (const k of SETS) expectClose(out.metrics[k], ref.sets[k] as number, 1e-9);
    expect(out.per_label.map((l) => l.label)).toEqual(ref.sets.labels);
    expect(out.per_document).toHaveLength(ref.sets.gold.length);
  });

  it('--task clustering with labels_true,labels_pred gives the partition scores', () => {
    const { labels_true: t, labels_pred: p } = ref.partitions;
    const r = kiln(['evaluate', '--task', 'clustering', '--input', file(`part-${seed}.csv`, `labels_true,labels_pred\n${t.map((v, i) => `${v},${p[i]}`).join('\n')}\n`)]);
    expect(r.code, r.stderr).toBe(0);
    const m = (JSON.parse(r.stdout) as { metrics: Record<string, number> }).metrics;
    expect(Object.keys(m).sort()).toEqual([...PARTITION].sort());
    for (const k of PARTITION) expectClose(m[k], ref.partitions[k] as number, 1e-9);
  });

  it('--task clustering with label,x_0..x_{d-1} gives the internal indices', () => {
    const X = ref.internal.X;
    const header = ['label', ...X[0].map((_, j) => `x_${j}`)].join(',');
    const body = X.map((row, i) => [ref.internal.labels[i], ...row].join(',')).join('\n');
    const r = kiln(['evaluate', '--task', 'clustering', '--input', file(`internal-${seed}.csv`, `${header}\n${body}\n`), '--fail-under', 'silhouette_score=0.99']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/gate failed: silhouette_score = 0\.\d+ is under 0\.99/);
    const m = (JSON.parse(r.stdout) as { metrics: Record<string, number> }).metrics;
    expect(Object.keys(m).sort()).toEqual([...INTERNAL].sort());
    for (const k of INTERNAL) expectClose(m[k], ref.internal[k], 1e-9);
  });
});

describe('kiln evaluate: bad set and clustering input exits 2 naming where', () => {
  it.each([
    ['not JSON', 'x.jsonl', '{"gold": ["a"], "pred": ["a"]}\n{"gold": [\n', /x\.jsonl, line 2: not JSON/],
    ['missing pred', 'y.jsonl', '{"gold": ["a"]}\n', /y\.jsonl, line 1: missing "pred"/],
    ['not strings', 'z.jsonl', '{"gold": [1], "pred": []}\n', /z\.jsonl, line 1: "gold" must be an array of strings/],
    ['empty', 'e.jsonl', '\n\n', /no documents/],
    ['CSV cell not an array', 's.csv', 'gold,pred\n"[""a""]",oops\n', /row 1 \(line 2\), column 2 \("pred"\): "oops" is not a JSON array/],
  ])('extraction: %s', (_n, name, text, message) => {
    const r = kilnFast(['evaluate', '--task', 'extraction', '--input', file(name, text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['no known columns', 'a,b\n1,2\n', /needs columns labels_true,labels_pred .* or label,x_0/],
    ['labels_pred missing', 'labels_true\n1\n', /missing column "labels_pred"/],
    ['one cluster', 'label,x_0\n0,1\n0,2\n0,3\n', /1 cluster in 3 rows/],
    ['non-numeric feature', 'label,x_0\n0,1\n1,abc\n0,3\n', /row 2 \(line 3\), column 2 \("x_0"\): "abc" is not a finite number/],
  ])('clustering: %s', (_n, text, message) => {
    const r = kilnFast(['evaluate', '--task', 'clustering', '--input', file(`c-${_n.replace(/\W+/g, '-')}.csv`, text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('text cluster labels count by equality', () => {
    const r = kilnFast(['evaluate', '--task', 'clustering', '--input', file('text-labels.csv', 'labels_true,labels_pred\nx,b\nx,b\ny,a\ny,a\n')]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { metrics: Record<string, number> }).metrics.adjusted_rand_score).toBe(1);
  });
});
