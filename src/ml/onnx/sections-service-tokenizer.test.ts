import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideSections, splitSections } from '../models/sections/classify';
import { defaultSectionsConfig } from '../models/sections/config';
import { generatePostings, generateSectionExamples } from '../models/sections/generate-postings';
import { sectionProbabilities, type SectionsModel } from '../models/sections/model';
import { fitSections, prepareSections } from '../models/sections/train';
import { encodeSectionsBatch, sectionsVocabJson } from './sections-onnx';
import { SECTIONS_TOKENIZER_FILES, SECTIONS_TOKENIZER_MJS, SECTIONS_TOKENIZER_PY } from './sections-service-tokenizer';

/** Postings, and texts where the split or the tokens could part ways between the languages. */
const POSTINGS = [
  ...generatePostings(25, 77).map((p) => p.text),
  'About us\nWe build software.\n\n\nREQUIREMENTS\n- Python\n- SQL\nWhat we offer:\nEquity.\n## How to apply\nSend your CV.\n   \n',
  'Straße İstanbul Ünïcödé café\r\n\r\nΣΊΣΥΦΟΣ\nσίσυφος 数据科学家 x86_64 ①②\n• ÉQUIPE\n---\n\n***',
  '',
];

const NODE_DRIVER = `import { readFileSync } from 'node:fs';
import { SectionsTokenizer } from './${SECTIONS_TOKENIZER_FILES.mjs}';
const tok = new SectionsTokenizer(JSON.parse(readFileSync(new URL('./vocab.json', import.meta.url), 'utf8')));
const { postings, probabilities } = JSON.parse(readFileSync(0, 'utf8'));
const sections = postings.map((p) => tok.split(p));
const flat = sections.flat();
const b = tok.batch(flat);
process.stdout.write(JSON.stringify({ sections, ids: flat.map((t) => tok.encode(t)), batch: { data: Array.from(b.data, Number), dims: b.dims }, decisions: tok.decide(probabilities) }));
`;

const PY_DRIVER = `import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sections_tokenizer import SectionsTokenizer
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "vocab.json"), encoding="utf-8") as f:
    tok = SectionsTokenizer(json.load(f))
req = json.load(sys.stdin)
sections = [tok.split(p) for p in req["postings"]]
flat = [s for ss in sections for s in ss]
k = len(tok.labels)
rows = [req["probabilities"][i:i + k] for i in range(0, len(req["probabilities"]), k)]
d = [{"label": x["label"], "confidence": x["confidence"], "useWholeText": x["use_whole_text"]} for x in tok.decide(rows)]
sys.stdout.write(json.dumps({"sections": sections, "ids": [tok.encode(t) for t in flat], "batch": tok.batch(flat), "decisions": d}))
`;

describe('the shipped section tokenizers (JavaScript and Python) equal the studio', () => {
  let dir: string;
  let m: SectionsModel;
  let flat: string[];
  let probabilities: number[];

  beforeAll(async () => {
    const c = defaultSectionsConfig();
    c.model.epochs = 10;
    m = (await fitSections(prepareSections(generateSectionExamples(150, 4), c), c)).model;
    flat = POSTINGS.flatMap(splitSections);
    probabilities = Array.from(sectionProbabilities(m, flat));
    dir = mkdtempSync(join(tmpdir(), 'kiln-sections-tok-'));
    writeFileSync(join(dir, 'vocab.json'), JSON.stringify(sectionsVocabJson(m)));
    writeFileSync(join(dir, SECTIONS_TOKENIZER_FILES.mjs), SECTIONS_TOKENIZER_MJS);
    writeFileSync(join(dir, SECTIONS_TOKENIZER_FILES.py), SECTIONS_TOKENIZER_PY);
    writeFileSync(join(dir, 'driver.mjs'), NODE_DRIVER);
    writeFileSync(join(dir, 'driver.py'), PY_DRIVER);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const want = () => {
    const b = encodeSectionsBatch(m, flat);
    const d = decideSections(flat, probabilities, m.labels, { floor: m.floor, heldOutAccuracy: m.heldOutAccuracy });
    return {
      sections: POSTINGS.map(splitSections),
      batch: { data: Array.from(b.data, Number), dims: b.dims },
      decisions: d.sections.map((s) => ({ label: s.label, confidence: s.confidence, useWholeText: s.useWholeText })),
    };
  };

  it.each([
    ['node', process.execPath, 'driver.mjs'],
    ['python', process.env.KILN_PYTHON ?? '/usr/bin/python3', 'driver.py'],
  ])('%s: the same sections, token ids, padded batch and floor decisions', (_name, exe, driver) => {
    const r = spawnSync(exe, [join(dir, driver)], { input: JSON.stringify({ postings: POSTINGS, probabilities }), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { sections: string[][]; ids: number[][]; batch: { data: number[]; dims: number[] } | number[][]; decisions: unknown[] };
    const w = want();
    expect(got.sections).toEqual(w.sections);
    const batch = Array.isArray(got.batch) ? { data: got.batch.flat(), dims: [got.batch.length, got.batch[0].length] } : got.batch;
    expect(batch).toEqual(w.batch);
    expect(got.decisions).toEqual(w.decisions);
    // the texts exercise both branches of the floor
    expect(new Set(w.decisions.map((d) => d.useWholeText)).size).toBe(2);
  });
});
