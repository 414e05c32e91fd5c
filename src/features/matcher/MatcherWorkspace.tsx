import { useEffect } from 'react';
import type { DatasetRecord } from '../../db/records';
import { useDatasets } from '../../state/datasets-store';
import { useMatcher } from '../../state/matcher-store';
import { MatcherSetupForm } from './MatcherSetupForm';
import { MatcherTrainPanel } from './MatcherTrainPanel';
import { MatcherTunePanel } from './MatcherTunePanel';

/** The candidate–job matcher with the selected dataset as its labeled pairs: setup, then fit and report. */
export function MatcherWorkspace({ dataset }: { dataset: DatasetRecord }) {
  const datasets = useDatasets((s) => s.datasets);
  const setup = useMatcher((s) => s.setups[dataset.id]);
  const ensure = useMatcher((s) => s.ensure);
  useEffect(() => ensure(dataset, datasets), [dataset, datasets, ensure]);
  if (!setup) return null;
  return (
    <>
      <MatcherSetupForm pairs={dataset} datasets={datasets} setup={setup} />
      <MatcherTrainPanel pairs={dataset} setup={setup} />
      <MatcherTunePanel pairs={dataset} setup={setup} />
    </>
  );
}
