import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { CreatedToken, Scope, TokenInfo } from '../../../src/team/api';
import { sha256 } from './migrate';
import { inTransaction, read } from './store-db';

/**
 * Tokens are `kiln_<id>_<secret>`: the id finds nothing by itself (lookups go by the hash of the
 * whole token), it only names the token in lists and revocations. 24 random bytes make a
 * brute-force search hopeless, so one sha256 is enough to keep the table harmless when read.
 */
const TOKEN = /^kiln_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$/;

const looksLikeStoredToken = (t: string): boolean => TOKEN.test(t);

interface TokenRow {
  id: string;
  holder: string;
  scopes: Scope[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const ms = (d: Date | null): number | null => (d ? d.getTime() : null);
const info = (r: TokenRow): TokenInfo => ({ id: r.id, holder: r.holder, scopes: r.scopes, createdBy: r.created_by, createdAt: r.created_at.getTime(), lastUsedAt: ms(r.last_used_at), revokedAt: ms(r.revoked_at) });

export async function createToken(pool: pg.Pool, holder: string, scopes: Scope[], createdBy: string): Promise<CreatedToken> {
  const id = randomBytes(6).toString('hex');
  const token = `kiln_${id}_${randomBytes(24).toString('base64url')}`;
  const rows = await inTransaction(pool, async (c) => (await c.query<TokenRow>('INSERT INTO kiln.tokens (id, holder, scopes, hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *', [id, holder, [...new Set(scopes)], sha256(token), createdBy])).rows);
  return { ...info(rows[0]), token };
}

export interface Holder {
  tokenId: string;
  holder: string;
  scopes: Scope[];
}

/** The holder of a live token, or null for one that is unknown or revoked. */
export async function verifyToken(pool: pg.Pool, token: string): Promise<Holder | null> {
  if (!looksLikeStoredToken(token)) return null;
  const rows = await read<TokenRow>(
    pool,
    // last use is written at most once a minute per token, so reads do not turn into writes
    `WITH hit AS (SELECT * FROM kiln.tokens WHERE hash = $1 AND revoked_at IS NULL),
          seen AS (UPDATE kiln.tokens t SET last_used_at = clock_timestamp() FROM hit
                   WHERE t.id = hit.id AND (hit.last_used_at IS NULL OR hit.last_used_at < clock_timestamp() - interval '1 minute'))
     SELECT * FROM hit`,
    [sha256(token)],
  );
  return rows[0] ? { tokenId: rows[0].id, holder: rows[0].holder, scopes: rows[0].scopes } : null;
}

export async function listTokens(pool: pg.Pool): Promise<TokenInfo[]> {
  return (await read<TokenRow>(pool, 'SELECT * FROM kiln.tokens ORDER BY created_at')).map(info);
}

/** Revokes a token (kept, marked, for the audit); null when there is no such token. */
export async function revokeToken(pool: pg.Pool, id: string): Promise<TokenInfo | null> {
  const rows = await read<TokenRow>(pool, 'UPDATE kiln.tokens SET revoked_at = coalesce(revoked_at, clock_timestamp()) WHERE id = $1 RETURNING *', [id]);
  return rows[0] ? info(rows[0]) : null;
}

/** Whether any live token can administer the server (a new store has none). */
export async function hasAdmin(pool: pg.Pool): Promise<boolean> {
  return (await read(pool, "SELECT 1 FROM kiln.tokens WHERE revoked_at IS NULL AND 'admin' = ANY (scopes) LIMIT 1")).length > 0;
}
