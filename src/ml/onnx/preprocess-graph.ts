import type { FittedPreprocess } from '../data/preprocess';
import { FLOAT, STRING, type GraphBuilder } from './graph-builder';

export interface RawInputs {
  /** numeric-like feature columns, in the order of the `numeric` input's columns */
  numeric: string[];
  /** categorical feature columns, in the order of the `categorical` input's columns */
  categorical: string[];
}

export function rawInputs(pre: FittedPreprocess): RawInputs {
  return {
    numeric: pre.steps.filter((s) => s.kind === 'numeric').map((s) => s.column),
    categorical: pre.steps.filter((s) => s.kind === 'onehot').map((s) => s.column),
  };
}

/**
 * The fitted preprocessing (data/preprocess.ts) as ONNX: `numeric` (float, NaN = missing) is imputed,
 * standardized and gets its missing indicators; `categorical` (strings, "" = missing) goes
 * through ai.onnx.ml LabelEncoder and OneHot. Returns the [batch, features] tensor in exactly
 * the order of pre.featureNames, the order the network was trained on.
 */
export function preprocessGraph(g: GraphBuilder, pre: FittedPreprocess): string {

  const pieces: string[] = [];
  const order: string[] = [];
  const numSteps = pre.steps.filter((s) => s.kind === 'numeric');
  if (numSteps.length) {
    const x = g.input('numeric', FLOAT, ['batch', numSteps.length]);
    const nan = g.op('IsNaN', [x]);
    const fill = g.floats('fill', [1, numSteps.length], numSteps.map((s) => s.fill));
    const filled = g.op('Where', [nan, fill, x]);
    const mean = g.floats('mean', [1, numSteps.length], numSteps.map((s) => s.mean));
    const std = g.floats('std', [1, numSteps.length], numSteps.map((s) => s.std));
    pieces.push(g.op('Div', [g.op('Sub', [filled, mean]), std]));
    order.push(...numSteps.map((s) => s.column));
    const withIndicator = numSteps.map((s, i) => (s.indicator ? i : -1)).filter((i) => i >= 0);
    if (withIndicator.length) {
      const flags = g.op('Cast', [nan], { to: FLOAT });
      pieces.push(g.op('Gather', [flags, g.ints('indicator_cols', [withIndicator.length], withIndicator)], { axis: 1 }));
      order.push(...withIndicator.map((i) => `${numSteps[i].column}__missing`));
    }
  }
  const catSteps = pre.steps.filter((s) => s.kind === 'onehot');
  if (catSteps.length) {
    const c = g.input('categorical', STRING, ['batch', catSteps.length]);
    catSteps.forEach((s, j) => {
      const width = s.categories.length + (s.other ? 1 : 0) + (s.missing ? 1 : 0);
      const col = g.op('Gather', [c, g.ints('cat_col', [1], [j])], { axis: 1 });
      // unseen values go to the "other" slot; with no slot, an index past the end one-hots to all zeros
      const other = s.other ? s.categories.length : width;
      const keys = [...s.categories, ''];
      const values = [...s.categories.map((_, k) => k), s.missing ? width - 1 : width];
      const codes = g.op('LabelEncoder', [col], { keys_strings: keys, values_int64s: { ints: values }, default_int64: other }, 'ai.onnx.ml');
      const onehot = g.op('OneHot', [codes, g.ints('depth', [1], [width]), g.floats('onoff', [2], [0, 1])], { axis: -1 });
      pieces.push(g.op('Squeeze', [onehot, g.ints('axis1', [1], [1])]));
      order.push(...s.categories.map((cat) => `${s.column}=${cat}`));
      if (s.other) order.push(`${s.column}=__other__`);
      if (s.missing) order.push(`${s.column}=__missing__`);
    });
  }
  const all = pieces.length === 1 ? pieces[0] : g.op('Concat', pieces, { axis: 1 });
  const perm = pre.featureNames.map((f) => order.indexOf(f));
  if (perm.some((i) => i < 0)) throw new Error(`ONNX preprocessing lost a feature: ${pre.featureNames[perm.indexOf(-1)]}`);
  if (perm.every((i, k) => i === k)) return all;
  return g.op('Gather', [all, g.ints('feature_order', [perm.length], perm)], { axis: 1 });
}

