import { useState } from 'react';
import type { MatcherRunRecord } from '../../db/records';
import { ExportView } from '../export/ExportPanel';
import { buildMatcherExport, checkMatcherInOrt, type ShippedWeights } from './build-matcher-export';

/** Export either weighting as one ONNX graph from token ids, with vocab.json, the tokenizers and the calibrator. */
export function MatcherExport({ run }: { run: MatcherRunRecord }) {
  const [which, setWhich] = useState<ShippedWeights>('learned');
  return (
    <div data-testid="matcher-export">
      <label>
        Weights to ship{' '}
        <select data-testid="matcher-export-weights" value={which} onChange={(e) => setWhich(e.target.value as ShippedWeights)}>
          <option value="learned">learned ({run.config.learnedMode})</option>
          <option value="fixed">fixed ({run.config.fixedWeights.join(' / ')})</option>
        </select>
      </label>
      <ExportView key={which} build={() => buildMatcherExport(run, which)} check={(b) => checkMatcherInOrt(run, which, b)} checkedOn="held-out pairs (from token ids)" />
    </div>
  );
}
