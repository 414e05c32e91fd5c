import { create } from 'zustand';
import { db } from '../db/db';
import type { EpochMetricRecord, RunRecord } from '../db/records';
import type { ModelDetail, RemoteRun, Scope, WhoAmI } from '../team/api';
import { TeamApiError, TeamClient } from '../team/client';
import { buildRunPush } from '../features/team/run-push';
import { useConnect } from './connect-store';
import { useDatasets } from './datasets-store';
import { useRuns } from './runs-store';
import { RECIPE_KIND } from '../ml/recipe/recipe';
import { familyById } from '../features/families/registry';
import type { FamilyId } from './family-choice';

/**
 * The team's side of the Kiln server the studio is connected to (the same URL and token as the
 * export): who the token belongs to, the team's runs, the server's registry, pushing runs.
 * Remote runs are read-only here; the server is their home.
 */
export type PushState = { state: 'pushing' } | { state: 'pushed'; created: boolean; noModel: string | null } | { state: 'failed'; error: string };

interface TeamState {
  me: WhoAmI | null;
  status: 'off' | 'checking' | 'ready' | 'error';
  error: string | null;
  /** push every run that finishes (kept in IndexedDB settings) */
  autoPush: boolean;
  experiment: string;
  remoteRuns: RemoteRun[];
  /** remote runs' records and epoch series, read when pinned for comparison */
  remoteDetail: Record<string, { record: RunRecord; epochs: EpochMetricRecord[] }>;
  models: ModelDetail[];
  pushes: Record<string, PushState>;
  /** the last refusal of a registry action (a stale move), in words */
  registryError: string | null;
  load: () => Promise<void>;
  check: () => Promise<void>;
  can: (scope: Scope) => boolean;
  setAutoPush: (on: boolean) => Promise<void>;
  setExperiment: (name: string) => Promise<void>;
  loadRuns: () => Promise<void>;
  loadDetail: (id: string) => Promise<void>;
  push: (runId: string) => Promise<boolean>;
  loadModels: () => Promise<void>;
  register: (runId: string, modelType: string, bump: 'minor' | 'major', suffix: string, note: string) => Promise<string | null>;
  move: (modelType: string, alias: string, to: string | null, expected: string | null, note: string) => Promise<boolean>;
  rollback: (modelType: string, alias: string, expected: string | null, note: string) => Promise<boolean>;
  dismissRegistryError: () => void;
}

const SETTINGS_KEY = 'team';

/** A pushed run's config as a run record: the studio pushes its record as it is; `kiln train --push` pushes its recipe, whose family gives the record's fields. */
function recordOfPushedConfig(config: Record<string, unknown>, family: string): RunRecord {
  if (config.kind !== RECIPE_KIND) return config as unknown as RunRecord;
  const fields = familyById(family as FamilyId)?.fromRecipe(config.config, config.options) ?? {};
  return { family, datasetName: String(Object.keys((config.data as object | undefined) ?? {}).join(' + ')), ...fields } as unknown as RunRecord;
}

const client = () => {
  const { url, token } = useConnect.getState();
  return new TeamClient(url, token);
};

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export const useTeam = create<TeamState>((set, get) => {
  /** a registry write, then the registry read again: on a 409 the page shows where the alias is now */
  const registryAct = async (f: () => Promise<unknown>): Promise<boolean> => {
    try {
      await f();
      set({ registryError: null });
      return true;
    } catch (e) {
      const conflict = e instanceof TeamApiError && e.conflict;
      set({ registryError: conflict ? `Conflict: ${e.message}` : message(e) });
      return false;
    } finally {
      await get().loadModels();
    }
  };
  return {
    me: null,
    status: 'off',
    error: null,
    autoPush: false,
    experiment: 'default',
    remoteRuns: [],
    remoteDetail: {},
    models: [],
    pushes: {},
    registryError: null,
    load: async () => {
      const saved = (await db.settings.get(SETTINGS_KEY))?.value as { autoPush?: boolean; experiment?: string } | undefined;
      set({ autoPush: saved?.autoPush ?? false, experiment: saved?.experiment ?? 'default' });
    },
    check: async () => {
      const { url, token } = useConnect.getState();
      if (!url || !token) return set({ status: 'off', me: null });
      set({ status: 'checking', error: null });
      try {
        const me = await client().whoami();
        set({ me, status: me.store ? 'ready' : 'error', error: me.store ? null : 'the server has no team store (runs and the registry are off)' });
        if (me.store) await Promise.all([get().loadRuns(), get().loadModels()]);
      } catch (e) {
        set({ me: null, status: 'error', error: message(e) });
      }
    },
    can: (scope) => {
      const s = get().me?.scopes ?? [];
      return s.includes('admin') || s.includes(scope);
    },
    setAutoPush: async (autoPush) => {
      set({ autoPush });
      await db.settings.put({ key: SETTINGS_KEY, value: { autoPush, experiment: get().experiment } });
    },
    setExperiment: async (name) => {
      set({ experiment: name });
      await db.settings.put({ key: SETTINGS_KEY, value: { autoPush: get().autoPush, experiment: name } });
    },
    loadRuns: async () => {
      try {
        set({ remoteRuns: await client().runs({ limit: 500 }) });
      } catch (e) {
        set({ error: message(e) });
      }
    },
    loadDetail: async (id) => {
      if (get().remoteDetail[id]) return;
      const d = await client().run(id);
      const epochs = d.series.filter((p) => p.kind === 'epoch').map((p) => ({ ...p.data, runId: id, kind: 'epoch', seq: p.seq }) as EpochMetricRecord);
      const record = { ...recordOfPushedConfig(d.config, d.family), id, name: d.name } as RunRecord;
      set({ remoteDetail: { ...get().remoteDetail, [id]: { record, epochs } } });
    },
    push: async (runId) => {
      const run = useRuns.getState().runs.find((r) => r.id === runId);
      if (!run) return false;
      set({ pushes: { ...get().pushes, [runId]: { state: 'pushing' } } });
      try {
        const dataset = useDatasets.getState().datasets.find((d) => d.id === run.datasetId);
        const built = await buildRunPush(run, dataset, get().experiment.trim() || 'default');
        const r = await client().push(built.push);
        set({ pushes: { ...get().pushes, [runId]: { state: 'pushed', created: r.created, noModel: built.noModel } } });
        await get().loadRuns();
        return true;
      } catch (e) {
        set({ pushes: { ...get().pushes, [runId]: { state: 'failed', error: message(e) } } });
        return false;
      }
    },
    loadModels: async () => {
      try {
        const summaries = await client().models();
        set({ models: await Promise.all(summaries.map((m) => client().model(m.modelType))) });
      } catch (e) {
        set({ registryError: message(e) });
      }
    },
    register: async (runId, modelType, bump, suffix, note) => {
      let id: string | null = null;
      // a local run goes to the server first; one already there is registered as it was pushed
      const local = useRuns.getState().runs.some((r) => r.id === runId) && !get().remoteRuns.some((r) => r.id === runId);
      const ok = await registryAct(async () => {
        if (local && !(await get().push(runId))) {
          const p = get().pushes[runId];
          throw new Error(`the run could not be pushed: ${p?.state === 'failed' ? p.error : 'unknown'}`);
        }
        id = (await client().register(modelType, { runId, bump, suffix: suffix || null, note })).id;
      });
      return ok ? id : null;
    },
    move: (modelType, alias, to, expected, note) => registryAct(() => client().move(modelType, alias, { to, expected, note })),
    rollback: (modelType, alias, expected, note) => registryAct(() => client().rollback(modelType, alias, { expected, note })),
    dismissRegistryError: () => set({ registryError: null }),
  };
});

// the team follows the connection: checked whenever the studio (re)connects to a server
useConnect.subscribe((s, prev) => {
  if ((s.status === 'connected' || s.status === 'error') && s.status !== prev.status) void useTeam.getState().check();
  if (s.token !== prev.token || s.url !== prev.url) useTeam.setState({ status: 'off', me: null, remoteRuns: [], models: [], remoteDetail: {} });
});

// with auto-push on, a run is pushed when it finishes (stops running)
useRuns.subscribe((s, prev) => {
  const team = useTeam.getState();
  if (!team.autoPush || team.status !== 'ready' || !team.can('track')) return;
  for (const r of s.runs) {
    const before = prev.runs.find((p) => p.id === r.id);
    if (before?.status === 'running' && r.status !== 'running' && r.status !== 'interrupted') void team.push(r.id);
  }
});
