import { useDatasets } from './state/datasets-store';
import { useRuns } from './state/runs-store';
import { useTraining } from './state/training-store';
import { useSequence } from './state/sequence-store';
import { useLabeling } from './state/labeling-store';
import { useRanker } from './state/ranker-store';
import { useGbdt } from './state/gbdt-store';
import { useMatcher } from './state/matcher-store';
import { useRegistry } from './state/registry-store';
import { loadMatcherArtifacts } from './features/matcher/use-matcher-artifacts';
import { useTabularCv } from './state/tabular-cv-store';
import { runSeries } from './db/runs-repo';
import { getCheckpoint } from './db/checkpoints-repo';
import { useTune } from './state/tune-store';

/**
 * window.__kilnTest: what e2e tests read instead of sleeping or scraping. `ready` turns true once
 * stored datasets and runs are loaded and the first render is done.
 */
export interface KilnTestHook {
  ready: boolean;
  training: () => ReturnType<typeof useTraining.getState>;
  sequence: () => ReturnType<typeof useSequence.getState>;
  labeling: () => ReturnType<typeof useLabeling.getState>;
  ranker: () => ReturnType<typeof useRanker.getState>;
  gbdt: () => ReturnType<typeof useGbdt.getState>;
  tabularCv: () => ReturnType<typeof useTabularCv.getState>;
  tune: () => ReturnType<typeof useTune.getState>;
  matcher: () => ReturnType<typeof useMatcher.getState>;
  registry: () => ReturnType<typeof useRegistry.getState>;
  /** a stored matcher run's held-out pair: its section texts and the learned P(match) the studio computed */
  matcherHeldOutPair: (runId: string, index: number) => Promise<{ candidateTexts: string[]; jobTexts: string[]; probability: number }>;
  runs: () => ReturnType<typeof useRuns.getState>['runs'];
  datasets: () => ReturnType<typeof useDatasets.getState>['datasets'];
  /** a run's curve points as stored in IndexedDB */
  runSeries: (runId: string) => ReturnType<typeof runSeries>;
  /** the epoch of a run's stored checkpoint, null when it has none */
  checkpointEpoch: (runId: string) => Promise<number | null>;
}

declare global {
  interface Window {
    __kilnTest?: KilnTestHook;
  }
}

export function installTestHook(): KilnTestHook {
  const hook: KilnTestHook = {
    ready: false,
    training: () => useTraining.getState(),
    sequence: () => useSequence.getState(),
    labeling: () => useLabeling.getState(),
    ranker: () => useRanker.getState(),
    gbdt: () => useGbdt.getState(),
    tabularCv: () => useTabularCv.getState(),
    tune: () => useTune.getState(),
    matcher: () => useMatcher.getState(),
    registry: () => useRegistry.getState(),
    matcherHeldOutPair: async (runId, index) => {
      const { result } = await loadMatcherArtifacts(runId);
      if (!result) throw new Error(`run ${runId} has no stored matcher result`);
      const h = result.heldOut;
      return { candidateTexts: h.candidateTexts[h.candidate[index]], jobTexts: h.jobTexts[h.job[index]], probability: (h.learned.probability ?? h.learned.score)[index] };
    },
    runs: () => useRuns.getState().runs,
    datasets: () => useDatasets.getState().datasets,
    runSeries: (runId) => runSeries(runId),
    checkpointEpoch: async (runId) => (await getCheckpoint(runId))?.epoch ?? null,
  };
  window.__kilnTest = hook;
  return hook;
}
