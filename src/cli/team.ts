import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SCOPES, type AliasMove, type Scope } from '../team/api';
import { TeamApiError, TeamClient } from '../team/client';
import { parseModelId } from '../ml/registry/model-id';
import { CliError, exitFor } from './errors';

export const TEAM_USAGE = `the team's server (runs, registry, tokens); --server and --token default to KILN_SERVER_URL and KILN_TOKEN
  kiln runs list [--family F] [--author NAME] [--tag T] [--status S] [--experiment E] [--limit N] [--json]
  kiln runs pull RUN_ID [--out DIR]             the run's record, series and artifacts into DIR/RUN_ID/
  kiln registry list [--json]
  kiln registry show TYPE [--json]
  kiln registry register TYPE --run RUN_ID [--version TYPE_vX.Y | --major] [--suffix S] [--note TEXT]
  kiln registry promote VERSION [--alias production] [--expect VERSION|none] [--note TEXT]   (--stage is --alias)
  kiln registry rollback TYPE [--alias production] [--expect VERSION] [--note TEXT]
  kiln registry history TYPE [--alias A] [--json]
  kiln registry history TYPE --at TIME [--alias production]   the version the alias pointed to at TIME (ISO 8601)
  kiln server token create --name HOLDER --scope export,track,promote,admin  (--server URL --token ADMIN | --database URL)
  kiln server token list | revoke TOKEN_ID                                    (--server URL --token ADMIN | --database URL)
  kiln server migrate --database URL            bring a PostgreSQL's kiln schema up to date
      without --expect, promote and rollback read the alias first and move it only if it is still there`;

export const TEAM_COMMANDS = ['runs', 'registry', 'server'];

type Out = (s: string) => void;

const OPTIONS = {
  server: { type: 'string' },
  token: { type: 'string' },
  database: { type: 'string' },
  json: { type: 'boolean' },
  family: { type: 'string' },
  author: { type: 'string' },
  tag: { type: 'string' },
  status: { type: 'string' },
  experiment: { type: 'string' },
  limit: { type: 'string' },
  out: { type: 'string' },
  run: { type: 'string' },
  version: { type: 'string' },
  major: { type: 'boolean' },
  suffix: { type: 'string' },
  note: { type: 'string' },
  alias: { type: 'string' },
  stage: { type: 'string' },
  expect: { type: 'string' },
  name: { type: 'string' },
  scope: { type: 'string', multiple: true },
  at: { type: 'string' },
} as const;

const when = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

/** Columns padded to their widest cell. */
function table(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return `${rows.map((r) => r.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n')}\n`;
}

/** The server and token from --server/--token, else KILN_SERVER_URL/KILN_TOKEN: every command that talks to the server resolves them here. */
export function teamClient(v: { server?: string; token?: string }): TeamClient {
  const server = v.server ?? process.env.KILN_SERVER_URL;
  const token = v.token ?? process.env.KILN_TOKEN;
  if (!server) throw new CliError('missing --server URL (or KILN_SERVER_URL): the Kiln server to talk to');
  if (!token) throw new CliError('missing --token T (or KILN_TOKEN): a token from `kiln server token create`');
  return new TeamClient(server, token);
}

const moveLine = (m: AliasMove) => [when(m.at), m.alias, m.kind, `${m.from ?? '(unset)'} -> ${m.to ?? '(unset)'}`, m.actor, m.note];

function scopesOf(raw: string[] | undefined): Scope[] {
  const scopes = (raw ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!scopes.length) throw new CliError(`missing --scope: one or more of ${SCOPES.join(', ')}`);
  for (const s of scopes) if (!SCOPES.includes(s as Scope)) throw new CliError(`unknown scope "${s}": the scopes are ${SCOPES.join(', ')}`);
  return scopes as Scope[];
}

/** `--expect none` is an unset alias; no --expect reads the alias now. */
async function expected(c: TeamClient, type: string, alias: string, flag: string | undefined): Promise<string | null> {
  if (flag === undefined) return c.aliasAt(type, alias);
  return flag === 'none' ? null : flag;
}

async function serverTokens(action: string | undefined, args: string[], v: Record<string, unknown>, out: Out): Promise<number> {
  const db = v.database as string | undefined;
  if (db) {
    // straight into the database: how the first administrator of a PostgreSQL store is made
    const { connectStore } = await import('../../proxy/src/store/store-db');
    const { migrate } = await import('../../proxy/src/store/migrate');
    const tokens = await import('../../proxy/src/store/tokens');
    const store = await connectStore(db, 1);
    try {
      await migrate(store.pool);
      if (action === 'create') {
        const t = await tokens.createToken(store.pool, need(v.name as string | undefined, 'name'), scopesOf(v.scope as string[]), 'kiln server token create');
        out(`${t.token}\n`);
        process.stderr.write(`kiln: token ${t.id} for ${t.holder} (${t.scopes.join(', ')}); shown once, the server keeps only its hash\n`);
        return 0;
      }
      if (action === 'list') return listTokens(await tokens.listTokens(store.pool), v, out);
      if (action === 'revoke') {
        const t = await tokens.revokeToken(store.pool, need(args[0], 'TOKEN_ID'));
        if (!t) throw new CliError(`no token ${args[0]}`);
        out(`revoked ${t.id} (${t.holder})\n`);
        return 0;
      }
    } finally {
      await store.close();
    }
  } else {
    const c = teamClient(v);
    if (action === 'create') {
      const t = await c.createToken(need(v.name as string | undefined, 'name'), scopesOf(v.scope as string[]));
      out(`${t.token}\n`);
      process.stderr.write(`kiln: token ${t.id} for ${t.holder} (${t.scopes.join(', ')}); shown once, the server keeps only its hash\n`);
      return 0;
    }
    if (action === 'list') return listTokens(await c.tokens(), v, out);
    if (action === 'revoke') {
      const t = await c.revokeToken(need(args[0], 'TOKEN_ID'));
      out(`revoked ${t.id} (${t.holder})\n`);
      return 0;
    }
  }
  throw new CliError(`kiln server token takes create, list or revoke, got "${action ?? ''}"\n\n${TEAM_USAGE}`);
}

function listTokens(list: { id: string; holder: string; scopes: string[]; createdAt: number; revokedAt: number | null }[], v: Record<string, unknown>, out: Out): number {
  if (v.json) out(`${JSON.stringify(list, null, 2)}\n`);
  else out(table([['id', 'holder', 'scopes', 'created', 'revoked'], ...list.map((t) => [t.id, t.holder, t.scopes.join(','), when(t.createdAt), t.revokedAt ? when(t.revokedAt) : ''])]));
  return 0;
}

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined || x === '') throw new CliError(`missing ${what.toUpperCase() === what ? what : `--${what}`}\n\n${TEAM_USAGE}`);
  return x;
}

/**
 * `kiln runs|registry|server …`. Exit codes as the rest of the CLI: 0 ok · 1 the server refused
 * on the state it is in (a stale promote, nothing to roll back to, a version that exists) ·
 * 2 bad usage or input, a token that may not, an unknown name, an unreachable server.
 */
export async function runTeam(command: string, argv: string[], out: Out, err: Out): Promise<number> {
  try {
    const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [action, ...args] = positionals;
    if (command === 'server') {
      if (action === 'token') return await serverTokens(args[0], args.slice(1), v, out);
      if (action === 'migrate') {
        const { connectStore } = await import('../../proxy/src/store/store-db');
        const { migrate } = await import('../../proxy/src/store/migrate');
        const store = await connectStore(need(v.database, 'database'), 1);
        try {
          const r = await migrate(store.pool);
          out(r.applied.length ? `kiln schema v${r.from} -> v${r.to}: ${r.applied.join(', ')}\n` : `kiln schema is at v${r.to}, the latest\n`);
          return 0;
        } finally {
          await store.close();
        }
      }
      throw new CliError(`kiln server takes token or migrate, got "${action ?? ''}"\n\n${TEAM_USAGE}`);
    }
    const c = teamClient(v);
    if (command === 'runs' && action === 'list') {
      const limit = v.limit === undefined ? undefined : Number(v.limit);
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 1000)) throw new CliError(`--limit takes a whole number from 1 to 1000, got "${v.limit}"`);
      const runs = await c.runs({ family: v.family, author: v.author, tag: v.tag, status: v.status, experiment: v.experiment, limit });
      if (v.json) out(`${JSON.stringify(runs, null, 2)}\n`);
      else out(table([['id', 'name', 'family', 'status', 'author', 'pushed', 'metrics'], ...runs.map((r) => [r.id, r.name, r.family, r.status, r.author, when(r.pushedAt), Object.entries(r.metrics).slice(0, 3).map(([k, x]) => `${k}=${x === null ? 'null' : Number(x.toPrecision(4))}`).join(' ')])]));
      return 0;
    }
    if (command === 'runs' && action === 'pull') {
      const id = need(args[0], 'RUN_ID');
      const run = await c.run(id);
      const dir = resolve(v.out ?? '.', id.replace(/[^A-Za-z0-9._-]/g, '_'));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'run.json'), `${JSON.stringify(run, null, 2)}\n`);
      for (const a of run.artifacts) {
        const file = resolve(dir, a.name);
        if (!file.startsWith(`${dir}/`)) throw new CliError(`artifact name "${a.name}" points outside ${dir}; not written`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, await c.artifact(id, a.name));
      }
      out(`${dir}\n`);
      return 0;
    }
    if (command === 'registry') {
      if (action === 'list') {
        const models = await c.models();
        if (v.json) out(`${JSON.stringify(models, null, 2)}\n`);
        else out(table([['type', 'versions', 'newest', 'aliases'], ...models.map((m) => [m.modelType, String(m.versions.length), m.versions[0]?.id ?? '', Object.entries(m.aliases).map(([a, x]) => `${a}=${x}`).join(' ')])]));
        return 0;
      }
      const type = need(args[0], action === 'promote' ? 'VERSION' : 'TYPE');
      if (action === 'show') {
        const m = await c.model(type);
        if (v.json) out(`${JSON.stringify(m, null, 2)}\n`);
        else {
          const on = (id: string) => Object.entries(m.aliases).filter(([, x]) => x === id).map(([a]) => a).join(',');
          out(table([['version', 'aliases', 'run', 'author', 'registered', 'metrics'], ...m.versions.map((x) => [x.id, on(x.id), x.runId, x.author, when(x.createdAt), Object.entries(x.metrics).slice(0, 3).map(([k, y]) => `${k}=${y === null ? 'null' : Number(y.toPrecision(4))}`).join(' ')])]));
        }
        return 0;
      }
      if (action === 'register') {
        const version = await c.register(type, { runId: need(v.run, 'run'), ...(v.version ? { version: v.version } : { bump: v.major ? 'major' : 'minor' }), suffix: v.suffix ?? null, note: v.note ?? '' });
        out(`${version.id}\n`);
        return 0;
      }
      const alias = v.alias ?? v.stage ?? 'production';
      if (action === 'promote') {
        const id = parseModelId(type);
        if (!id) throw new CliError(`"${type}" is not a version id (TYPE_vMAJOR.MINOR[-suffix], e.g. wine_classifier_v1.0)`);
        const r = await c.move(id.modelType, alias, { to: type, expected: await expected(c, id.modelType, alias, v.expect), note: v.note ?? '' });
        out(r.move ? `${id.modelType} ${alias}: ${r.move.from ?? '(unset)'} -> ${r.version}\n` : `${id.modelType} ${alias} is already ${r.version}\n`);
        return 0;
      }
      if (action === 'rollback') {
        const r = await c.rollback(type, alias, { expected: await expected(c, type, alias, v.expect), note: v.note ?? '' });
        out(`${type} ${alias}: ${r.move?.from ?? '(unset)'} -> ${r.version} (rollback)\n`);
        return 0;
      }
      if (action === 'history' && v.at !== undefined) {
        const t = Date.parse(v.at);
        if (!Number.isFinite(t)) throw new CliError(`--at takes a time (ISO 8601, e.g. 2026-12-04T15:00:00Z), got "${v.at}"`);
        out(`${(await c.aliasAt(type, alias, t)) ?? '(unset)'}\n`);
        return 0;
      }
      if (action === 'history') {
        const m = await c.model(type);
        const moves = m.history.filter((h) => !v.alias || h.alias === v.alias);
        if (v.json) out(`${JSON.stringify(moves, null, 2)}\n`);
        else out(table([['at (UTC)', 'alias', 'kind', 'move', 'by', 'note'], ...moves.map(moveLine)]));
        return 0;
      }
    }
    throw new CliError(`unknown command "kiln ${command} ${action ?? ''}"\n\n${TEAM_USAGE}`);
  } catch (e) {
    if (e instanceof TeamApiError) {
      err(`kiln: ${e.message}${e.status ? ` (HTTP ${e.status} ${e.code})` : ''}\n`);
      return e.status === 409 ? 1 : 2;
    }
    if (!(e instanceof CliError) && e instanceof Error && /connect|ECONNREFUSED|password|database/i.test(e.message)) {
      err(`kiln: ${e.message}\n`);
      return 2;
    }
    return exitFor(e, err, TEAM_USAGE);
  }
}
