import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import type { Scope } from '../../../src/team/api';
import { ApiError } from '../errors';
import { verifyToken } from '../store/tokens';
import type { TeamStore } from '../store/team-store';

/**
 * Who sent a request and what they may do. The token the server prints at start (KILN_PROXY_TOKEN)
 * is the export token: it reads, and writes nothing. Every other token lives in the store,
 * hashed, and names its holder and scopes; `admin` implies the others.
 */
export interface Principal {
  holder: string;
  scopes: Scope[];
  tokenId: string | null;
}

/** What a route asks for: a scope, `read` (any valid token), or `none` (/health). */
export type Need = Scope | 'read' | 'none';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    need?: Need;
  }
}

const EXPORT_HOLDER = 'export token';

function bearer(header: string | undefined): string | null {
  return /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? null;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const allows = (p: Principal, need: Need): boolean => need === 'none' || need === 'read' || p.scopes.includes('admin') || p.scopes.includes(need);

/** The principal of the request, the principal the route is for, else 401 / 403. */
export function installAuth(app: FastifyInstance, exportToken: string, store: TeamStore | undefined): void {
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const need: Need = req.routeOptions.config?.need ?? 'export';
    if (req.method === 'OPTIONS' || need === 'none') return;
    const token = bearer(req.headers.authorization);
    let principal: Principal | null = null;
    if (token && same(token, exportToken)) principal = { holder: EXPORT_HOLDER, scopes: ['export'], tokenId: null };
    else if (token && store) {
      const h = await verifyToken(store.db.pool, token);
      if (h) principal = { holder: h.holder, scopes: h.scopes, tokenId: h.tokenId };
    }
    if (!principal) {
      throw new ApiError(401, 'unauthorized', 'missing, wrong or revoked bearer token: send "Authorization: Bearer <token>" with the token the server printed at start or one made by `kiln server token create`');
    }
    req.principal = principal;
    if (!allows(principal, need)) {
      throw new ApiError(403, 'forbidden', `the token of ${principal.holder} has the scope${principal.scopes.length > 1 ? 's' : ''} ${principal.scopes.join(', ')}; this request needs "${need}"`);
    }
  });
}

export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new ApiError(401, 'unauthorized', 'no principal on the request');
  return req.principal;
}
