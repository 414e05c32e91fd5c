import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFile } from '../../data/parse-file';
import { DEFAULT_PREPROCESS } from '../../data/preprocess';
import { defaultTabularConfig } from './config';
import { prepareTabular } from './prepare';
import { trainTabular } from './train-tabular';
import { sampleBytes } from '../../../test-utils/fixtures';
import { createNodeWasmKernels } from '../../engine/wasm/kernels-wasm-node';
import { paramImportance } from '../../tune/importance';
import { runSearch, suggest } from '../../tune/search';
import { validateSpace } from '../../tune/space';
import { applyTabularParams, defaultTabularMetric, defaultTabularSpace, metricDirection, parseHiddenUnits, tabularObjective, tabularSpaceErrors } from './search-objective';

describe('tabular search adapter', () => {
  it('applies sampled params onto the base config and rejects what it cannot take', () => {
    const base = defaultTabularConfig();
    const c = applyTabularParams(base, { learningRate: 0.01, l2: 1e-5, dropout: 0.2, hiddenUnits: '64x32', batchSize: 16, activation: 'tanh', epochs: 12.4 });
    expect(c).toMatchObject({ learningRate: 0.01, l2: 1e-5, dropout: 0.2, hiddenUnits: [64, 32], batchSize: 16, activation: 'tanh', epochs: 12, seed: base.seed });
    expect(base.hiddenUnits).toEqual([32, 16]);
    expect(parseHiddenUnits('16')).toEqual([16]);
    expect(parseHiddenUnits(8)).toEqual([8]);
    expect(() => parseHiddenUnits('32x')).toThrow('hiddenUnits: "32x" is not a list of layer widths like "32x16"');
    expect(() => applyTabularParams(base, { momentum: 0.9 })).toThrow('momentum: not a tunable setting');
    expect(() => applyTabularParams(base, { activation: 'gelu' })).toThrow('activation: "gelu" is not one of relu, tanh, elu, selu, sigmoid');
    expect(() => applyTabularParams(base, { dropout: 1.2 })).toThrow('dropout must be in [0, 1)');
    expect(() => applyTabularParams(base, { learningRate: 'fast' })).toThrow('learningRate: expected a number, got "fast"');
    expect(validateSpace(defaultTabularSpace())).toEqual([]);
    expect(tabularSpaceErrors(defaultTabularSpace())).toEqual([]);
    expect(tabularSpaceErrors([{ name: 'lr', kind: 'uniform', low: 0, high: 1 }])[0]).toMatch(/^lr: not a tunable setting/);
    expect(metricDirection('accuracy')).toBe('maximize');
    expect(metricDirection('val_loss')).toBe('minimize');
    expect(defaultTabularMetric('regression')).toEqual({ metric: 'mae', direction: 'minimize' });
  });
});

describe('hyperparameter search on wine.csv', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('12 seeded TPE trials with halving finish, prune, and match or beat the default config on the same split', async () => {
    const t0 = performance.now();
    const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
    const features = frame.columns.filter((c) => c.name !== 'cultivar').map((c) => c.name);
    // split seed 2: one of the splits where the default config misses a validation row (seeds 1–12:
    // 9 of them give it 36/36), so "at least the default" is not a foregone tie at 1.0
    const prepared = prepareTabular(frame, { target: 'cultivar', kind: 'multiclass', features }, { strategy: 'stratified', seed: 2, validationFraction: 0.2, testFraction: 0.2 }, DEFAULT_PREPROCESS);
    const before = tf.memory().numTensors;

    const baseline = await trainTabular(prepared, defaultTabularConfig());
    baseline.model.dispose();
    const defaultAcc = baseline.finalMetrics.accuracy;
    const tDefault = performance.now();

    const space = defaultTabularSpace();
    const base = { ...defaultTabularConfig(), epochs: 30 };
    const opts = { space, sampler: 'tpe' as const, tpe: { startupTrials: 4 }, seed: 2024, direction: 'maximize' as const };
    const r = await runSearch({ ...opts, trials: 12, metric: 'accuracy', pruner: { minResource: 3, reductionFactor: 3 }, objective: tabularObjective({ prepared, base, metric: 'accuracy' }) });
    const tSearch = performance.now();

    for (const t of r.trials) {
      const p = t.params;
      console.log(`trial ${t.index}: ${t.state} acc=${t.value?.toFixed(4)} epochs=${t.steps} lr=${(p.learningRate as number).toExponential(2)} l2=${(p.l2 as number).toExponential(2)} dropout=${(p.dropout as number).toFixed(2)} hidden=${p.hiddenUnits} batch=${p.batchSize} ${Math.round(t.durationMs)}ms${t.error ? ' ' + t.error : ''}`);
    }
    // the value a trial reports is what training with its params gives: a retrain reproduces it
    const bestConfig = applyTabularParams(base, r.best?.params ?? {});
    const again = await trainTabular(prepared, bestConfig);
    again.model.dispose();
    const imp = paramImportance(space, r.trials.filter((t) => t.state === 'complete').map((t) => ({ params: t.params, value: t.value ?? NaN })));
    console.log(`default config (60 epochs, early stopping): val accuracy ${defaultAcc.toFixed(4)}, val log loss ${baseline.finalMetrics.log_loss.toFixed(4)}, ${baseline.fit.epochsRun} epochs, ${Math.round(tDefault - t0)} ms`);
    console.log(`best: trial ${r.best?.index} val accuracy ${r.best?.value?.toFixed(4)} (retrained: ${again.finalMetrics.accuracy.toFixed(4)}, val log loss ${again.finalMetrics.log_loss.toFixed(4)}); pruned ${r.trials.filter((t) => t.state === 'pruned').length}/12; search ${Math.round(tSearch - tDefault)} ms`);
    console.log(`best so far: ${r.bestSoFar.map((v) => v?.toFixed(3) ?? '–').join(' ')}`);
    console.log(`importance: ${imp.map((x) => `${x.name} ${x.importance.toFixed(2)}`).join(', ')}`);

    expect(r.trials).toHaveLength(12);
    expect(r.trials.every((t) => t.state !== 'failed')).toBe(true);
    expect(r.trials.some((t) => t.state === 'pruned')).toBe(true);
    expect(r.best).not.toBeNull();
    expect(r.best?.value ?? 0).toBeGreaterThanOrEqual(defaultAcc);
    expect(again.finalMetrics.accuracy).toBe(r.best?.value);
    expect(tf.memory().numTensors).toBe(before);

    // the same seed replays the same params: checked on the sampler with the finished history
    for (const i of [0, 3, 4, 8, 11]) expect(suggest(opts, i, r.trials.slice(0, i))).toEqual(r.trials[i].params);
  });
});

describe("a search's trials on Kiln's engine", () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('each trial samples the same params and reports the same value as on TF.js (to 1e-4, no dropout), leaving no tensors', async () => {
    const frame = await parseFile('wine.csv', sampleBytes('wine.csv'));
    const features = frame.columns.filter((c) => c.name !== 'cultivar').map((c) => c.name);
    const prepared = prepareTabular(frame, { target: 'cultivar', kind: 'multiclass', features }, { strategy: 'stratified', seed: 2, validationFraction: 0.2, testFraction: 0.2 }, DEFAULT_PREPROCESS);
    // dropout off: each engine draws its masks from its own generator, so only then do both take the same path
    const base = { ...defaultTabularConfig(), epochs: 10, dropout: 0 };
    const space = [
      { name: 'learningRate', kind: 'log-uniform' as const, low: 1e-3, high: 3e-2 },
      { name: 'hiddenUnits', kind: 'categorical' as const, choices: ['8', '16x8'] },
      { name: 'batchSize', kind: 'categorical' as const, choices: [16, 32] },
    ];
    // log loss, not accuracy: a figure that moves with every weight, so a mismatch cannot hide in a tie
    const study = { space, trials: 4, sampler: 'random' as const, seed: 11, direction: 'minimize' as const, metric: 'log_loss', pruner: null };
    const ref = await runSearch({ ...study, objective: tabularObjective({ prepared, base, metric: 'log_loss' }) });
    const before = tf.memory().numTensors;
    // counted, so a trial that quietly trained on TF.js (a tie by construction) fails here
    let fits = 0;
    const kernels = (memory: WebAssembly.Memory) => (fits++, createNodeWasmKernels(memory));
    const kiln = await runSearch({ ...study, objective: tabularObjective({ prepared, base, metric: 'log_loss', engine: { kind: 'kiln', kernels } }) });
    expect(fits).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    expect(kiln.trials).toHaveLength(4);
    kiln.trials.forEach((t, i) => {
      const r = ref.trials[i];
      console.log(`trial ${i}: log loss kiln ${t.value} vs TF.js ${r.value} (${JSON.stringify(t.params)})`);
      expect(t.state).toBe('complete');
      expect(t.params).toEqual(r.params);
      expect(t.steps).toBe(r.steps);
      expect(Math.abs((t.value ?? NaN) - (r.value ?? NaN)), `trial ${i}`).toBeLessThanOrEqual(1e-4);
    });
    expect(kiln.best?.index).toBe(ref.best?.index);
  });
});
