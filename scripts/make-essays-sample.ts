// Writes public/samples/essays.csv: the first 800 rows of the proxy's demo `essays` table (the
// same seeded generator, so the sample and the database agree row for row), every column but
// the free text. NULL is an empty cell; the embedding and paragraph_lengths are JSON arrays in
// quoted cells, the form the studio gives list and jsonb columns imported from the proxy.
// Run: npx tsx scripts/make-essays-sample.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { essays } from '../proxy/src/demo/generate';
import { ESSAY_COLUMNS } from '../proxy/src/demo/essays';

const ROWS = 800;
const keep = ESSAY_COLUMNS.map((name, i) => ({ name, i })).filter((c) => c.name !== 'text');

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? JSON.stringify(v) : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const rows = essays().slice(0, ROWS);
if (rows[0].length !== ESSAY_COLUMNS.length) throw new Error(`rows have ${rows[0].length} cells, ESSAY_COLUMNS names ${ESSAY_COLUMNS.length}`);
const lines = [keep.map((c) => c.name).join(','), ...rows.map((r) => keep.map((c) => cell(r[c.i])).join(','))];
const out = resolve(import.meta.dirname, '../public/samples/essays.csv');
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${out}: ${ROWS} rows, ${keep.length} columns`);
