import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidates, jobs } from '../../../proxy/src/demo/generate';
import { fitSectionTfidf, type FittedMatcher, type MatcherDocs } from '../models/matcher/matcher';
import { flattenWorkHistory } from '../models/matcher/sections';
import { encodeTokenIds, tokenIdIndex, tokenVocabulary } from '../text/token-ids';
import { analyze } from '../text/tokenize';
import { encodeMatcherBatch, matcherVocabJson } from './matcher-onnx';
import { MATCHER_TOKENIZER_FILES, MATCHER_TOKENIZER_MJS, MATCHER_TOKENIZER_PY } from './matcher-service-tokenizer';

/** Texts where JavaScript and Python could part ways: case mapping, Unicode letters and digits, "_", marks, scripts. */
const UNICODE = [
  'Ünïcödé café naïve Ünïcödé',
  'Straße STRASSE ΣΊΣΥΦΟΣ σίσυφος İstanbul ǅemal',
  'python3 x86_64 __init__ snake_case 2019-05 v2.0 C++ C# 10x',
  '数据科学家 データ サイエンティスト 데이터 과학자',
  'cafe\u0301 résumé mañana Łódź Ærø',
  '①② ¼½ Ⅻ ⅻ 𝟘𝟙 ٣٤ १२',
  'emoji 😀😀 ok ✓ — “quoted” ‘words’ tab\tand\nnewline',
  'مهندس بيانات डेटा वैज्ञानिक Инженер данных',
  '',
  'a I x',
];

const SECTIONS = [
  { name: 'skills', candidateColumn: 'skills_text', jobColumn: 'required_skills_text' },
  { name: 'experience', candidateColumn: 'work_history', jobColumn: 'experience_text' },
  { name: 'education', candidateColumn: 'education', jobColumn: 'education_requirement' },
];
const cands = candidates().slice(0, 60);
const js = jobs().slice(0, 20);
const docs: MatcherDocs = {
  sections: SECTIONS,
  candidates: new Map([
    ...cands.map((c) => [String(c[0]), [c[8] as string, flattenWorkHistory(c[4] as string), c[9] as string]] as [string, string[]]),
    // the Unicode texts are fitted too, so their tokens get ids and a mismatch would show
    ...UNICODE.map((t, i) => [`u${i}`, [t, t, t]] as [string, string[]]),
  ]),
  jobs: new Map(js.map((j) => [String(j[0]), [j[9] as string, j[10] as string, j[11] as string]])),
};
const matcher: FittedMatcher = { sections: fitSectionTfidf(docs), mode: 'fixed', linear: { weights: [0.4, 0.4, 0.2], bias: 0 }, platt: null };
// ~280 texts (the Unicode ones three times), every one tried against every section's vocabulary
const TEXTS = [...[...docs.candidates.values()].flat(), ...[...docs.jobs.values()].flat(), 'unknownword zzqx python'];
const PAIRS = [...docs.candidates.values()].slice(0, 30).map((candidate, i) => ({ candidate, job: [...docs.jobs.values()][i % js.length] }));

const NODE_DRIVER = `import { readFileSync } from 'node:fs';
import { MatcherTokenizer } from './${MATCHER_TOKENIZER_FILES.mjs}';
const tok = new MatcherTokenizer(JSON.parse(readFileSync(new URL('./vocab.json', import.meta.url), 'utf8')));
const { texts, pairs } = JSON.parse(readFileSync(0, 'utf8'));
const batch = Object.fromEntries(Object.entries(tok.batch(pairs)).map(([k, v]) => [k, { data: Array.from(v.data, Number), dims: v.dims }]));
process.stdout.write(JSON.stringify({ ids: tok.sections.map((_, k) => texts.map((t) => tok.encode(k, t))), tokens: texts.map((t) => tok.tokens(t)), batch }));
`;

const PY_DRIVER = `import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from matcher_tokenizer import MatcherTokenizer
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "vocab.json"), encoding="utf-8") as f:
    tok = MatcherTokenizer(json.load(f))
req = json.loads(sys.stdin.buffer.read().decode("utf-8"))
batch = {k: {"data": [i for r in rows for i in r], "dims": [len(rows), len(rows[0])]} for k, rows in tok.batch(req["pairs"]).items()}
out = {"ids": [[tok.encode(k, t) for t in req["texts"]] for k in range(len(tok.sections))], "tokens": [tok.tokens(t) for t in req["texts"]], "batch": batch}
sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
`;

interface DriverOut {
  ids: number[][][];
  tokens: string[][];
  batch: Record<string, { data: number[]; dims: number[] }>;
}

describe('the shipped matcher tokenizers (JavaScript and Python) give the studio’s token ids', () => {
  let dir: string;
  const want = matcher.sections.map((s) => TEXTS.map((t) => encodeTokenIds(t, s.tfidf.params, tokenIdIndex(tokenVocabulary(s.tfidf)))));
  const wantBatch = Object.fromEntries(Object.entries(encodeMatcherBatch(matcher, PAIRS)).map(([k, v]) => [k, { data: Array.from(v.data, Number), dims: v.dims }]));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-matcher-tokenizer-'));
    writeFileSync(join(dir, 'vocab.json'), JSON.stringify(matcherVocabJson(matcher)));
    writeFileSync(join(dir, MATCHER_TOKENIZER_FILES.mjs), MATCHER_TOKENIZER_MJS);
    writeFileSync(join(dir, MATCHER_TOKENIZER_FILES.py), MATCHER_TOKENIZER_PY);
    writeFileSync(join(dir, 'driver.mjs'), NODE_DRIVER);
    writeFileSync(join(dir, 'driver.py'), PY_DRIVER);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the Unicode texts are in the vocabulary, and there are at least 200 texts', () => {
    expect(TEXTS.length).toBeGreaterThanOrEqual(200);
    const ids = want.flat(2);
    expect(ids.filter((v) => v > 0).length).toBeGreaterThan(1000);
    // accented, CJK, Greek final sigma, Turkish İ (lowercased to i + U+0307, a mark that splits the word), astral digits
    for (const w of ['ünïcödé', 'σίσυφος', 'stanbul', '数据科学家', '𝟘𝟙', 'x86_64', '__init__']) expect(matcher.sections[0].tfidf.vocabulary).toContain(w);
  });

  for (const [name, cmd, driver] of [
    ['JavaScript (node)', process.execPath, 'driver.mjs'],
    ['Python 3 (stdlib)', process.env.KILN_PYTHON ?? '/usr/bin/python3', 'driver.py'],
  ] as const) {
    it(`${name}: ids per section, tokens and a padded batch equal encodeTokenIds / encodeMatcherBatch`, () => {
      const r = spawnSync(cmd, [join(dir, driver)], { input: JSON.stringify({ texts: TEXTS, pairs: PAIRS }), encoding: 'utf8' });
      expect(r.status, `${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
      const out = JSON.parse(r.stdout) as DriverOut;
      out.ids.forEach((section, k) => section.forEach((ids, i) => expect(ids, `section ${k}, text ${JSON.stringify(TEXTS[i])}`).toEqual(want[k][i])));
      const params = matcher.sections[0].tfidf.params;
      out.tokens.forEach((t, i) => expect(t, JSON.stringify(TEXTS[i])).toEqual(analyze(TEXTS[i], { ...params, ngramRange: [1, 1] })));
      expect(out.batch).toEqual(wantBatch);
    });
  }

  it('the sources stay short and dependency-free', () => {
    expect(MATCHER_TOKENIZER_MJS).not.toMatch(/^\s*import /m);
    expect(MATCHER_TOKENIZER_PY.match(/^import \w+/gm)).toEqual(['import re']);
    for (const src of [MATCHER_TOKENIZER_MJS, MATCHER_TOKENIZER_PY]) expect(src.split('\n').length).toBeLessThan(90);
  });
});
