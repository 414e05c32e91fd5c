import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const tmp = mkdtempSync(join(tmpdir(), 'kiln-skills-'));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const dictYaml = file('skills.yaml', 'name: ml\nskills:\n  - name: scikit-learn\n    aliases: [sklearn]\n  - name: Kubernetes\n    aliases: [k8s]\n  - name: SQL\n');

async function kiln(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('kiln skills extract', () => {
  it('writes one JSON line per CSV row with the skills, their spans and strategies', async () => {
    const csv = file('jobs.csv', 'id,text\n7,"Ship models with sklearn on Kubrenetes."\n8,nothing\n9,"SQL, sql"\n');
    const r = await kiln(['skills', 'extract', '--dict', dictYaml, '--input', csv, '--column', 'text']);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((x) => [x.id, x.skills])).toEqual([
      ['7', ['scikit-learn', 'Kubernetes']],
      ['8', []],
      ['9', ['SQL']],
    ]);
    expect(rows[0].hits[0]).toMatchObject({ skill: 'scikit-learn', strategies: ['alias', 'normalized'], confidence: 0.95, spans: [{ start: 17, end: 24, text: 'sklearn', term: 'sklearn' }] });
    expect(rows[0].hits[1]).toMatchObject({ skill: 'Kubernetes', strategies: ['fuzzy'], confidence: 0.8 });
    expect(rows[2].hits[0].spans).toHaveLength(2);
    expect(r.err).toMatch(/3 rows, dictionary "ml" sd1-[0-9a-f]{14} \(3 skills\)/);
  });

  it('reads JSONL, takes a strategy subset and writes --out', async () => {
    const jsonl = file('jobs.jsonl', '{"text": "sklearn and scikit-learn", "gold": ["scikit-learn"]}\n{"text": null}\n');
    const outFile = join(tmp, 'out.jsonl');
    const dictJson = file('skills.json', JSON.stringify({ skills: [{ name: 'scikit-learn', aliases: ['sklearn'] }] }));
    const r = await kiln(['skills', 'extract', '--dict', dictJson, '--input', jsonl, '--column', 'text', '--strategies', 'exact', '--out', outFile]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    const rows = readFileSync(outFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows).toEqual([{ skills: ['scikit-learn'], hits: [expect.objectContaining({ strategies: ['exact'], spans: [expect.objectContaining({ start: 12, end: 24 })] })] }, { skills: [], hits: [] }]);
  });

  it('exits 2 with a message naming the file and line, entry or column', async () => {
    const csv = file('ok.csv', 'text\nSQL\n');
    const bad = file('bad.yaml', 'skills:\n  - name: SQL\n  - aliases: [x]\n');
    let r = await kiln(['skills', 'extract', '--dict', bad, '--input', csv, '--column', 'text']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad.yaml: skills[1] (line 3): name must be a non-empty string');
    r = await kiln(['skills', 'extract', '--dict', dictYaml, '--input', csv, '--column', 'body']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('ok.csv: missing column "body" (columns: text)');
    r = await kiln(['skills', 'extract', '--dict', dictYaml, '--input', csv, '--column', 'text', '--strategies', 'exact,magic']);
    expect(r.err).toContain('"magic" is not one of exact, alias, normalized, fuzzy');
    r = await kiln(['skills', 'extract', '--dict', join(tmp, 'missing.yaml'), '--input', csv, '--column', 'text']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot read the dictionary');
    r = await kiln(['skills', 'extract', '--input', csv]);
    expect(r.err).toContain('missing --dict');
  });

  it('with --gold-column writes what kiln evaluate --task extraction reads; generate and demo-dict reproduce the acceptance set', async () => {
    const set = join(tmp, 'set.jsonl');
    expect((await kiln(['skills', 'generate', '--docs', '50', '--seed', '3', '--out', set])).code).toBe(0);
    const first = JSON.parse(readFileSync(set, 'utf8').split('\n')[0]);
    expect(first).toMatchObject({ id: 'doc-1', gold: expect.any(Array), mentions: expect.any(Array) });
    const dict = file('demo.yaml', (await kiln(['skills', 'demo-dict'])).out);
    const scored = join(tmp, 'scored.jsonl');
    const x = await kiln(['skills', 'extract', '--dict', dict, '--input', set, '--column', 'text', '--gold-column', 'gold', '--out', scored]);
    expect(x.code).toBe(0);
    const ev = await kiln(['evaluate', '--task', 'extraction', '--input', scored]);
    expect(ev.code).toBe(0);
    expect(JSON.parse(ev.out).metrics.f1_micro).toBeGreaterThan(0.95);
    const exact = join(tmp, 'exact.jsonl');
    await kiln(['skills', 'extract', '--dict', dict, '--input', set, '--column', 'text', '--gold-column', 'gold', '--strategies', 'exact', '--out', exact]);
    expect(JSON.parse((await kiln(['evaluate', '--task', 'extraction', '--input', exact])).out).metrics.f1_micro).toBeLessThan(0.8);
    const bad = file('bad-gold.csv', 'text,gold\nSQL,SQL\n');
    const r = await kiln(['skills', 'extract', '--dict', dictYaml, '--input', bad, '--column', 'text', '--gold-column', 'gold']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bad-gold.csv, row 1, column "gold": gold skills must be a JSON array of strings, got "SQL"');
  });

  it('is listed in --help', async () => {
    const r = await kiln(['skills', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('kiln skills extract --dict');
  });
});
