import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeWasmKernels } from '../../engine/wasm/kernels-wasm-node';
import { temperatureNll } from '../../calibration/temperature';
import type { Frame } from '../../data/frame';
import { defaultSectionsConfig, MIN_USEFUL_ACCURACY, sectionsConfigProblems, type SectionsConfig } from './config';
import { parseSectionsJsonl, sectionExamplesOf } from './data';
import { floorCoverage, sectionsEvaluation } from './evaluate';
import { classifySections, decideSections, isHeading, splitSections } from './classify';
import { generatePostings, generateSectionExamples, SECTION_KINDS, sectionExamplesJsonl } from './generate-postings';
import { sectionLogits, sectionProbabilities, type SectionsModel } from './model';
import { fitSections, MAX_DENSE_CELLS, prepareSections, type PreparedSections } from './train';

describe('generatePostings', () => {
  it('is seeded, covers the six kinds, and joins sections by blank lines', () => {
    const a = generatePostings(50, 4);
    expect(generatePostings(50, 4)).toEqual(a);
    expect(generatePostings(50, 5)).not.toEqual(a);
    const kinds = new Set(a.flatMap((p) => p.sections.map((s) => s.label)));
    expect([...kinds].sort()).toEqual([...SECTION_KINDS].sort());
    for (const p of a) {
      expect(p.sections.length).toBeGreaterThanOrEqual(3);
      expect(p.text).toBe(p.sections.map((s) => s.text).join('\n\n'));
    }
  });

  it('round-trips through JSONL', () => {
    const ex = generateSectionExamples(20, 2);
    expect(parseSectionsJsonl(sectionExamplesJsonl(ex), 'gen.jsonl')).toEqual(ex);
  });
});

describe('parseSectionsJsonl', () => {
  it('skips blank lines, ignores extra fields and reads a number label as text', () => {
    expect(parseSectionsJsonl('{"text":"a b","label":"benefits","id":3}\n\n{"text":"c","label":2}\r\n', 'x.jsonl')).toEqual([
      { text: 'a b', label: 'benefits' },
      { text: 'c', label: '2' },
    ]);
  });

  it.each([
    ['{"text":"a","label":"x"}\n{oops', 'x.jsonl, line 2: not JSON'],
    ['{"text":"a","label":"x"}\n\n[1,2]', 'x.jsonl, line 3: expected an object'],
    ['{"label":"x"}', 'x.jsonl, line 1: "text" must be a string (got nothing)'],
    ['{"text":"a","label":"  "}', 'x.jsonl, line 1: "label" must be a non-empty string'],
    ['\n\n', 'x.jsonl: no labeled sections'],
  ])('names the bad line: %j', (text, message) => {
    expect(() => parseSectionsJsonl(text, 'x.jsonl')).toThrow(message);
  });
});

describe('sectionExamplesOf', () => {
  const frame: Frame = {
    rowCount: 3,
    columns: [
      { name: 'body', dtype: 'text', values: ['We offer equity', null, 'Send your CV'] },
      { name: 'kind', dtype: 'categorical', values: ['benefits', 'benefits', null] },
    ],
  };
  it('reads the text and label columns, counting rows missing either', () => {
    expect(sectionExamplesOf(frame, { text: 'body', label: 'kind' }, 'posts.csv')).toEqual({ examples: [{ text: 'We offer equity', label: 'benefits' }], skipped: 2 });
  });
  it('names the table and the missing column', () => {
    expect(() => sectionExamplesOf(frame, { text: 'body', label: 'section' }, 'posts.csv')).toThrow('posts.csv: no column "section" (the recipe\'s columns.label; columns: body, kind)');
  });
});

describe('sectionsConfigProblems', () => {
  it('accepts the defaults and names each bad field', () => {
    expect(sectionsConfigProblems(defaultSectionsConfig())).toEqual([]);
    const c = defaultSectionsConfig({ text: 't', label: 't' });
    c.model = { ...c.model, kind: 'mlp', hidden: [], learningRate: 0 };
    c.floor = 1;
    c.tfidf = { ...c.tfidf, maxFeatures: null };
    const p = sectionsConfigProblems(c).join('\n');
    for (const field of ['columns.label', 'model.hidden', 'model.learningRate', 'floor', 'tfidf.maxFeatures']) expect(p).toContain(field);
  });
});

describe('splitSections', () => {
  it('splits at blank lines and at headings, keeping a heading with its lines', () => {
    const text = 'About us\nWe build software.\n\n\nREQUIREMENTS\n- Python\n- SQL\nWhat we offer:\nEquity and a laptop.\n## How to apply\nSend your CV.\n   \n  ';
    expect(splitSections(text)).toEqual(['About us\nWe build software.', 'REQUIREMENTS\n- Python\n- SQL', 'What we offer:\nEquity and a laptop.', '## How to apply\nSend your CV.']);
  });
  it('drops sections without a word character, and a heading alone at the start does not make an empty section', () => {
    expect(splitSections('---\n\n***\n\nBENEFITS\nA gym membership')).toEqual(['BENEFITS\nA gym membership']);
    expect(splitSections('')).toEqual([]);
  });
  it('tells headings from lines', () => {
    expect(isHeading('Benefits:')).toBe(true);
    expect(isHeading('# Our story')).toBe(true);
    expect(isHeading('EEO STATEMENT')).toBe(true);
    expect(isHeading('- 3+ years of experience with SQL')).toBe(false);
    expect(isHeading('2024')).toBe(false);
    expect(isHeading('- SQL')).toBe(false);
    expect(isHeading('• AWS')).toBe(false);
    expect(isHeading(`${'A'.repeat(61)}`)).toBe(false);
  });
});

describe('decideSections (the confidence floor)', () => {
  const labels = ['benefits', 'requirements'];
  const probs = [0.9, 0.1, 0.45, 0.55, 0.5, 0.5];
  const texts = ['a', 'b', 'c'];
  it('trusts a top probability at or over the floor, and falls back to the whole text under it', () => {
    const d = decideSections(texts, probs, labels, { floor: 0.55, heldOutAccuracy: 0.9 });
    expect(d.sections.map((s) => [s.label, s.useWholeText])).toEqual([
      ['benefits', false],
      ['requirements', false],
      ['benefits', true],
    ]);
    expect(d.sections[2]).toMatchObject({ reason: 'below-floor', confidence: 0.5 });
    expect(d.useWholeText).toBe(false);
    expect(decideSections(texts, probs, labels, { floor: 0.95, heldOutAccuracy: 0.9 }).useWholeText).toBe(true);
  });
  it(`falls back everywhere when the model's held-out accuracy is under ${MIN_USEFUL_ACCURACY}, whatever its confidence`, () => {
    const d = decideSections(texts, probs, labels, { floor: 0, heldOutAccuracy: 0.69 });
    expect(d.useWholeText).toBe(true);
    expect(d.sections.every((s) => s.useWholeText && s.reason === 'model-accuracy')).toBe(true);
    expect(decideSections(texts, probs, labels, { floor: 0, heldOutAccuracy: MIN_USEFUL_ACCURACY }).useWholeText).toBe(false);
    expect(decideSections(texts, probs, labels, { floor: 0, heldOutAccuracy: NaN }).useWholeText).toBe(true);
  });
});

describe('prepareSections', () => {
  it('names what is wrong with the examples instead of failing later', () => {
    expect(() => prepareSections([{ text: 'a b', label: 'x' }], defaultSectionsConfig())).toThrow('at least two labels (got only "x")');
    const many = Array.from({ length: 20 }, (_, i) => ({ text: `alpha beta ${i} gamma`, label: i % 2 ? 'a' : 'b' }));
    const c = defaultSectionsConfig();
    c.tfidf.minDf = 50;
    expect(() => prepareSections(many, c)).toThrow('no terms remain');
  });
  it('refuses a dense matrix over the cap before allocating it, saying which maxFeatures fits', () => {
    const ex = generateSectionExamples(6000, 2);
    const c = defaultSectionsConfig();
    c.tfidf = { ...c.tfidf, minDf: 1, maxFeatures: 50000 };
    expect(ex.length * 3000).toBeLessThan(MAX_DENSE_CELLS);
    expect(() => prepareSections(ex, c)).toThrow(new RegExp(`${ex.length.toLocaleString('en-US')} sections × [\\d,]+ TF-IDF terms is too large .* set tfidf.maxFeatures to ${Math.floor(MAX_DENSE_CELLS / ex.length).toLocaleString('en-US')} or fewer`));
    // the default cap of 3,000 terms fits the same sections
    expect(prepareSections(ex, defaultSectionsConfig()).x.length).toBe(ex.length * 3000);
  }, 60_000);
});

describe('floorCoverage', () => {
  it('counts the sections at or over the floor and their accuracy', () => {
    const probs = [0.9, 0.1, 0.4, 0.6, 0.5, 0.5, 0.2, 0.8];
    expect(floorCoverage(probs, [0, 0, 0, 1], 2, 0.6)).toEqual({ covered: 0.75, accuracy: 2 / 3 });
    expect(floorCoverage(probs, [0, 0, 0, 1], 2, 0.95)).toEqual({ covered: 0, accuracy: NaN });
  });
});

/** Acceptance 3: trained on generated postings, held-out accuracy ≥ 0.85. */
describe.each(['logistic', 'mlp'] as const)('the %s section classifier on 500 generated postings', (kind) => {
  let c: SectionsConfig;
  let p: PreparedSections;
  let m: SectionsModel;

  beforeAll(async () => {
    c = defaultSectionsConfig();
    c.model.kind = kind;
    p = prepareSections(generateSectionExamples(500, 3), c);
    m = (await fitSections(p, c, createNodeWasmKernels)).model;
  }, 60_000);

  it('reaches held-out accuracy ≥ 0.85 on test rows nothing was fitted on, with a per-class report and confusion matrix', () => {
    const e = sectionsEvaluation(m, p);
    console.log(`sections ${kind}: ${p.texts.length} sections, ${p.tfidf.vocabulary.length} terms, held-out accuracy ${e.metrics.accuracy.toFixed(4)} on ${p.split.test.length} test sections, macro F1 ${e.metrics.f1_macro.toFixed(4)}, temperature ${m.temperature.toFixed(3)}`);
    expect(p.labels).toEqual([...SECTION_KINDS].sort());
    expect(e.metrics.accuracy).toBeGreaterThanOrEqual(0.85);
    expect(e.metrics.accuracy).toBeLessThan(1); // the generator's overlap keeps it from being a lookup
    expect(m.heldOutAccuracy).toBe(e.metrics.accuracy);
    const cm = e.report.confusion_matrix as number[][];
    expect(cm).toHaveLength(6);
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(p.split.test.length);
    expect(cm.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(e.support);
    expect(e.report.precision_per_class).toHaveLength(6);
    // a higher floor trusts fewer sections and is right more often on those it trusts
    const y = Array.from(p.split.test, (r) => p.y[r]);
    const probs = sectionProbabilities(m, Array.from(p.split.test, (r) => p.texts[r]));
    const low = floorCoverage(probs, y, 6, 0);
    const high = floorCoverage(probs, y, 6, 0.8);
    expect(low).toEqual({ covered: 1, accuracy: e.metrics.accuracy });
    expect(high.covered).toBeLessThan(1);
    expect(high.accuracy).toBeGreaterThan(low.accuracy);
  });

  it('its temperature lowers the validation log loss (or leaves it when 1 is best)', () => {
    const val = Array.from(p.split.validation, (r) => p.texts[r]);
    const y = Array.from(p.split.validation, (r) => p.y[r]);
    const z = sectionLogits(m, val);
    expect(temperatureNll(z, y, 6, m.temperature)).toBeLessThanOrEqual(temperatureNll(z, y, 6, 1) + 1e-12);
  });

  it('classifies a whole generated posting section by section', () => {
    const posting = generatePostings(40, 99).find((x) => x.sections.length >= 5)!;
    const out = classifySections(m, posting.text);
    expect(out.sections.map((s) => s.text)).toEqual(splitSections(posting.text));
    const trusted = out.sections.filter((s) => !s.useWholeText);
    expect(trusted.length).toBeGreaterThan(0);
    for (const s of out.sections) expect(s.confidence).toBeCloseTo(Math.max(...sectionProbabilities(m, [s.text])), 12);
    // a floor of 1 trusts nothing: the pipeline reads the whole text
    expect(classifySections(m, posting.text, 0.999999).useWholeText).toBe(true);
    expect(classifySections({ ...m, heldOutAccuracy: 0.6 }, posting.text, 0).useWholeText).toBe(true);
  });
});
