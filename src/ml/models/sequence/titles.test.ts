import { describe, expect, it } from 'vitest';
import { DEFAULT_ABBREVIATIONS, normalizeTitle, parseAbbreviations, titleFamily } from './titles';
import { buildVocabulary, encodeTitle, vocabCoverage, vocabIndex, PAD, UNK } from './vocab';

describe('title normalization', () => {
  it.each([
    ['Sr. Data Scientist', 'senior data scientist'],
    ['  SENIOR   data-scientist ', 'senior data scientist'],
    ['Engineering Mgr.', 'engineering manager'],
    ['jr software eng', 'junior software engineer'],
    ['ML Engineer', 'machine learning engineer'],
    ['C++ Developer', 'c++ developer'],
    ['.NET dev', 'dotnet developer'],
    ['Head of Sales/Marketing', 'head of sales marketing'],
    ['Ingénieure Logiciel', 'ingénieure logiciel'],
    ['ＳＲ Analyst', 'senior analyst'],
    ['---', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeTitle(raw)).toBe(expected);
  });

  it('uses the abbreviation map it is given, word by word only', () => {
    expect(normalizeTitle('sr eng', {})).toBe('sr eng');
    expect(normalizeTitle('sr eng', { eng: 'engineer' })).toBe('sr engineer');
    expect(normalizeTitle('srs engineering', DEFAULT_ABBREVIATIONS)).toBe('srs engineering');
  });

  it('title family drops seniority words', () => {
    expect(titleFamily('senior data scientist')).toBe('data scientist');
    expect(titleFamily('lead data scientist')).toBe(titleFamily('data scientist'));
    expect(titleFamily('teacher')).not.toBe(titleFamily('data analyst'));
    expect(titleFamily('senior')).toBe('senior');
  });

  it('parses an edited abbreviation list and names bad lines', () => {
    const { map, errors } = parseAbbreviations('sr = senior\n# comment\nmgr → Manager\nbad line\nvp = \nx y = z');
    expect(map).toEqual({ sr: 'senior', mgr: 'manager' });
    expect(errors).toHaveLength(3);
    expect(errors[0]).toContain('line 4');
  });
});

describe('vocabulary', () => {
  const titles = ['a', 'a', 'a', 'b', 'b', 'c', 'd', 'd', 'd', 'd'];
  it('index 0 pads, 1 is unknown; min frequency and max size apply; ties break alphabetically', () => {
    const v = buildVocabulary(titles, { minFrequency: 2, maxSize: 10 });
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'd', 'a', 'b']);
    expect(v.counts).toEqual([0, 1, 4, 3, 2]);
    expect(buildVocabulary(titles, { minFrequency: 1, maxSize: 4 }).tokens).toEqual(['<pad>', '<unk>', 'd', 'a']);
    const idx = vocabIndex(v);
    expect(encodeTitle(idx, 'd')).toBe(2);
    expect(encodeTitle(idx, 'c')).toBe(UNK);
    expect(encodeTitle(idx, '<pad>')).toBe(UNK);
    expect(PAD).toBe(0);
  });
  it('coverage counts occurrences and distinct titles', () => {
    const v = buildVocabulary(titles, { minFrequency: 2, maxSize: 10 });
    const c = vocabCoverage(v, titles);
    expect(c.occurrences).toBeCloseTo(9 / 10, 12);
    expect(c.distinct).toBeCloseTo(3 / 4, 12);
    expect(c.unknownOccurrences).toBe(1);
  });
});
