import type { SectionsRunRecord } from '../../db/records';
import { ExportView } from '../export/ExportPanel';
import { buildSectionsExport, checkSectionsInOrt } from './build-sections-export';

/** model.onnx from raw-text token ids with vocab.json and the tokenizers, checked in onnxruntime-web on the test sections. */
export function SectionsExport({ run }: { run: SectionsRunRecord }) {
  return (
    <div data-testid="sections-export">
      <ExportView build={() => buildSectionsExport(run)} check={(b) => checkSectionsInOrt(run, b)} checkedOn="test sections (raw text → token ids)" />
    </div>
  );
}
