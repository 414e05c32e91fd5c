import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../db/records';
import { CAPABILITY_NAMES, type Capabilities } from './contract';
import { DEFAULT_FAMILY, FAMILIES, familyById, familyOfRun } from './registry';

/** The smallest record of each family that its hooks read (task, config): enough to route and name it. */
function runOf(family: RunRecord['family']): RunRecord {
  const task = { target: 'grade', kind: 'ordinal', features: ['a'] };
  return { family, id: `r-${family}`, name: family, task, config: { learnedMode: 'logistic' }, study: { metric: 'qwk' } } as unknown as RunRecord;
}

describe('the studio family registry', () => {
  it('lists each family once, the first as the default, with a title, a detail and a workspace and run view', () => {
    const ids = FAMILIES.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(DEFAULT_FAMILY).toBe(FAMILIES[0]);
    for (const f of FAMILIES) {
      expect(familyById(f.id)).toBe(f);
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.detail.length).toBeGreaterThan(0);
      expect(typeof f.Workspace).toBe('function');
      expect(typeof f.RunView).toBe('function');
      expect(f.liveStores.length).toBeGreaterThan(0);
    }
    expect(familyById(undefined)).toBeUndefined();
  });

  it('says, for every studio feature a family lacks, why in a sentence (never a silent gap)', () => {
    for (const f of FAMILIES) {
      for (const k of Object.keys(CAPABILITY_NAMES) as (keyof Capabilities)[]) {
        const c = f.capabilities[k];
        if (c !== true) expect(c, `${f.id} ${k}`).toMatch(/^[A-Z].{20,}\.$/);
      }
    }
  });

  it('routes a run to its own family only, whose hooks answer for it and for no other family', () => {
    for (const f of FAMILIES) {
      const own = runOf(f.id);
      expect(familyOfRun(own)).toBe(f);
      expect(f.headlineMetric(own)).toMatch(/^[a-z0-9_]+$/);
      expect(f.modelType(own)?.modelType).toMatch(/^[a-z0-9_]+$/);
      for (const other of FAMILIES.filter((o) => o !== f)) {
        expect(other.owns(own)).toBe(false);
        expect(other.headlineMetric(own)).toBeUndefined();
        expect(other.modelType(own)).toBeUndefined();
      }
    }
    // a search is a study over runs, not a family
    expect(familyOfRun(runOf('search'))).toBeUndefined();
  });

  it('gives the e2e hook one name per store or result, no two families the same', () => {
    const names = FAMILIES.flatMap((f) => Object.keys(f.testHooks));
    expect(new Set(names).size).toBe(names.length);
  });
});
