import { DEMO_ROWS } from './generate';
import { DEMO_SCHEMA_SQL, DEMO_TABLES } from './schema';

export type Exec = (sql: string, params?: unknown[]) => Promise<void>;

/** Drops and recreates the demo tables, then inserts the generated rows in parameterized chunks. */
export async function seedDemo(exec: Exec): Promise<void> {
  for (const t of DEMO_TABLES) await exec(`DROP TABLE IF EXISTS ${t} CASCADE`);
  for (const stmt of DEMO_SCHEMA_SQL.split(';').map((s) => s.trim()).filter(Boolean)) await exec(stmt);
  for (const table of ['candidates', 'jobs', 'candidate_job_scores', 'essays', 'pairwise_preferences']) {
    const rows = DEMO_ROWS[table]();
    const width = rows[0].length;
    const chunk = Math.floor(30000 / width);
    for (let s = 0; s < rows.length; s += chunk) {
      const part = rows.slice(s, s + chunk);
      const values = part.map((_, i) => `(${Array.from({ length: width }, (_, k) => `$${i * width + k + 1}`).join(',')})`).join(',');
      await exec(`INSERT INTO ${table} VALUES ${values}`, part.flat());
    }
  }
  await exec('ANALYZE');
}
