/**
 * Aliases (dev, staging, production, any name) are movable pointers from a model type to one of
 * its versions. Their state is never stored, only the append-only list of moves; every question
 * ("what is production now", "what was it at time T", "what do we roll back to") is a fold over
 * that list, so the history cannot disagree with the state.
 */
import { compareModelIds } from './model-id';

export interface AliasEvent {
  /** set by the store on append; orders events that share a millisecond */
  seq?: number;
  modelType: string;
  alias: string;
  /** the version the alias pointed to before; null when it was unset */
  from: string | null;
  /** the version it points to after; null when the alias was removed */
  to: string | null;
  at: number;
  note: string;
  kind: 'move' | 'rollback';
}

export const STANDARD_ALIASES = ['dev', 'staging', 'production'] as const;

const ordered = (events: readonly AliasEvent[]) => [...events].sort((a, b) => a.at - b.at || (a.seq ?? 0) - (b.seq ?? 0));

/** The version `alias` pointed to at time `t` (inclusive), or null. */
export function aliasAt(events: readonly AliasEvent[], modelType: string, alias: string, t: number): string | null {
  let v: string | null = null;
  for (const e of ordered(events)) {
    if (e.at > t) break;
    if (e.modelType === modelType && e.alias === alias) v = e.to;
  }
  return v;
}

/** Every alias of a type and the version it points to now (unset aliases left out). */
export function currentAliases(events: readonly AliasEvent[], modelType: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of ordered(events)) {
    if (e.modelType !== modelType) continue;
    if (e.to === null) delete out[e.alias];
    else out[e.alias] = e.to;
  }
  return out;
}

/**
 * What a rollback of `alias` moves it to: the version it pointed to before its current one (a
 * rollback of a rollback goes further back, not forth, so repeated clicks walk the history). When
 * the alias has no earlier version, or the earlier ones are no longer `live` (archived), it is
 * the newest live version older than the current one: "production was only ever v2" still rolls
 * back to v1.
 */
export function rollbackTarget(events: readonly AliasEvent[], modelType: string, alias: string, live?: readonly string[]): string | null {
  const mine = ordered(events).filter((e) => e.modelType === modelType && e.alias === alias);
  const stack: string[] = [];
  for (const e of mine) {
    if (e.kind === 'rollback') stack.pop();
    else if (e.to !== null) stack.push(e.to);
    else stack.length = 0;
  }
  const current = stack[stack.length - 1];
  if (current === undefined) return null;
  const ok = (id: string) => id !== current && (!live || live.includes(id));
  for (let i = stack.length - 2; i >= 0; i--) if (ok(stack[i])) return stack[i];
  if (!live) return null;
  const older = live.filter((id) => ok(id) && compareModelIds(id, current) > 0).sort(compareModelIds);
  return older[0] ?? null;
}

/** The history of one type, newest first. */
export function aliasHistory(events: readonly AliasEvent[], modelType: string): AliasEvent[] {
  return ordered(events)
    .filter((e) => e.modelType === modelType)
    .reverse();
}

/** Aliases a run's deletion must not take away silently: services fetch these. */
export const PROTECTED_ALIASES: ReadonlySet<string> = new Set(['production', 'staging']);

export interface AliasOnVersion {
  modelType: string;
  alias: string;
  version: string;
}

/**
 * What deleting a run registered as `versions` does to the aliases: every alias now pointing at one
 * of them, and the protected ones (production, staging) among those, which block the deletion.
 */
export function aliasesOnVersions(events: readonly AliasEvent[], versions: readonly { id: string; modelType: string }[]): { all: AliasOnVersion[]; blocking: AliasOnVersion[] } {
  const all: AliasOnVersion[] = [];
  for (const type of new Set(versions.map((v) => v.modelType))) {
    const ids = new Set(versions.filter((v) => v.modelType === type).map((v) => v.id));
    for (const [alias, version] of Object.entries(currentAliases(events, type))) if (ids.has(version)) all.push({ modelType: type, alias, version });
  }
  return { all, blocking: all.filter((a) => PROTECTED_ALIASES.has(a.alias)) };
}
