import { loadConfig } from './config';
import type { DbBackend } from './db/backend';
import { connectPostgres } from './db/postgres';
import { checkRoleAtStart } from './db/role-check';
import { buildServer, VERSION } from './server';
import { shutdown } from './shutdown';

/** How long SIGTERM/SIGINT may take before the process exits anyway. */
const SHUTDOWN_BOUND_MS = 5000;

/** `npm run proxy`: the export proxy on DATABASE_URL, or on the embedded demo database when it is unset. */
async function main(): Promise<void> {
  const config = loadConfig();
  // PGlite (a WASM Postgres) is loaded only when it is used: it costs memory a real-database proxy does not need
  const db: DbBackend = config.databaseUrl
    ? await connectPostgres(config.databaseUrl, config.maxConcurrentExports + 2)
    : await (await import('./db/embedded')).startEmbedded();
  const role = await checkRoleAtStart(db, config.schema, config.requireReadonlyRole ?? false);
  const server = await buildServer(config, db, { role });
  const { app } = server;
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  // the port actually bound (KILN_PROXY_PORT=0 picks a free one)
  const url = `http://${config.host}:${typeof addr === 'object' && addr ? addr.port : config.port}`;
  const studio = config.studioOrigins[0];
  console.log(`Kiln export proxy ${VERSION}`);
  console.log(`  database: ${db.kind} · ${db.describe}`);
  console.log(`  listening: ${url}`);
  console.log(`  token:     ${config.token}${config.tokenGenerated ? '   (generated; set KILN_PROXY_TOKEN to fix it)' : ''}`);
  console.log(`  studio:    ${studio}/#proxy=${encodeURIComponent(url)}&token=${encodeURIComponent(config.token)}`);
  let stopping = false;
  const stop = (signal: string) => {
    // a second signal while stopping means "now"
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`kiln-proxy: ${signal}, ending ${server.exports.active} export(s) and closing (at most ${SHUTDOWN_BOUND_MS / 1000} s)`);
    void shutdown(server, db, SHUTDOWN_BOUND_MS).then(
      (clean) => process.exit(clean ? 0 : 1),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(`kiln-proxy: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
