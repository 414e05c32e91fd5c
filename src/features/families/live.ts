import { useSyncExternalStore } from 'react';
import { useTune } from '../../state/tune-store';
import type { LiveStore } from './contract';
import { FAMILIES } from './registry';

/** Every store that runs something: each family's, then the search's (a study whose trials are runs of a family). */
const LIVE_STORES: readonly LiveStore[] = [...FAMILIES.flatMap((f) => f.liveStores), useTune];
/** The stores whose runs train on the chosen TF.js backend (a family with a fixed backend ignores that choice). */
const BACKEND_STORES: readonly LiveStore[] = [...FAMILIES.filter((f) => !f.fixedBackend).flatMap((f) => f.liveStores), useTune];

const subscribeTo = (stores: readonly LiveStore[]) => (listener: () => void) => {
  const offs = stores.map((s) => s.subscribe(listener));
  return () => offs.forEach((off) => off());
};
const subscribeLive = subscribeTo(LIVE_STORES);
const subscribeBackend = subscribeTo(BACKEND_STORES);

const liveRunId = (s: LiveStore) => {
  const { phase, runId } = s.getState();
  return phase === 'finished' || phase === 'idle' ? null : runId;
};

/** A stored checkpoint's epoch, for the stores that keep one (the others checkpoint nothing). */
const checkpointEpoch = (s: LiveStore) => {
  const st: { checkpoint?: { epoch: number } | null } = s.getState();
  return st.checkpoint?.epoch ?? '';
};

/**
 * Changes whenever any store's run starts, ends or stores a checkpoint: the moments the origin's
 * storage use changes under the page.
 */
export function useLiveActivity(): string {
  return useSyncExternalStore(subscribeLive, () => LIVE_STORES.map((s) => `${s.getState().phase}:${checkpointEpoch(s)}`).join(' '));
}

/** Whether a run is being trained (or stored) in this tab right now. */
export function useIsLive(runId: string): boolean {
  return useSyncExternalStore(subscribeLive, () => LIVE_STORES.some((s) => liveRunId(s) === runId));
}

/**
 * The TF.js backend of whichever run trains (or last trained) in this tab, and why it is not the
 * first choice when it is not; nulls before any such run. (Primitives only: the stores change on
 * every batch report, these fields do not.)
 */
export function useActiveBackend(): { backend: string | null; note: string | null } {
  const active = () => BACKEND_STORES.find((s) => s.getState().backend !== null)?.getState();
  const backend = useSyncExternalStore(subscribeBackend, () => active()?.backend ?? null);
  const note = useSyncExternalStore(subscribeBackend, () => active()?.backendNote ?? null);
  return { backend, note };
}
