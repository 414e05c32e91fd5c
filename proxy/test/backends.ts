import pg from 'pg';
import type { DbBackend } from '../src/db/backend';
import { startEmbedded } from '../src/db/embedded';
import { connectPostgres } from '../src/db/postgres';
import { seedDemo } from '../src/demo/seed';
import { ADMIN_URL, pgReachable } from './postgres-admin';

// one database per test file (vitest runs files in parallel): a shared name would be dropped under another file
const TEST_DB = `kiln_proxy_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** A fresh database on the real server, seeded with the same generators as the embedded one. */
async function seededPostgres(): Promise<DbBackend> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEST_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEST_DB}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${TEST_DB}`;
  const seed = new pg.Client({ connectionString: url.toString() });
  await seed.connect();
  await seedDemo(async (sql, params) => {
    await seed.query(sql, params);
  });
  await seed.end();
  const db = await connectPostgres(url.toString(), 4);
  return {
    ...db,
    close: async () => {
      await db.close();
      const drop = new pg.Client({ connectionString: ADMIN_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${TEST_DB} WITH (FORCE)`);
      await drop.end();
    },
  };
}

export interface TestBackend {
  name: 'embedded' | 'postgres';
  start: () => Promise<DbBackend>;
}

/**
 * Embedded PGlite always; the real PostgreSQL when reachable. Under CI=true the real one is
 * required: a CI run that silently tested only the embedded database would prove too little.
 */
export async function testBackends(): Promise<TestBackend[]> {
  const out: TestBackend[] = [{ name: 'embedded', start: startEmbedded }];
  if (await pgReachable()) out.push({ name: 'postgres', start: seededPostgres });
  else if (process.env.CI) throw new Error(`CI=true but PostgreSQL is not reachable at ${ADMIN_URL}; the proxy suite must run against the real server in CI`);
  console.log(`proxy integration suite runs against: ${out.map((b) => (b.name === 'postgres' ? `postgres (${ADMIN_URL.replace(/\/[^/]*$/, '')}/${TEST_DB})` : 'embedded PGlite')).join(' and ')}`);
  return out;
}
