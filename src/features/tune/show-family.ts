import { useNav } from '../../state/nav-store';
import { useRuns } from '../../state/runs-store';
import { useSequence, type ModelFamilyChoice } from '../../state/sequence-store';

/** The studio with the family's workspace chosen for the dataset, where its training panel follows a run live. */
export function showFamilyStudio(datasetId: string, family: ModelFamilyChoice): void {
  useSequence.getState().setFamily(datasetId, family);
  useRuns.getState().closeRun();
  useNav.getState().go('studio');
}
