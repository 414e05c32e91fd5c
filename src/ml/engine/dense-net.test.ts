import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTabularModel, tabularSpec } from '../models/tabular/build-model';
import { defaultTabularConfig, outputWidth } from '../models/tabular/config';
import { taskLoss as tfTaskLoss } from '../models/tabular/losses';
import { kernels as tfKernels } from '../models/loop-utils';
import type { TaskKind } from '../task';
import type { DenseNetSpec } from './dense-net';
import { mulberry32 } from '../data/rng';
import { ACTIVATIONS, type ActivationName } from './kernels';
import { jsKernels } from './js-kernels';
import { denseFixture, denseLoss64, maxRelativeError, randomArray, randomTargets } from './test-helpers';

const ROWS = 7;
const KINDS: { kind: TaskKind; classes: number }[] = [
  { kind: 'binary', classes: 2 },
  { kind: 'multiclass', classes: 4 },
  { kind: 'ordinal', classes: 4 },
  { kind: 'regression', classes: 0 },
];

function spec(kind: TaskKind, classes: number, activation: ActivationName, hidden = [6, 5], l2 = 1e-3): DenseNetSpec {
  return { inputDim: 5, hidden, activation, outputDim: outputWidth(kind, classes), dropout: 0, l2, task: kind };
}

/** The engine's loss and gradient on one batch. */
function engineGrad(s: DenseNetSpec, seed: number) {
  const f = denseFixture(s, jsKernels, ROWS, seed);
  const x = randomArray(ROWS * s.inputDim, seed + 1);
  const t = randomTargets(s.task, ROWS, s.outputDim, seed + 2);
  f.net.input.set(x);
  f.net.forward(f.params, ROWS);
  const loss = f.net.backward(f.params, f.grad, t, ROWS);
  return { ...f, x, t, loss };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('engine DenseNet gradients', () => {
  for (const { kind, classes } of KINDS) {
    for (const activation of ACTIVATIONS.filter((a) => a !== 'linear')) {
      it(`${kind}, ${activation}: the hand-written gradient equals float64 central differences (≤ 1e-4)`, () => {
        const s = spec(kind, classes, activation);
        const e = engineGrad(s, 11);
        const p64 = Float64Array.from(e.params);
        expect(e.loss).toBeCloseTo(denseLoss64(s, p64, e.x, e.t, ROWS), 5);
        const fd = new Float64Array(p64.length);
        const h = 1e-6;
        for (let i = 0; i < p64.length; i++) {
          const keep = p64[i];
          p64[i] = keep + h;
          const up = denseLoss64(s, p64, e.x, e.t, ROWS);
          p64[i] = keep - h;
          const down = denseLoss64(s, p64, e.x, e.t, ROWS);
          p64[i] = keep;
          fd[i] = (up - down) / (2 * h);
        }
        expect(maxRelativeError(e.grad, fd)).toBeLessThanOrEqual(1e-4);
      });
    }
  }

  it('logistic regression (no hidden layer) too', () => {
    const s = spec('binary', 2, 'relu', []);
    const e = engineGrad(s, 5);
    const p64 = Float64Array.from(e.params);
    const fd = p64.map((_, i) => {
      const q = Float64Array.from(p64);
      q[i] += 1e-6;
      const up = denseLoss64(s, q, e.x, e.t, ROWS);
      q[i] -= 2e-6;
      return (up - denseLoss64(s, q, e.x, e.t, ROWS)) / 2e-6;
    });
    expect(maxRelativeError(e.grad, fd)).toBeLessThanOrEqual(1e-4);
  });

  for (const { kind, classes } of KINDS) {
    it(`${kind}: loss and gradient equal TF.js's on the same weights and batch (≤ 1e-4)`, () => {
      const activation = 'tanh' as const;
      const s = spec(kind, classes, activation);
      const e = engineGrad(s, 23);
      const config = { ...defaultTabularConfig(), hiddenUnits: s.hidden, activation, dropout: 0, l2: s.l2 };
      const model = buildTabularModel(tabularSpec(s.inputDim, kind, classes, config));
      // the engine's flat buffer is TF.js's getWeights() order: kernel [in, out], bias [out], per layer
      const shapes = model.getWeights().map((w) => w.shape);
      let at = 0;
      model.setWeights(shapes.map((sh) => tf.tensor(e.params.slice(at, (at += sh.reduce((a, b) => a * b, 1))), sh)));
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const xb = tf.tensor2d(e.x, [ROWS, s.inputDim]);
      const yb = tf.tensor2d(e.t, [ROWS, s.outputDim]);
      const { value, grads } = tf.variableGrads(() => {
        let loss = tfTaskLoss(kind, model.apply(xb, { training: true }) as tf.Tensor2D, yb);
        for (const k of tfKernels(model)) loss = loss.add(tf.sum(tf.square(k)).mul(s.l2));
        return loss;
      }, vars);
      const tfGrad = new Float32Array(e.params.length);
      at = 0;
      for (const v of vars) {
        const g = grads[v.name].dataSync();
        tfGrad.set(g, at);
        at += g.length;
      }
      expect(Math.abs(e.loss - value.dataSync()[0]) / Math.abs(value.dataSync()[0])).toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(e.grad, tfGrad)).toBeLessThanOrEqual(1e-4);
      tf.dispose([xb, yb, value, ...Object.values(grads)]);
      model.dispose();
    });
  }
});

describe('engine dropout', () => {
  it('is off without an rng; in training it drops about `rate` of the units, scales the rest by 1/(1 − rate), and the gradient is that masked network', () => {
    const s: DenseNetSpec = { inputDim: 4, hidden: [50, 6], activation: 'tanh', outputDim: 1, dropout: 0.3, l2: 1e-3, task: 'binary' };
    const rows = 8;
    const f = denseFixture(s, jsKernels, rows, 3);
    const x = randomArray(rows * 4, 4);
    f.net.input.set(x);
    const plain = Float32Array.from(f.net.forward(f.params, rows));
    expect(Array.from(f.net.forward(f.params, rows))).toEqual(Array.from(plain));
    const rng = mulberry32(5);
    const dropped = Float32Array.from(f.net.forward(f.params, rows, rng));
    expect(Array.from(dropped)).not.toEqual(Array.from(plain));
    const m0 = Array.from(f.net.masks[0]);
    const zeros = m0.filter((v) => v === 0).length / m0.length;
    expect(zeros).toBeGreaterThan(0.2);
    expect(zeros).toBeLessThan(0.4);
    expect(new Set(m0.filter((v) => v !== 0))).toEqual(new Set([Math.fround(1 / 0.7)]));
    const t = randomTargets('binary', rows, 1, 9);
    f.net.backward(f.params, f.grad, t, rows);
    const masks = f.net.masks.map((m) => Array.from(m));
    const p64 = Float64Array.from(f.params);
    const fd = p64.map((_, i) => {
      const q = Float64Array.from(p64);
      q[i] += 1e-6;
      const up = denseLoss64(s, q, x, t, rows, masks);
      q[i] -= 2e-6;
      return (up - denseLoss64(s, q, x, t, rows, masks)) / 2e-6;
    });
    expect(maxRelativeError(f.grad, fd)).toBeLessThanOrEqual(1e-4);
  });
});
