import { useDatasets } from './state/datasets-store';
import { useRuns } from './state/runs-store';
import { useRegistry } from './state/registry-store';
import { runSeries } from './db/runs-repo';
import { getCheckpoint } from './db/checkpoints-repo';
import { useTune } from './state/tune-store';
import { FAMILIES } from './features/families/registry';

/**
 * window.__kilnTest: what e2e tests read instead of sleeping or scraping. `ready` turns true once
 * stored datasets and runs are loaded and the first render is done. Besides the fields below, each
 * registered family adds its own (its stores' state, stored results: see its registration's testHooks).
 */
export interface KilnTestHook {
  ready: boolean;
  tune: () => ReturnType<typeof useTune.getState>;
  registry: () => ReturnType<typeof useRegistry.getState>;
  runs: () => ReturnType<typeof useRuns.getState>['runs'];
  datasets: () => ReturnType<typeof useDatasets.getState>['datasets'];
  /** a run's curve points as stored in IndexedDB */
  runSeries: (runId: string) => ReturnType<typeof runSeries>;
  /** the epoch of a run's stored checkpoint, null when it has none */
  checkpointEpoch: (runId: string) => Promise<number | null>;
  [familyHook: string]: unknown;
}

declare global {
  interface Window {
    __kilnTest?: KilnTestHook;
  }
}

export function installTestHook(): KilnTestHook {
  const hook: KilnTestHook = {
    ...Object.assign({}, ...FAMILIES.map((f) => f.testHooks)),
    ready: false,
    tune: () => useTune.getState(),
    registry: () => useRegistry.getState(),
    runs: () => useRuns.getState().runs,
    datasets: () => useDatasets.getState().datasets,
    runSeries: (runId) => runSeries(runId),
    checkpointEpoch: async (runId) => (await getCheckpoint(runId))?.epoch ?? null,
  };
  window.__kilnTest = hook;
  return hook;
}
