import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidates } from '../../../proxy/src/demo/generate';
import { flattenWorkHistory } from '../models/matcher/sections';
import { MATCHER_WORK_HISTORY_FILES, MATCHER_WORK_HISTORY_MJS, MATCHER_WORK_HISTORY_PY } from './matcher-work-history';

const role = (r: Record<string, unknown>) => r;
const roles = (...rs: unknown[]) => JSON.stringify(rs);

/** Cells where a port could part ways with the studio's JavaScript. */
const EDGE: (string | null)[] = [
  null,
  '',
  '   ',
  'plain experience text, not JSON',
  '  [not json',
  '[1, 2',
  '[]',
  '{"title": "an object, not a list"}',
  '[null, 1, "x", true, [], {}]',
  roles(role({ title: 'Analyst', company: 'Acme', start_date: '2019-05' }), role({ title: 'Lead', company: 'Beta', start_date: '2021-01' })),
  // equal starts keep their order (a stable sort in both languages)
  roles(role({ title: 'first', start_date: '2020' }), role({ title: 'second', start_date: '2020' }), role({ title: 'third' }), role({ title: 'fourth' })),
  // start_date null falls back to start; numbers, booleans, arrays and objects as JavaScript's String() writes them
  roles(role({ title: 'a', start_date: null, start: '2018' }), role({ title: 'b', start: 2019 }), role({ title: 'c', start: 2019.5 }), role({ title: 'd', start: true }), role({ title: 'e', start: [2019, null, 5, [1, 2]] }), role({ title: 'f', start: { y: 1 } })),
  '[{"title": "big", "start": 123456789012345678901234567890}, {"title": "tiny", "start": 1.5e-7}, {"title": "small", "start": 0.000001}, {"title": "huge", "start": 1e21}, {"title": "inf", "start": 1e400}, {"title": "neg", "start": -0}, {"title": "e16", "start": 1e16}, {"title": "frac", "start": 100.25}]',
  // NaN is not JSON: the cell stays as it is
  '[{"title": "nan", "start": NaN}]',
  // JavaScript's trim() drops NBSP and the BOM but not U+001C, which Python's strip() would drop
  '\u00a0\ufeff[{"title": "nbsp and bom"}]\u2028',
  '\u001c[{"title": "file separator"}]',
  // UTF-16 code units order an astral character before U+FFFF; code points order it after
  roles(role({ title: 'bmp', start: '\uffff' }), role({ title: 'astral', start: '\u{1F600}' })),
  // empty and non-string fields are skipped; roles with nothing left are dropped
  roles(role({ title: '', company: 42, description: 'builds pipelines', summary: null, responsibilities: 'ETL' }), role({ company: '' }), role({ title: 'Ünïcödé 数据 engineer' })),
  '[{"title": "lone \\ud800 surrogate", "start_date": "\\udfff"}]',
  '[[{"title": "nested list"}], {"title": "kept"}]',
];

const DEMO = candidates()
  .slice(0, 300)
  .map((c) => c[4] as string | null);
const CELLS = [...EDGE, ...DEMO];

const NODE_DRIVER = `import { readFileSync } from 'node:fs';
import { flattenWorkHistory } from './${MATCHER_WORK_HISTORY_FILES.mjs}';
process.stdout.write(JSON.stringify(JSON.parse(readFileSync(0, 'utf8')).map((c) => flattenWorkHistory(c))));
`;

const PY_DRIVER = `import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from work_history import flatten_work_history
cells = json.loads(sys.stdin.buffer.read().decode("utf-8"))
sys.stdout.write(json.dumps([flatten_work_history(c) for c in cells]))
`;

describe('the shipped work-history flatteners (JavaScript and Python) give the studio’s experience text', () => {
  let dir: string;
  const want = CELLS.map((c) => flattenWorkHistory(c));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiln-work-history-'));
    writeFileSync(join(dir, MATCHER_WORK_HISTORY_FILES.mjs), MATCHER_WORK_HISTORY_MJS);
    writeFileSync(join(dir, MATCHER_WORK_HISTORY_FILES.py), MATCHER_WORK_HISTORY_PY);
    writeFileSync(join(dir, 'driver.mjs'), NODE_DRIVER);
    writeFileSync(join(dir, 'driver.py'), PY_DRIVER);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the cases exercise what they claim: demo histories flattened, orders, fallbacks', () => {
    expect(DEMO.filter((c) => c?.trim().startsWith('[')).length).toBeGreaterThan(250);
    expect(want.slice(EDGE.length).filter((t) => t.includes('. ')).length).toBeGreaterThan(100);
    expect(flattenWorkHistory(EDGE[9])).toBe('Lead Beta. Analyst Acme');
    expect(flattenWorkHistory(EDGE[10])).toBe('first. second. third. fourth');
    expect(flattenWorkHistory(EDGE[16])).toBe('bmp. astral');
    expect(flattenWorkHistory(EDGE[13])).toBe(EDGE[13]);
    expect(flattenWorkHistory(EDGE[15])).toBe(EDGE[15]);
  });

  for (const [name, cmd, driver] of [
    ['JavaScript (node)', process.execPath, 'driver.mjs'],
    ['Python 3 (stdlib)', process.env.KILN_PYTHON ?? '/usr/bin/python3', 'driver.py'],
  ] as const) {
    it(`${name}: every cell equals flattenWorkHistory`, () => {
      const r = spawnSync(cmd, [join(dir, driver)], { input: JSON.stringify(CELLS), encoding: 'utf8' });
      expect(r.status, `${r.stderr}${r.error ? `\n${r.error.message}` : ''}`).toBe(0);
      const got = JSON.parse(r.stdout) as string[];
      expect(got.length).toBe(CELLS.length);
      got.forEach((g, i) => expect(g, `cell ${i}: ${JSON.stringify(CELLS[i])}`).toBe(want[i]));
    });
  }

  it('the sources are dependency-free', () => {
    expect(MATCHER_WORK_HISTORY_MJS).not.toMatch(/^\s*import /m);
    expect(MATCHER_WORK_HISTORY_PY.match(/^import \w+/gm)).toEqual(['import json']);
  });
});
