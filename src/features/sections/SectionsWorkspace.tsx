import { useEffect } from 'react';
import type { DatasetRecord } from '../../db/records';
import { useSections } from '../../state/sections-store';
import { SectionsSetupForm } from './SectionsSetupForm';
import { SectionsTrainPanel } from './SectionsTrainPanel';
import { SectionsTunePanel } from './SectionsTunePanel';

/** The section classifier on the selected dataset: columns and model, then training and its report, then a search. */
export function SectionsWorkspace({ dataset }: { dataset: DatasetRecord }) {
  const config = useSections((s) => s.setups[dataset.id]);
  const ensure = useSections((s) => s.ensure);
  useEffect(() => ensure(dataset), [dataset, ensure]);
  if (!config) return null;
  return (
    <>
      <SectionsSetupForm dataset={dataset} config={config} />
      <SectionsTrainPanel dataset={dataset} config={config} />
      <SectionsTunePanel dataset={dataset} config={config} />
    </>
  );
}
