import type { SearchRunRecord } from '../../db/records';
import type { Frame } from '../../ml/data/frame';
import { useDatasets } from '../../state/datasets-store';

/** The search's dataset selected and its rows loaded, as the run to start needs them. */
export async function searchFrame(run: Pick<SearchRunRecord, 'datasetId' | 'datasetName'>): Promise<Frame> {
  const ds = useDatasets.getState();
  if (!ds.datasets.some((d) => d.id === run.datasetId)) throw new Error(`the dataset ${run.datasetName} is no longer stored; import it again to train this config`);
  if (ds.selectedId !== run.datasetId || !ds.frame) await ds.select(run.datasetId);
  const frame = useDatasets.getState().frame;
  if (!frame) throw new Error(`could not load the rows of ${run.datasetName}`);
  return frame;
}
