import { describe, expect, it } from 'vitest';
import { evaluateExtraction, mentionResolution, parseGoldCell } from './evaluate';
import { compileDictionary, extractSkills } from './extract';

describe('extraction evaluation', () => {
  it('reads gold cells as JSON arrays and names the row of a bad one', () => {
    expect(parseGoldCell('["SQL", "Python", "SQL", " "]', 'row 1')).toEqual(['SQL', 'Python']);
    expect(parseGoldCell('', 'row 1')).toEqual([]);
    expect(parseGoldCell(null, 'row 1')).toEqual([]);
    expect(() => parseGoldCell('SQL, Python', 'jobs.csv, row 4, column "gold"')).toThrow('jobs.csv, row 4, column "gold": gold skills must be a JSON array of strings, got "SQL, Python"');
    expect(() => parseGoldCell('[1, 2]', 'row 2')).toThrow(/row 2: gold skills must be a JSON array of strings/);
  });

  it('scores hits against gold sets: micro, macro, per document with misses and false hits', () => {
    const c = compileDictionary({ name: 'd', skills: [{ name: 'SQL', aliases: [] }, { name: 'Python', aliases: ['py'] }, { name: 'Kubernetes', aliases: ['k8s'] }] });
    const texts = ['SQL and py', 'Kubernetes', 'nothing here'];
    const gold = [['SQL', 'Python'], ['Kubernetes', 'SQL'], []];
    const hits = texts.map((t) => extractSkills(c, t));
    const r = evaluateExtraction(gold, hits);
    // tp 3, predicted 3, gold 4
    expect(r.precision_micro).toBe(1);
    expect(r.recall_micro).toBe(0.75);
    expect(r.perDocument[1]).toMatchObject({ misses: ['SQL'], falseHits: [], recall: 0.5 });
    expect(r.perLabel.find((l) => l.label === 'SQL')).toMatchObject({ support: 2, recall: 0.5, precision: 1 });
    // the resolution of an alias mention: a hit of its skill overlapping its characters
    const docs = [{ id: 'a', text: texts[0], skills: gold[0], mentions: [{ skill: 'Python', form: 'alias' as const, source: 'py', text: 'py', start: 8, end: 10 }] }];
    expect(mentionResolution(docs, [hits[0]])).toEqual({ mentions: 1, resolved: 1, rate: 1 });
    expect(mentionResolution(docs, [[]])).toEqual({ mentions: 1, resolved: 0, rate: 0 });
  });
});
