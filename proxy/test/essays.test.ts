import { describe, expect, it } from 'vitest';
import { ESSAY_FEATURE_NAMES, ESSAY_FEATURES } from '../src/demo/essay-features';
import { EMBEDDING_DIM } from '../src/demo/essay-embedding';
import { ESSAY_COLUMNS, GRADES } from '../src/demo/essays';
import { DEMO_COUNTS, essays } from '../src/demo/generate';
import { DEMO_SCHEMA_SQL } from '../src/demo/schema';

/**
 * The essays generator's contract: the row matches the DDL column for column, values fit their
 * types, and the data keeps the shape that makes it a fair grading task (every grade present
 * but skewed to the middle, NULLs where documented, a unit-norm embedding). The statistical
 * bounds are loose on purpose: they catch a broken generator, not a retuned one.
 */
const rows = essays();
const at = (name: string) => ESSAY_COLUMNS.indexOf(name);
const column = (name: string) => rows.map((r) => r[at(name)]);

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((s, x) => s + x, 0) / a.length;
  const mb = b.reduce((s, x) => s + x, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => ((ab += (x - ma) * (b[i] - mb)), (aa += (x - ma) ** 2), (bb += (b[i] - mb) ** 2)));
  return ab / Math.sqrt(aa * bb);
}

describe('demo essays', () => {
  it('rows follow the DDL column order, and there are 49 engineered features', () => {
    const ddl = /CREATE TABLE essays \(([\s\S]*?)\n\);/.exec(DEMO_SCHEMA_SQL)![1];
    const ddlNames = ddl.split(',\n').map((l) => l.trim().split(/\s+/)[0]);
    expect(ddlNames).toEqual(ESSAY_COLUMNS);
    expect(rows).toHaveLength(DEMO_COUNTS.essays);
    expect(rows.every((r) => r.length === ESSAY_COLUMNS.length)).toBe(true);
    expect(ESSAY_FEATURE_NAMES).toHaveLength(49);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(essays().slice(0, 50))).toBe(JSON.stringify(rows.slice(0, 50)));
  });

  it('values fit their column types, with NULLs only where nullable and at 1–10%', () => {
    for (const f of ESSAY_FEATURES) {
      const v = column(f.name);
      const nulls = v.filter((x) => x === null).length / v.length;
      if ('nullable' in f) expect(nulls, f.name).toBeGreaterThanOrEqual(0.005);
      expect(nulls, f.name).toBeLessThanOrEqual('nullable' in f ? 0.1 : 0);
      for (const x of v) if (x !== null) expect(f.type === 'integer' ? Number.isInteger(x) : Number.isFinite(x), f.name).toBe(true);
    }
    const vocab = column('vocabulary_richness').filter((x) => x === null).length / rows.length;
    expect(vocab).toBeGreaterThan(0.02);
    expect(vocab).toBeLessThan(0.1);
    expect(rows.every((r) => (r[at('paragraph_lengths')] as number[]).reduce((a, b) => a + b, 0) === r[at('word_count')])).toBe(true);
    expect(column('text').filter((t) => /,\n"/.test(t as string))).toHaveLength(DEMO_COUNTS.essays / 50);
    expect(new Set(column('prompt_id'))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
  });

  it('grades are all present, skewed to the middle, and learnable but noisy', () => {
    const g = column('grade').map((x) => GRADES.indexOf(x as (typeof GRADES)[number]));
    const share = GRADES.map((_, k) => g.filter((x) => x === k).length / g.length);
    expect(Math.min(...share)).toBeGreaterThan(0.01);
    expect(share[0] + share[1]).toBeLessThan(0.12); // few F/E
    expect(share[4] + share[5] + share[6]).toBeGreaterThan(0.5); // most mass on C, C+, B
    const r = pearson(column('word_count') as number[], g);
    expect(r).toBeGreaterThan(0.4);
    expect(r).toBeLessThan(0.85);
    expect(Math.abs(pearson(column('submission_hour') as number[], g))).toBeLessThan(0.1);
  });

  it('the embedding is 384 numbers of 4 decimals with unit norm', () => {
    for (const e of column('embedding').slice(0, 200)) {
      const v = JSON.parse(e as string) as number[];
      expect(v).toHaveLength(EMBEDDING_DIM);
      expect(v.every((x) => Math.round(x * 1e4) / 1e4 === x)).toBe(true);
      expect(Math.abs(Math.hypot(...v) - 1)).toBeLessThan(1e-3);
    }
  });
});
