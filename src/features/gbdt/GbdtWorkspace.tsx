import { useEffect, useMemo } from 'react';
import type { DatasetRecord } from '../../db/records';
import type { Frame } from '../../ml/data/frame';
import { treeExcludedColumns, treeUsableColumns } from '../../ml/models/gbdt/features';
import { useGbdt } from '../../state/gbdt-store';
import { GbdtSetupForm } from './GbdtSetupForm';
import { GbdtTrainPanel } from './GbdtTrainPanel';
import { GbdtTunePanel } from './GbdtTunePanel';

/** The gradient-boosted trees family for one dataset: setup, then training or cross-validation. */
export function GbdtWorkspace({ dataset, frame }: { dataset: DatasetRecord; frame: Frame }) {
  const usable = useMemo(() => treeUsableColumns(frame), [frame]);
  const excluded = useMemo(() => treeExcludedColumns(frame), [frame]);
  const setup = useGbdt((s) => s.setups[dataset.id]);
  const ensure = useGbdt((s) => s.ensure);
  useEffect(() => {
    ensure(
      dataset.id,
      dataset.stats,
      usable.map((u) => u.column),
    );
  }, [dataset, usable, ensure]);
  if (!setup) return null;
  return (
    <>
      <GbdtSetupForm dataset={dataset} setup={setup} usable={usable} excluded={excluded} />
      <GbdtTrainPanel dataset={dataset} setup={setup} />
      <GbdtTunePanel dataset={dataset} setup={setup} />
    </>
  );
}
