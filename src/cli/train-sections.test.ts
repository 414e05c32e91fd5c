import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { generateSectionExamples, sectionExamplesJsonl } from '../ml/models/sections/generate-postings';
import { main } from './main';

async function kiln(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

/** The section classifier headless: its first recipe guesses the columns of a JSONL annotation export, `kiln train` gates on held-out accuracy and ships the tokenizers. */
it('kiln recipe init + kiln train on JSONL sections: accuracy ≥ 0.85 gate passes, the bundle has the graph, vocabulary and both tokenizers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiln-sections-cli-'));
  const data = join(dir, 'sections.jsonl');
  writeFileSync(data, sectionExamplesJsonl(generateSectionExamples(250, 12)));
  const recipe = join(dir, 'recipe.json');
  const init = await kiln('recipe', 'init', '--family', 'sections', '--data', data, '--out', recipe);
  expect(init.code, init.err).toBe(0);
  expect(JSON.parse(readFileSync(recipe, 'utf8')).config.columns).toEqual({ text: 'text', label: 'label' });
  const out = join(dir, 'run');
  const r = await kiln('train', '--recipe', recipe, '--data', data, '--out', out, '--fail-under', 'accuracy=0.85');
  expect(r.code, r.err).toBe(0);
  const { metrics } = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { metrics: Record<string, number> };
  expect(metrics.accuracy).toBeGreaterThanOrEqual(0.85);
  for (const f of ['model.onnx', 'vocab.json', 'sections-tokenizer.mjs', 'sections_tokenizer.py', 'model-card.md']) expect(existsSync(join(out, f)), f).toBe(true);
  // a column the recipe names that the table lacks exits 2, naming it
  const bad = JSON.parse(readFileSync(recipe, 'utf8'));
  bad.config.columns.label = 'section';
  writeFileSync(recipe, JSON.stringify(bad));
  const missing = await kiln('train', '--recipe', recipe, '--data', data, '--out', join(dir, 'run2'));
  expect(missing.code).toBe(2);
  expect(missing.err).toContain('no column "section"');
}, 120_000);
