import type { Frame } from '../../data/frame';
import { mulberry32 } from '../../data/rng';
import { jobs } from '../../../../proxy/src/demo/generate';

/** The demo `jobs` table as the studio imports it (column order: proxy/src/demo/schema.ts). */
export function jobsFrame(): Frame {
  const rows = jobs();
  const text = (name: string, at: number) => ({ name, dtype: 'text' as const, values: rows.map((r) => (r[at] === null ? null : String(r[at]))) });
  const num = (name: string, at: number) => ({ name, dtype: 'numeric' as const, values: Float64Array.from(rows, (r) => (r[at] === null ? NaN : Number(r[at]))) });
  return {
    rowCount: rows.length,
    columns: [
      { name: 'id', dtype: 'id', values: rows.map((r) => String(r[0])) },
      text('title', 1),
      { name: 'company', dtype: 'categorical', values: rows.map((r) => String(r[2])) },
      text('description', 4),
      num('salary_min', 5),
      num('salary_max', 6),
      text('required_skills_text', 9),
      text('experience_text', 10),
    ],
  };
}

/** Gaussian blobs in `d` numeric columns, the same points as an embedding column (JSON arrays), one missing value. */
export function blobsFrame(n = 240, d = 4, centres = 4, seed = 3): Frame {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const mu = Array.from({ length: centres }, () => Array.from({ length: d }, () => (rng() - 0.5) * 20));
  const pts = Array.from({ length: n }, (_, i) => mu[i % centres].map((m) => m + gauss()));
  const cols = Array.from({ length: d }, (_, j) => ({ name: `x${j}`, dtype: 'numeric' as const, values: Float64Array.from(pts, (p) => p[j] * (j + 1) + 100 * j) }));
  cols[1].values[5] = NaN;
  return {
    rowCount: n,
    columns: [...cols, { name: 'vec', dtype: 'text', values: pts.map((p) => JSON.stringify(p)) }, { name: 'name', dtype: 'text', values: pts.map((_, i) => `point ${i}`) }],
  };
}
