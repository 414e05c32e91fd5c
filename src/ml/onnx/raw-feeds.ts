import type { FittedPreprocess } from '../data/preprocess';
import { cellText, getColumn, isNumericColumn, type Frame } from '../data/frame';
import { rawInputs } from './preprocess-graph';

/**
 * Raw feature values for the exported graph's inputs, straight from a Frame: what a service would
 * send (numbers with NaN for missing, category strings with "" for missing), no Kiln transforms.
 */
export function rawFeeds(frame: Frame, pre: FittedPreprocess, rows: ArrayLike<number>): { numeric: Float32Array; categorical: string[] } {
  const { numeric, categorical } = rawInputs(pre);
  const num = new Float32Array(rows.length * numeric.length);
  numeric.forEach((name, j) => {
    const col = getColumn(frame, name);
    if (!isNumericColumn(col)) throw new Error(`column "${name}" is not numeric`);
    for (let i = 0; i < rows.length; i++) num[i * numeric.length + j] = col.values[rows[i]];
  });
  const cat = new Array<string>(rows.length * categorical.length);
  categorical.forEach((name, j) => {
    const col = getColumn(frame, name);
    for (let i = 0; i < rows.length; i++) cat[i * categorical.length + j] = cellText(col, rows[i]) ?? '';
  });
  return { numeric: num, categorical: cat };
}
