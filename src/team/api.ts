/**
 * The Kiln server's team API, as the studio, the CLI and the server itself type it (the wire
 * format; times are epoch milliseconds). The server validates every body with the JSON schemas in
 * proxy/src/routes/schemas.ts, which follow these shapes.
 */

/** export: read tables, runs, the registry and served models · track: push runs, register versions · promote: move aliases · admin: everything, and tokens */
export type Scope = 'export' | 'track' | 'promote' | 'admin';
export const SCOPES: readonly Scope[] = ['export', 'track', 'promote', 'admin'];

export interface PushArtifact {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** the bytes, base64 */
  base64: string;
}

export interface SeriesPoint {
  /** 'epoch', 'step', 'round' …: the run's own series names */
  kind: string;
  seq: number;
  data: Record<string, unknown>;
}

/** A run as pushed: its id is the studio's, so pushing again is recognised, not duplicated. */
export interface RunPush {
  id: string;
  project?: string;
  experiment?: string;
  name: string;
  family: string;
  status: string;
  engine?: string | null;
  datasetName?: string | null;
  datasetFingerprint?: string | null;
  /** the run's recipe as the studio keeps it */
  config: Record<string, unknown>;
  metrics: Record<string, number | null>;
  tags: string[];
  notes: string;
  startedAt?: number | null;
  finishedAt?: number | null;
  series: SeriesPoint[];
  artifacts: PushArtifact[];
}

export interface ArtifactInfo {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface RemoteRun {
  id: string;
  project: string;
  experiment: string;
  name: string;
  family: string;
  status: string;
  engine: string | null;
  datasetName: string | null;
  datasetFingerprint: string | null;
  metrics: Record<string, number | null>;
  tags: string[];
  notes: string;
  /** the holder of the token that pushed it */
  author: string;
  startedAt: number | null;
  finishedAt: number | null;
  pushedAt: number;
  artifacts: ArtifactInfo[];
}

export interface RemoteRunDetail extends RemoteRun {
  config: Record<string, unknown>;
  series: SeriesPoint[];
}

export interface PushResult {
  /** false when the server already had this run (a retried push): nothing new was stored */
  created: boolean;
  run: RemoteRun;
}

export interface RunFilter {
  family?: string;
  author?: string;
  tag?: string;
  status?: string;
  project?: string;
  experiment?: string;
  /** words in the run's name */
  q?: string;
  limit?: number;
  /** runs pushed before this time (paging) */
  before?: number;
}

export interface ModelVersion {
  id: string;
  modelType: string;
  major: number;
  minor: number;
  suffix: string | null;
  runId: string;
  metrics: Record<string, number | null>;
  note: string;
  author: string;
  createdAt: number;
}

export interface AliasMove {
  seq: number;
  modelType: string;
  alias: string;
  from: string | null;
  to: string | null;
  kind: 'move' | 'rollback';
  note: string;
  /** who moved it: the token's holder */
  actor: string;
  at: number;
}

export interface ModelSummary {
  modelType: string;
  versions: ModelVersion[];
  /** alias → version, as now */
  aliases: Record<string, string>;
}

export interface ModelDetail extends ModelSummary {
  /** newest first */
  history: AliasMove[];
}

export interface RegisterRequest {
  runId: string;
  /** an explicit id (`{type}_v{major}.{minor}[-suffix]`); else the next one by `bump` */
  version?: string;
  bump?: 'minor' | 'major';
  suffix?: string | null;
  note?: string;
}

/** `expected` is the version the mover saw the alias on (null: unset): a move from a stale view is refused with 409. */
export interface MoveRequest {
  to: string | null;
  expected: string | null;
  note?: string;
}

export interface RollbackRequest {
  expected: string | null;
  note?: string;
}

export interface MoveResult {
  modelType: string;
  alias: string;
  version: string | null;
  move: AliasMove | null;
}

/** The body of a 409 on a move: what the alias points to now, so the client can show it and retry knowingly. */
export interface ConflictBody {
  error: { code: 'conflict'; message: string };
  current: string | null;
}

export interface TokenInfo {
  id: string;
  holder: string;
  scopes: Scope[];
  createdBy: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface CreatedToken extends TokenInfo {
  /** shown once: the server keeps only its sha256 */
  token: string;
}

export interface WhoAmI {
  holder: string;
  scopes: Scope[];
  /** whether the server has a team store (runs, registry) */
  store: boolean;
}

/** The files a version serves, beside the zip of all of them. */
export const SERVED_FILES = ['model.onnx', 'calibrator.json', 'model-card.md', 'metadata.json', 'bundle.zip'] as const;
export const MODEL_VERSION_HEADER = 'x-kiln-model-version';
