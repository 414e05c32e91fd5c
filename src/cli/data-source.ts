import { readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { DataError } from '../ml/data/data-error';
import { parseFileTyped } from '../ml/data/parse-file';
import { applySchema, EMPTY_SCHEMA, type DatasetSchema } from '../ml/data/schema';
import type { NamedFrame } from '../ml/models/family';
import type { DataSource, Recipe } from '../ml/recipe/recipe';
import { inlineFrame } from '../ml/recipe/inline-frame';
import { CliError } from './errors';

/** Where the command line points a recipe's tables instead: `--data FILE` / `--data role=FILE`, `--table T` / `--table role=T` with `--server`. */
export interface SourceOverrides {
  data?: string[];
  table?: string[];
  server?: string;
  token?: string;
  /** the recipe file's folder: a relative file source is read from there first */
  recipeDir?: string;
}

function byRole(values: string[] | undefined, roles: readonly string[], flag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values ?? []) {
    const eq = v.indexOf('=');
    const role = eq > 0 && roles.includes(v.slice(0, eq)) ? v.slice(0, eq) : null;
    if (role) out.set(role, v.slice(eq + 1));
    else if (roles.length === 1) out.set(roles[0], v);
    else throw new CliError(`--${flag} ${v}: this family reads ${roles.length} tables; say which, as --${flag} ROLE=… (roles: ${roles.join(', ')})`);
  }
  return out;
}

/** The recipe's sources with the command line's overrides put in, role by role. */
export function resolveSources(recipe: Recipe, roles: readonly string[], o: SourceOverrides): Record<string, DataSource> {
  const files = byRole(o.data, roles, 'data');
  const tables = byRole(o.table, roles, 'table');
  const out: Record<string, DataSource> = {};
  for (const role of roles) {
    const file = files.get(role);
    const table = tables.get(role);
    const given = recipe.data[role];
    if (file) out[role] = { kind: 'file', file };
    else if (table) out[role] = { kind: 'server', table, request: given?.kind === 'server' ? { ...given.request, table } : { table, format: 'arrow' } };
    else out[role] = given;
  }
  return out;
}

function readBytes(path: string, recipeDir: string | undefined): { bytes: ArrayBuffer; path: string } {
  const candidates = isAbsolute(path) || !recipeDir ? [path] : [path, resolve(recipeDir, path)];
  for (const p of candidates) {
    try {
      const b = readFileSync(p);
      return { bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, path: p };
    } catch {
      // try the next place
    }
  }
  throw new CliError(`cannot read ${path}${recipeDir && !isAbsolute(path) ? ` (looked here and in ${recipeDir})` : ''}: pass the data with --data FILE`);
}

async function exportTable(server: string, token: string | undefined, source: Extract<DataSource, { kind: 'server' }>): Promise<ArrayBuffer> {
  const url = `${server.replace(/\/+$/, '')}/export`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ ...source.request, table: source.table, format: 'arrow' }) });
  } catch (e) {
    throw new CliError(`cannot reach the Kiln server at ${server} (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new CliError(`the server refused the export of ${source.table} (HTTP ${res.status}): ${body?.error?.message ?? res.statusText}`);
  }
  return res.arrayBuffer();
}

async function frameOf(source: DataSource, schema: DatasetSchema | undefined, o: SourceOverrides, role: string): Promise<NamedFrame> {
  if (source.kind === 'inline') return { name: source.name, frame: inlineFrame(source.columns) };
  let name: string;
  let bytes: ArrayBuffer;
  if (source.kind === 'file') {
    const read = readBytes(source.file, o.recipeDir);
    name = basename(read.path);
    bytes = read.bytes;
  } else {
    if (!o.server) throw new CliError(`data.${role} is the server table "${source.table}": pass --server URL (and --token, or KILN_TOKEN)`);
    name = source.table;
    bytes = await exportTable(o.server, o.token, source);
  }
  try {
    const typed = await parseFileTyped(source.kind === 'server' ? `${name}.arrow` : name, bytes);
    return { name, frame: applySchema(typed.frame, schema ?? EMPTY_SCHEMA, typed.rawText).frame };
  } catch (e) {
    if (e instanceof DataError) throw new CliError(e.message);
    throw e;
  }
}

/** Every table the recipe's family reads, read once per distinct source (the matcher's three roles are often one table). */
export async function loadTables(recipe: Recipe, roles: readonly string[], o: SourceOverrides): Promise<Record<string, NamedFrame>> {
  const sources = resolveSources(recipe, roles, o);
  const seen = new Map<string, Promise<NamedFrame>>();
  const out: Record<string, NamedFrame> = {};
  for (const role of roles) {
    const key = JSON.stringify([sources[role], recipe.schemas?.[role] ?? null]);
    if (!seen.has(key)) seen.set(key, frameOf(sources[role], recipe.schemas?.[role], o, role));
    out[role] = await seen.get(key)!;
  }
  return out;
}
