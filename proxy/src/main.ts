import { loadConfig } from './config';
import type { DbBackend } from './db/backend';
import { connectPostgres } from './db/postgres';
import { checkRoleAtStart } from './db/role-check';
import { buildServer, VERSION } from './server';
import { shutdown } from './shutdown';
import { openTeamStore } from './store/open-store';

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
  const team = await openTeamStore(config.store ?? { kind: 'off' });
  const server = await buildServer(config, db, { role, store: team.store, storeProblem: team.problem });
  const { app } = server;
  await app.listen({ host: config.host, port: config.port });
  const addr = app.server.address();
  // the port actually bound (KILN_PROXY_PORT=0 picks a free one)
  const url = `http://${config.host}:${typeof addr === 'object' && addr ? addr.port : config.port}`;
  const studio = config.studioOrigins[0];
  console.log(`Kiln server ${VERSION}`);
  console.log(`  database: ${db.kind} · ${db.describe}`);
  if (team.store) {
    const m = team.migration;
    console.log(`  store:    ${team.store.db.describe} (schema v${m?.to}${m?.applied.length ? `, upgraded from v${m.from}` : ''})`);
  } else console.log(`  store:    OFF (${team.problem}); exports work, runs and the registry answer 503`);
  console.log(`  listening: ${url}`);
  console.log(`  token:     ${config.token}   (export only${config.tokenGenerated ? '; generated, set KILN_PROXY_TOKEN to fix it' : ''})`);
  if (team.newOwnerToken) {
    console.log(`  admin:     ${team.newOwnerToken}   (made now because the store had no administrator; shown once${team.ownerTokenFile ? `, kept in ${team.ownerTokenFile} for the studio link` : ''})`);
    console.log('             make tokens for your team with: kiln server token create --server URL --token ADMIN --name NAME --scope track,promote');
  }
  const studioToken = team.ownerToken ?? config.token;
  console.log(`  studio:    ${studio}/#proxy=${encodeURIComponent(url)}&token=${encodeURIComponent(studioToken)}`);
  let stopping = false;
  const stop = (signal: string) => {
    // a second signal while stopping means "now"
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`kiln-proxy: ${signal}, ending ${server.exports.active} export(s) and closing (at most ${SHUTDOWN_BOUND_MS / 1000} s)`);
    void shutdown(server, db, SHUTDOWN_BOUND_MS, team.store?.db).then(
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
