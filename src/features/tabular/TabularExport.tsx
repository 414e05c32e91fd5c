import type { TabularRunRecord } from '../../db/records';
import { ExportView } from '../export/ExportPanel';
import { buildExport, checkInOrt } from './build-tabular-export';

/** Export of a tabular run; the check compares on its validation rows. */
export function ExportPanel({ run }: { run: TabularRunRecord }) {
  return <ExportView build={() => buildExport(run)} check={(bundle) => checkInOrt(run, bundle)} checkedOn="validation rows" />;
}
