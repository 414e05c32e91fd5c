import { useFamilyChoice, type FamilyId } from '../../state/family-choice';
import { useNav } from '../../state/nav-store';
import { useRuns } from '../../state/runs-store';

/** The studio with the family's workspace chosen for the dataset, where its training panel follows a run live. */
export function showFamilyStudio(datasetId: string, family: FamilyId): void {
  useFamilyChoice.getState().choose(datasetId, family);
  useRuns.getState().closeRun();
  useNav.getState().go('studio');
}
