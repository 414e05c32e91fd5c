import { makePool, type DbBackend } from './backend';

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}

export async function connectPostgres(databaseUrl: string, maxConnections: number): Promise<DbBackend> {
  const pool = makePool(databaseUrl, maxConnections);
  const client = await pool.connect().catch((e: Error) => {
    throw new Error(`cannot connect to ${redact(databaseUrl)}: ${e.message}`, { cause: e });
  });
  client.release();
  return { kind: 'postgres', pool, describe: redact(databaseUrl), close: () => pool.end() };
}
