/**
 * Column type inference on 1,000,000-row text columns: plain numbers (the fast path), decimal
 * commas with dots grouping thousands, and dd.mm.yyyy dates. Writes bench/results/schema-inference.json.
 * Run: npx tsx bench/schema-bench.ts
 */
import { writeFileSync } from 'node:fs';
import { inferColumn } from '../src/ml/data/infer-types';

const N = 1_000_000;
const columns: Record<string, (i: number) => string> = {
  plain: (i) => String((i * 7.31) % 5000),
  'comma-dot': (i) => `${Math.floor(i / 1000) % 1000 ? `${Math.floor(i / 1000) % 1000}.` : ''}${String(i % 1000).padStart(3, '0')},${i % 100}`,
  'dd.mm.yyyy': (i) => `${String(1 + (i % 28)).padStart(2, '0')}.${String(1 + (i % 12)).padStart(2, '0')}.${2000 + (i % 25)}`,
};
const results: Record<string, { rows: number; ms: number; dtype: string; rowsPerSec: number }> = {};
for (const [name, gen] of Object.entries(columns)) {
  const cells = Array.from({ length: N }, (_, i) => gen(i));
  const t0 = performance.now();
  const col = inferColumn('x', cells);
  const ms = performance.now() - t0;
  results[name] = { rows: N, ms: Math.round(ms), dtype: col.dtype, rowsPerSec: Math.round(N / (ms / 1000)) };
  console.log(name, results[name]);
}
writeFileSync(new URL('./results/schema-inference.json', import.meta.url), JSON.stringify({ node: process.version, measuredAt: new Date().toISOString(), results }, null, 2) + '\n');
