import { useEffect, useState } from 'react';
import type { GbdtModel } from '../../../ml/models/gbdt/model';
import { explainRows, type Explanation } from '../../../ml/models/gbdt/tree-shap';
import type { GbdtParityRows } from '../../../ml/models/gbdt/train-gbdt';

/** Rows explained for the summary plots: enough for a stable mean |φ| and a readable beeswarm. */
export const EXPLAINED_ROWS = 300;
const CHUNK = 20;

export type ExplanationState = { status: 'idle' } | { status: 'running'; done: number; rows: number } | { status: 'done'; e: Explanation; x: Float32Array } | { status: 'error'; message: string };

/**
 * TreeSHAP of the first validation rows (the run's stored parity rows, in the model's features),
 * a chunk at a time between frames so the tab stays responsive and shows progress; a deeper,
 * longer ensemble takes seconds (leaves × depth² per tree and row).
 */
export function useExplanation(model: GbdtModel | null, parity: GbdtParityRows | null, start: boolean): ExplanationState {
  const [state, setState] = useState<ExplanationState>({ status: 'idle' });
  useEffect(() => {
    if (!start || !model || !parity) return;
    let live = true;
    const F = model.featureNames.length;
    const rows = Math.min(parity.rows, EXPLAINED_ROWS);
    const x = parity.x.subarray(0, rows * F);
    const phi = new Float64Array(rows * model.outputs * F);
    let base: Explanation['base'] = new Float64Array(model.outputs);
    let done = 0;
    const step = () => {
      if (!live) return;
      try {
        const n = Math.min(CHUNK, rows - done);
        const e = explainRows(model, x.subarray(done * F, (done + n) * F), n);
        phi.set(e.phi, done * model.outputs * F);
        base = e.base;
        done += n;
      } catch (err) {
        setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
        return;
      }
      if (done < rows) {
        setState({ status: 'running', done, rows });
        setTimeout(step, 0);
      } else setState({ status: 'done', e: { base, phi, rows, outputs: model.outputs, features: F }, x });
    };
    // the first chunk runs after this render: the panel shows 'Explaining rows: 0 of n' from the idle state meanwhile
    setTimeout(step, 0);
    return () => {
      live = false;
    };
  }, [model, parity, start]);
  return state;
}
