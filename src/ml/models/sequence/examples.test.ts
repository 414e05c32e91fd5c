import { describe, expect, it } from 'vitest';
import { careerPaths } from '../../../../proxy/src/demo/careers';
import { mulberry32 } from '../../data/rng';
import { defaultSequenceData } from './config';
import { buildExamples } from './examples';
import { buildHistories, latestEndDate, type EntityHistory } from './histories';
import { historyFrame, longFrame } from './test-data';
import { entitySplit, resolveCuts } from './temporal-split';

const JSON_SOURCE = { shape: 'json', idColumn: 'id', historyColumn: 'work_history' } as const;
const LONG_SOURCE = { shape: 'long', idColumn: 'entity_id', titleColumn: 'title', startColumn: 'start_date', endColumn: 'end_date' } as const;

describe('histories from both table shapes', () => {
  const paths = careerPaths(300, 5);
  it('a JSON work-history column and a long table give the same chronological histories', () => {
    const a = buildHistories(historyFrame(paths), JSON_SOURCE, defaultSequenceData(JSON_SOURCE).abbreviations);
    // the long table arrives in reverse order: sorting by date is the builder's job
    const b = buildHistories(longFrame(paths.map((p) => [...p].reverse())), LONG_SOURCE, defaultSequenceData(LONG_SOURCE).abbreviations);
    expect(b.entities).toEqual(a.entities);
    expect(a.entities).toHaveLength(300);
    for (const e of a.entities) for (let i = 1; i < e.roles.length; i++) expect(e.roles[i].start).toBeGreaterThanOrEqual(e.roles[i - 1].start);
    expect(a.entities.flatMap((e) => e.roles).every((r) => r.title === r.title.toLowerCase().trim())).toBe(true);
  });

  it('skips roles without a title or start date, counting them, and names a broken JSON cell', () => {
    const frame = historyFrame([[{ title: 'Teacher', start_date: '2020-01-01', end_date: null }, { title: '', start_date: '2021-01-01' }, { title: 'x', start_date: 'soon' }]]);
    const h = buildHistories(frame, JSON_SOURCE, {}, 'candidates');
    expect(h.entities[0].roles.map((r) => r.title)).toEqual(['teacher']);
    expect(h.skippedRoles).toBe(2);
    expect(h.problems[0]).toContain('candidates, row 1, column "work_history"');
    const bad = { ...frame, columns: [frame.columns[0], { ...frame.columns[1], values: ['{not json'] }] };
    expect(() => buildHistories(bad as typeof frame, JSON_SOURCE, {}, 'candidates')).toThrow(/candidates, row 1, column "work_history": the work history is not valid JSON/);
  });
});

describe('examples', () => {
  it('one example per (prefix → next role), prefixes capped at maxPrefix, labels as defined', () => {
    const day = 86_400_000;
    const e: EntityHistory = {
      id: 'p',
      roles: [
        { raw: '', title: 'teacher', start: 0, end: 100 * day },
        { raw: '', title: 'senior teacher', start: 110 * day, end: 400 * day },
        { raw: '', title: 'data analyst', start: 600 * day, end: null },
      ],
    };
    const ds = buildExamples([e], { ...defaultSequenceData(JSON_SOURCE), maxPrefix: 1, vocab: { minFrequency: 1, maxSize: 10 }, cuts: { validationFrom: 1e15, testFrom: 1e15 } });
    const ex = ds.examples;
    expect(ex.n).toBe(2);
    const tok = (i: number) => ds.vocab.tokens[i];
    expect([tok(ex.ids[0]), tok(ex.nextTitle[0]), tok(ex.current[0])]).toEqual(['teacher', 'senior teacher', 'teacher']);
    // max prefix 1: the second example sees only its last role
    expect(tok(ex.ids[ex.maxLen])).toBe('senior teacher');
    expect(ex.lengths[1]).toBe(1);
    expect(ex.tenureMonths[0]).toBeCloseTo(290 / 30.436875, 6);
    expect(Number.isNaN(ex.tenureMonths[1])).toBe(true);
    expect(Array.from(ex.hire)).toEqual([1, 0]); // a 10-day gap, then a 200-day gap
    expect(Array.from(ex.changer)).toEqual([0, 1]);
  });

  it('temporal split invariants hold on random histories and random cuts (property test)', () => {
    for (let trial = 0; trial < 40; trial++) {
      const rng = mulberry32(1000 + trial);
      const entities: EntityHistory[] = Array.from({ length: 60 + Math.floor(rng() * 100) }, (_, i) => {
        let t = Math.floor(rng() * 5000) * 86_400_000;
        return {
          id: String(i),
          roles: Array.from({ length: Math.floor(rng() * 7) }, () => {
            const start = t;
            t += Math.floor(rng() * 900 + 1) * 86_400_000;
            const end = rng() < 0.15 ? null : t;
            t += Math.floor(rng() * 200) * 86_400_000;
            return { raw: '', title: `t${Math.floor(rng() * 6)}`, start, end };
          }),
        };
      });
      const lat = entities.filter((e) => e.roles.length).map(latestEndDate).sort((a, b) => a - b);
      const a = lat[Math.floor(rng() * lat.length)];
      const b = lat[Math.floor(rng() * lat.length)];
      const cuts = trial % 4 === 0 ? { validationFrom: null, testFrom: null } : { validationFrom: Math.min(a, b), testFrom: Math.max(a, b) };
      const ds = buildExamples(entities, { ...defaultSequenceData(JSON_SOURCE), minPrefix: 1 + (trial % 2), vocab: { minFrequency: 1, maxSize: 50 }, cuts });
      const ex = ds.examples;
      const maxOf = (s: number) => Math.max(-Infinity, ...Array.from(ex.targetStart).filter((_, j) => ex.split[j] === s));
      const minOf = (s: number) => Math.min(Infinity, ...Array.from(ex.targetStart).filter((_, j) => ex.split[j] === s));
      // no held-out target before a training target; no test target before a validation target
      expect(maxOf(0)).toBeLessThan(minOf(1));
      expect(maxOf(0)).toBeLessThan(minOf(2));
      expect(maxOf(1)).toBeLessThan(minOf(2));
      // an entity lives in one split, decided by its latest end date
      const resolved = resolveCuts(entities, cuts);
      for (let j = 0; j < ex.n; j++) expect(['train', 'validation', 'test'].indexOf(entitySplit(entities[ex.entity[j]], resolved))).toBe(ex.split[j]);
      expect(ds.leakage.entitiesOnTwoSides).toBe(0);
      expect(ds.leakage.ordered).toBe(true);
      const s = ds.leakage.splits;
      expect(s.train.examples + s.validation.examples + s.test.examples).toBe(ex.n);
      // every role after the minimum prefix is either scored or kept as context
      const candidates = entities.reduce((acc, e) => acc + Math.max(0, e.roles.length - (1 + (trial % 2))), 0);
      expect(ex.n + s.train.contextOnly + s.validation.contextOnly + s.test.contextOnly).toBe(candidates);
      // the vocabulary never sees held-out titles: it is built from training entities only
      expect(ds.vocab.counts.reduce((x, y) => x + y, 0)).toBe(entities.filter((e) => entitySplit(e, resolved) === 'train').reduce((acc, e) => acc + e.roles.length, 0));
    }
  });

  it('names the problem when cuts are out of order or nothing validates', () => {
    const paths = careerPaths(50, 3);
    const h = buildHistories(historyFrame(paths), JSON_SOURCE, {});
    expect(() => buildExamples(h.entities, { ...defaultSequenceData(JSON_SOURCE), cuts: { validationFrom: Date.UTC(2024, 0, 1), testFrom: Date.UTC(2020, 0, 1) } })).toThrow(/test cut \(2020-01-01\) must not be before the validation cut \(2024-01-01\)/);
  });
});
