import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../data/rng';
import type { Frame } from '../../data/frame';
import { buildItemPool, defaultPoolSpec, detectEmbedding, fitNormalization, normalizeFeatures } from './items';
import { itemCoverage, pairKey, type PairLabel } from './labels';
import { labelsForPool, labelsToJsonl, parseLabelsJsonl, poolItemLookup } from './labels-jsonl';
import { indexPairKey, samplePairs } from './sampling';

const ITEMS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];

function line(k: number): string {
  const a = ITEMS[k % 6];
  const b = ITEMS[(k + 1 + (k % 4)) % 6];
  return JSON.stringify({ item_a: { id: a, item_type: 'project', embedding: [k, 1], metrics: { stars: k } }, item_b: { id: b, item_type: 'project' }, label: [1, 0, -1][k % 3], reason_tags: k % 2 ? ['clarity'] : [], labeled_at: new Date(Date.UTC(2026, 0, 1, 0, k)).toISOString(), labeler: 'ana' });
}

describe('labels JSONL', () => {
  it('reports the 3 malformed lines of 50 by number and imports the other 47', () => {
    const lines = Array.from({ length: 50 }, (_, k) => line(k));
    lines[6] = '{"item_a": {"id": "p1"}, "item_b": {"id": "p2"}, "label": 1, "labeled_at": "2026-01-01T00:00:00Z"'; // truncated JSON
    lines[19] = lines[19].replace(/"label":-?\d/, '"label":2'); // label out of range
    lines[40] = JSON.stringify({ item_a: { id: 'p3' }, item_b: { id: 'p3' }, label: 1, reason_tags: [], labeled_at: '2026-01-01T00:00:00Z' }); // self-pair
    const parsed = parseLabelsJsonl(lines.join('\n') + '\n\n');
    expect(parsed.errors.map((e) => e.line)).toEqual([7, 20, 41]);
    expect(parsed.errors[1].message).toMatch(/"label" must be 1 .* found 2/);
    expect(parsed.errors[2].message).toMatch(/same item/);
    expect(parsed.labels).toHaveLength(47);
    expect(parsed.lines).toBe(50);
    const imported = labelsForPool(parsed.labels, 'pool', new Set(ITEMS), []);
    expect(imported.labels).toHaveLength(47);
    expect(imported.unknownItems).toEqual([]);
  });

  it('export then import gives the same labels, and a second import adds nothing', () => {
    const labels: PairLabel[] = Array.from({ length: 12 }, (_, k) => ({ id: `l${k}`, poolId: 'pool', a: ITEMS[k % 6], b: ITEMS[(k + 2) % 6], label: ([1, 0, -1] as const)[k % 3], reasonTags: k === 3 ? ['novelty', 'scope'] : [], ...(k === 5 ? { note: 'close call' } : {}), labeledAt: Date.UTC(2026, 1, 2, 3, k, 7, 123), origin: 'active' }));
    const text = labelsToJsonl(labels, { itemType: 'project', embedding: (id) => [Number(id.slice(1)), 0.5], metrics: (id) => ({ stars: id.length }) });
    expect(text.split('\n').filter(Boolean)).toHaveLength(12);
    const first = JSON.parse(text.split('\n')[0]);
    expect(first).toMatchObject({ item_a: { id: 'p1', item_type: 'project', embedding: [1, 0.5], metrics: { stars: 2 } }, label: 1, labeled_at: '2026-02-02T03:00:07.123Z' });
    const back = labelsForPool(parseLabelsJsonl(text).labels, 'pool', new Set(ITEMS), []);
    const strip = (l: Omit<PairLabel, 'id'>) => ({ a: l.a, b: l.b, label: l.label, reasonTags: l.reasonTags, note: l.note, labeledAt: l.labeledAt });
    expect(back.labels.map(strip)).toEqual(labels.map(strip));
    const again = labelsForPool(parseLabelsJsonl(text).labels, 'pool', new Set(ITEMS), labels);
    expect(again.labels).toHaveLength(0);
    expect(again.duplicates).toBe(12);
  });

  it('names the lines whose items are not in the pool', () => {
    const parsed = parseLabelsJsonl([line(0), JSON.stringify({ item_a: { id: 'zz' }, item_b: { id: 'p1' }, label: -1, labeled_at: '2026-01-01T00:00:00Z' })].join('\n'));
    const r = labelsForPool(parsed.labels, 'pool', new Set(ITEMS), []);
    expect(r.labels).toHaveLength(1);
    expect(r.unknownItems).toEqual([{ line: 2, message: 'item "zz" not in this pool' }]);
  });
});

describe('pair sampling', () => {
  const labeledOf = (pairs: [number, number][], n: number) => new Set(pairs.map(([i, j]) => indexPairKey(i, j, n)));

  it.each(['random', 'coverage', 'active'] as const)('%s: no self-pair, no labeled pair, no repeat within the batch', (kind) => {
    const n = 12;
    const labeled = labeledOf([[0, 1], [2, 3], [4, 5]], n);
    const scores = Float32Array.from({ length: n }, (_, i) => i * 0.1);
    const got = samplePairs(kind, { n, labeled, coverage: new Int32Array(n), scores, rng: mulberry32(1) }, 30);
    expect(got).toHaveLength(30);
    const keys = got.map((p) => indexPairKey(p.a, p.b, n));
    expect(new Set(keys).size).toBe(30);
    for (const p of got) {
      expect(p.a).not.toBe(p.b);
      expect(labeled.has(indexPairKey(p.a, p.b, n))).toBe(false);
    }
  });

  it('stops at the pairs left when the pool is exhausted', () => {
    const n = 4;
    const labeled = labeledOf([[0, 1], [0, 2], [0, 3], [1, 2]], n);
    for (const kind of ['random', 'coverage', 'active'] as const) {
      const got = samplePairs(kind, { n, labeled, coverage: new Int32Array(n), scores: [0, 1, 2, 3], rng: mulberry32(2) }, 10);
      expect(got.map((p) => indexPairKey(p.a, p.b, n)).sort()).toEqual([indexPairKey(1, 3, n), indexPairKey(2, 3, n)].sort());
    }
  });

  it('coverage sampling shows every item about equally', () => {
    const n = 20;
    const got = samplePairs('coverage', { n, labeled: new Set(), coverage: new Int32Array(n), rng: mulberry32(3) }, 30);
    const seen = new Int32Array(n);
    for (const p of got) {
      seen[p.a]++;
      seen[p.b]++;
    }
    expect(Math.max(...seen) - Math.min(...seen)).toBeLessThanOrEqual(1);
  });

  it('active sampling picks the pairs the ranker is least sure about', () => {
    const n = 40;
    const scores = Float32Array.from({ length: n }, (_, i) => (i === 7 ? 3.001 : i === 30 ? 3.002 : i * 10));
    const got = samplePairs('active', { n, labeled: new Set(), coverage: new Int32Array(n), scores, rng: mulberry32(4) }, 3);
    expect(indexPairKey(got[0].a, got[0].b, n)).toBe(indexPairKey(7, 30, n));
    expect(got[0].gap).toBeCloseTo(0.001, 5);
    expect(got.every((p, k) => k === 0 || p.gap! >= got[k - 1].gap!)).toBe(true);
  });

  it('coverage counts and unordered pair keys', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
    const l = (a: string, b: string) => ({ id: a + b, poolId: 'p', a, b, label: 1 as const, reasonTags: [], labeledAt: 0, origin: 'random' as const });
    expect(Array.from(itemCoverage([l('x', 'y'), l('y', 'z')], ['x', 'y', 'z', 'w']))).toEqual([1, 2, 1, 0]);
  });
});

describe('item pools', () => {
  const frame = (emb: (string | null)[]): Frame => ({
    rowCount: 3,
    columns: [
      { name: 'project_id', dtype: 'id', values: ['a', 'b', 'c'] },
      { name: 'title', dtype: 'text', values: ['A', 'B', 'C'] },
      { name: 'stars', dtype: 'numeric', values: Float64Array.from([10, 20, NaN]) },
      { name: 'embedding', dtype: 'text', values: emb },
    ],
  });

  it('reads a JSON embedding column and standardizes metrics (missing → the mean)', () => {
    const f = frame(['[1, 2]', '[3, 4]', '[5, 6]']);
    const spec = defaultPoolSpec(f);
    expect(spec).toMatchObject({ idColumn: 'project_id', metricColumns: ['stars'], embedding: { kind: 'json', column: 'embedding' } });
    const pool = buildItemPool(f, spec, 'projects.csv');
    expect(pool.dim).toBe(3);
    expect(pool.featureNames).toEqual(['stars', 'embedding[0]', 'embedding[1]']);
    const norm = fitNormalization(pool);
    expect(norm.mean).toEqual([15, 0, 0]);
    expect(Array.from(normalizeFeatures(pool.features, pool.dim, norm))).toEqual([-1, 1, 2, 1, 3, 4, 0, 5, 6]);
  });

  it('labels.jsonl writes the pool’s metrics and embedding as the file had them, not their float32 widening', () => {
    const f: Frame = {
      rowCount: 2,
      columns: [
        { name: 'project_id', dtype: 'id', values: ['a', 'b'] },
        { name: 'stars', dtype: 'numeric', values: Float64Array.from([0.1, NaN]) },
        { name: 'embedding', dtype: 'text', values: ['[-1.846, 0.3, 12345.678]', '[1e-7, -0.05, 3]'] },
      ],
    };
    const spec = defaultPoolSpec(f);
    const pool = buildItemPool(f, spec, 'projects.csv');
    expect(pool.features[1]).toBe(-1.8459999561309814);
    const label: PairLabel = { id: 'l1', poolId: 'pool', a: 'a', b: 'b', label: 1, reasonTags: [], labeledAt: Date.UTC(2026, 0, 1), origin: 'active' };
    const text = labelsToJsonl([label], poolItemLookup(pool, 'project', spec.metricColumns));
    expect(text).toContain('"embedding":[-1.846,0.3,12345.678]');
    expect(text).toContain('"metrics":{"stars":0.1}');
    expect(text).toContain('"embedding":[1e-7,-0.05,3]');
    expect(text).not.toMatch(/\d{10}/);
    // the item without its metric leaves it out instead of writing null
    expect(JSON.parse(text).item_b.metrics).toEqual({});
  });

  it('names the row and column of a bad embedding and of a duplicate id', () => {
    expect(() => buildItemPool(frame(['[1, 2]', '[3]', '[5, 6]']), defaultPoolSpec(frame(['[1, 2]', '[3]', '[5, 6]'])), 'projects.csv')).toThrow('projects.csv, row 2, column "embedding": the embedding has 1 numbers, the rows before have 2');
    expect(() => buildItemPool(frame(['[1, 2]', 'oops', '[5, 6]']), defaultPoolSpec(frame(['[1, 2]', '[3, 4]', '[5, 6]'])), 'p.csv')).toThrow(/row 2, column "embedding": the embedding is not a JSON array/);
    const dup = frame(['[1, 2]', '[3, 4]', '[5, 6]']);
    (dup.columns[0].values as string[])[2] = 'a';
    expect(() => buildItemPool(dup, defaultPoolSpec(dup), 'p.csv')).toThrow('p.csv, rows 1 and 3, column "project_id": the item id "a" appears twice; ids must be unique');
  });

  it('finds emb_0..emb_n columns', () => {
    const f: Frame = { rowCount: 1, columns: [{ name: 'id', dtype: 'id', values: ['x'] }, ...[0, 1, 2].map((i) => ({ name: `emb_${i}`, dtype: 'numeric' as const, values: Float64Array.from([i]) }))] };
    expect(detectEmbedding(f)).toEqual({ kind: 'columns', prefix: 'emb_', columns: ['emb_0', 'emb_1', 'emb_2'] });
  });
});
