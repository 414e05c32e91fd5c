import type { CalibratorJson } from '../calibration/calibrator';
import type { TaskKind } from '../task';
import { DOUBLE, type GraphBuilder } from './graph-builder';

/** [N,1] P(positive) → [N,2] class probabilities. */
function twoClass(g: GraphBuilder, p1: string): string {
  const p0 = g.op('Sub', [g.floats('one', [1], [1]), p1]);
  return g.op('Concat', [p0, p1], { axis: 1 });
}

/**
 * Ordinal head: cumulative P(y > j) for j = 0..k−2 from sigmoid logits, made non-increasing
 * (a running Min, as losses.ts does), then differenced into k class probabilities.
 */
function ordinalProbs(g: GraphBuilder, logits: string, classes: number): string {
  const cum = g.op('Sigmoid', [logits]);
  const cols: string[] = [];
  let prev = g.floats('one', [1, 1], [1]);
  const parts: string[] = [];
  for (let j = 0; j < classes - 1; j++) {
    const cj = g.op('Slice', [cum, g.ints('s', [1], [j]), g.ints('e', [1], [j + 1]), g.ints('ax', [1], [1])]);
    const c = g.op('Min', [prev, cj]);
    parts.push(g.op('Sub', [prev, c]));
    cols.push(c);
    prev = c;
  }
  parts.push(prev);
  return g.op('Concat', parts, { axis: 1 });
}

export interface HeadOutputs {
  /** [N, classes] probabilities (classifiers) or [N, 1] prediction (regression) */
  main: string;
  /** what a calibrator reads: P(positive) [N,1] for binary, logits for multiclass */
  logits: string;
  p1?: string;
}

export function taskHead(g: GraphBuilder, kind: TaskKind, logits: string, classes: number, yMean: number, yStd: number): HeadOutputs {
  switch (kind) {
    case 'binary': {
      const p1 = g.op('Sigmoid', [logits]);
      return { main: twoClass(g, p1), logits, p1 };
    }
    case 'multiclass':
      return { main: g.op('Softmax', [logits], { axis: 1 }), logits };
    case 'ordinal':
      return { main: ordinalProbs(g, logits, classes), logits };
    case 'regression': {
      // target units in double: at values in the hundreds float32 alone is coarser than 1e-5
      const z = g.op('Cast', [logits], { to: DOUBLE });
      return { main: g.op('Add', [g.op('Mul', [z, g.doubles('ystd', [1], [yStd])]), g.doubles('ymean', [1], [yMean])]), logits };
    }
  }
}

/**
 * The calibrator inside the graph: isotonic as a sum of clamped linear pieces (exactly np.interp
 * with clipping), Platt as a sigmoid of a·z + b on the logit, temperature as a division.
 */
export function calibratedProbs(g: GraphBuilder, cal: CalibratorJson, head: HeadOutputs): string {
  if (cal.method === 'temperature') return g.op('Softmax', [g.op('Div', [head.logits, g.floats('temperature', [1], [cal.params.temperature])])], { axis: 1 });
  if (!head.p1) throw new Error(`a ${cal.method} calibrator applies to binary models only`);
  if (cal.method === 'platt') {
    if (cal.params.input === 'decision' || cal.params.input === 'logit') {
      // p = 1 / (1 + exp(a·z + b)) = sigmoid(−(a·z + b))
      const az = g.op('Add', [g.op('Mul', [head.logits, g.floats('platt_a', [1], [cal.params.a])]), g.floats('platt_b', [1], [cal.params.b])]);
      const p = g.op('Sigmoid', [g.op('Neg', [az])]);
      const sub = g.op('Sub', [g.floats('one', [1], [1]), p]);
      return g.op('Concat', [sub, p], { axis: 1 });
    }
    throw new Error('a Platt calibrator fitted on probabilities cannot be baked into the graph; fit it on logits');
  }
  const { x, y } = cal.params;
  let p: string;
  if (x.length === 1) {
    p = g.op('Add', [g.op('Mul', [head.p1, g.floats('zero', [1], [0])]), g.floats('iso_y0', [1], [y[0]])]);
  } else {
    const lo = x.slice(0, -1);
    const width = lo.map((v, i) => x[i + 1] - v);
    const slope = width.map((w, i) => (y[i + 1] - y[i]) / w);
    const clipped = g.op('Clip', [head.p1, g.floats('iso_min', [], [x[0]]), g.floats('iso_max', [], [x[x.length - 1]])]);
    const d = g.op('Sub', [clipped, g.floats('iso_lo', [1, lo.length], lo)]);
    const seg = g.op('Min', [g.op('Max', [d, g.floats('zero', [1], [0])]), g.floats('iso_w', [1, width.length], width)]);
    const sum = g.op('ReduceSum', [g.op('Mul', [seg, g.floats('iso_s', [1, slope.length], slope)]), g.ints('axis1', [1], [1])], { keepdims: 1 });
    p = g.op('Add', [sum, g.floats('iso_y0', [1], [y[0]])]);
  }
  return g.op('Concat', [g.op('Sub', [g.floats('one', [1], [1]), p]), p], { axis: 1 });
}
