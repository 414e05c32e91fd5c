import type { ClusterRunRecord } from '../../db/records';
import { ExportView } from '../export/ExportPanel';
import { buildClusterExport, checkClusterInOrt } from './build-cluster-export';

/** The ONNX graph (nearest centre, preprocessing inside), vocab.json and the assignments CSV, checked on the held-out rows. */
export function ClusterExport({ run }: { run: ClusterRunRecord }) {
  return (
    <div data-testid="cluster-export">
      <ExportView build={() => buildClusterExport(run)} check={(b) => checkClusterInOrt(run, b)} checkedOn="held-out rows (raw, re-read from the dataset)" />
    </div>
  );
}
