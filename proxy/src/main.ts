import { loadConfig } from './config';
import type { DbBackend } from './db/backend';
import { connectPostgres } from './db/postgres';
import { buildServer, VERSION } from './server';

/** `npm run proxy`: the export proxy on DATABASE_URL, or on the embedded demo database when it is unset. */
async function main(): Promise<void> {
  const config = loadConfig();
    // PGlite (a WASM Postgres) is loaded only when it is used: it costs memory a real-database proxy does not need
  const db: DbBackend = config.databaseUrl
    ? await connectPostgres(config.databaseUrl, config.maxConcurrentExports + 2)
    : await (await import('./db/embedded')).startEmbedded();
  const { app } = await buildServer(config, db);
  await app.listen({ host: config.host, port: config.port });
  const url = `http://${config.host}:${config.port}`;
  const studio = config.studioOrigins[0];
  console.log(`Kiln export proxy ${VERSION}`);
  console.log(`  database: ${db.kind} · ${db.describe}`);
  console.log(`  listening: ${url}`);
  console.log(`  token:     ${config.token}${config.tokenGenerated ? '   (generated; set KILN_PROXY_TOKEN to fix it)' : ''}`);
  console.log(`  studio:    ${studio}/#proxy=${encodeURIComponent(url)}&token=${encodeURIComponent(config.token)}`);
  const stop = async () => {
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((e: unknown) => {
  console.error(`kiln-proxy: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
