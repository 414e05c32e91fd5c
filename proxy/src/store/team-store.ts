import type { StoreDb } from './store-db';

/** The team store as the server's routes see it: its database and the limits of what it accepts. */
export interface TeamStore {
  db: StoreDb;
  maxArtifactBytes: number;
  maxPushBytes: number;
  /** test hook (KILN_SERVER_TEST_FAULT=kill-mid-push): the process kills itself inside a push's transaction */
  killMidPush?: boolean;
}
