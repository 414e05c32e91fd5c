import type { RankerRunRecord } from '../../db/records';
import { ExportView } from '../export/ExportPanel';
import { buildRankerExport, checkRankerInOrt } from './build-ranker-export';

export function RankerExport({ run }: { run: RankerRunRecord }) {
  return <ExportView build={() => buildRankerExport(run)} check={(b) => checkRankerInOrt(run, b)} checkedOn="pool items (scorer) and neighbouring pairs (pairwise graph)" />;
}
