import { useEffect } from 'react';
import type { DatasetRecord } from '../../../db/records';
import type { Frame } from '../../../ml/data/frame';
import { useLabeling } from '../../../state/ranker-labeling-store';
import { RankerPanel } from '../RankerPanel';
import { LabelHistory } from './LabelHistory';
import { LabelingView } from './LabelingView';
import { LabelsFile } from './LabelsFile';
import { PoolSetup } from './PoolSetup';

/** The dataset as an item pool: its setup, the labeling view, the labels file and history, and the ranker. */
export function PairwiseWorkspace({ dataset, frame }: { dataset: DatasetRecord; frame: Frame }) {
  const open = useLabeling((s) => s.open);
  const ready = useLabeling((s) => s.poolId === dataset.id && s.frame === frame);
  useEffect(() => {
    void open(dataset.id, dataset.fileName, frame);
  }, [dataset.id, dataset.fileName, frame, open]);
  if (!ready) return <p className="muted">Opening the item pool…</p>;
  return (
    <>
      <PoolSetup frame={frame} />
      <LabelingView />
      <LabelsFile />
      <LabelHistory />
      <RankerPanel dataset={dataset} />
    </>
  );
}
