import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../config';
import { migrate, type MigrationReport } from './migrate';
import { connectStore, openEmbeddedStore, type StoreDb } from './store-db';
import type { TeamStore } from './team-store';
import { createToken, hasAdmin, verifyToken } from './tokens';

export interface OpenedStore {
  store?: TeamStore;
  /** why there is no store (it failed to open or migrate); the export side runs without it */
  problem?: string;
  migration?: MigrationReport;
  /** a token made now for a store that had no administrator: printed once */
  newOwnerToken?: string;
  /** the embedded store's owner token, kept in its directory for the studio link of a one-person setup */
  ownerToken?: string;
  /** where that token is kept */
  ownerTokenFile?: string;
}

const ownerName = () => process.env.KILN_SERVER_OWNER || (() => { try { return userInfo().username; } catch { return 'owner'; } })() || 'owner';

/** Opens the team store, brings its schema up to date, and makes a first admin token when it has none. */
export async function openTeamStore(config: StoreConfig): Promise<OpenedStore> {
  if (config.kind === 'off') return { problem: 'KILN_SERVER_DATA_DIR=off' };
  let db: StoreDb | undefined;
  try {
    db = config.kind === 'postgres' ? await connectStore(config.url) : await openEmbeddedStore(config.dir && join(config.dir, 'pgdata'));
    const migration = await migrate(db.pool);
    const store: TeamStore = { db, maxArtifactBytes: config.maxArtifactBytes, maxPushBytes: config.maxPushBytes, killMidPush: config.killMidPush };
    const tokenFile = config.kind === 'embedded' && config.dir ? join(config.dir, 'owner-token') : null;
    let ownerToken: string | undefined;
    if (tokenFile && existsSync(tokenFile)) {
      const kept = readFileSync(tokenFile, 'utf8').trim();
      if (await verifyToken(db.pool, kept)) ownerToken = kept;
    }
    let newOwnerToken: string | undefined;
    if (!(await hasAdmin(db.pool))) {
      newOwnerToken = (await createToken(db.pool, ownerName(), ['admin'], 'the server, at its first start')).token;
      if (tokenFile) {
        writeFileSync(tokenFile, `${newOwnerToken}\n`, { mode: 0o600 });
        chmodSync(tokenFile, 0o600);
        ownerToken = newOwnerToken;
      }
    }
    return { store, migration, newOwnerToken, ownerToken, ...(tokenFile && ownerToken ? { ownerTokenFile: tokenFile } : {}) };
  } catch (e) {
    await db?.close().catch(() => undefined);
    return { problem: e instanceof Error ? e.message : String(e) };
  }
}
